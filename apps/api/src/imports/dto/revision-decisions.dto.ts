import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { createValidationPipe } from '../../common/validation.js';
import type { RevisionDecisions } from '#plan-import';

/** A pair made (or an uncertain one confirmed) by hand: old item ids to indexes of the new document's items. */
export class RevisionLinkDto {
  @IsArray({ message: 'links[].old 必须是旧版条目 ID 的数组' })
  @ArrayMinSize(1, { message: 'links[].old 至少包含一个旧版条目' })
  @ArrayMaxSize(50, { message: 'links[].old 最多 50 个条目' })
  @IsInt({ each: true, message: 'links[].old 必须是整数' })
  @Min(1, { each: true, message: 'links[].old 必须是正整数' })
  old!: number[];

  @IsArray({ message: 'links[].new 必须是新版条目序号的数组' })
  @ArrayMinSize(1, { message: 'links[].new 至少包含一个新版条目' })
  @ArrayMaxSize(50, { message: 'links[].new 最多 50 个条目' })
  @IsInt({ each: true, message: 'links[].new 必须是整数' })
  @Min(0, { each: true, message: 'links[].new 不能为负数' })
  new!: number[];
}

/** Accept (take the newly printed value) or keep (the tracked one) a printed change of deadline or departments. */
export class ProposalDecisionDto {
  @IsInt({ message: 'proposals[].newIndex 必须是整数' })
  @Min(0, { message: 'proposals[].newIndex 不能为负数' })
  newIndex!: number;

  @IsIn(['deadline', 'departments'], { message: 'proposals[].field 必须是 deadline 或 departments' })
  field!: 'deadline' | 'departments';

  @IsIn(['accept', 'keep'], { message: 'proposals[].decision 必须是 accept(采用新版)或 keep(保留现值)' })
  decision!: 'accept' | 'keep';
}

/** The coordinator's decisions on a revision (the `decisions` field of the save upload, as JSON). */
export class RevisionDecisionsDto implements RevisionDecisions {
  @IsOptional()
  @IsArray({ message: 'links 必须是数组' })
  @ArrayMaxSize(5000, { message: 'links 最多 5000 项' })
  @ValidateNested({ each: true })
  @Type(() => RevisionLinkDto)
  links?: RevisionLinkDto[];

  @IsOptional()
  @IsArray({ message: 'unlinkOld 必须是数组' })
  @ArrayMaxSize(5000, { message: 'unlinkOld 最多 5000 项' })
  @IsInt({ each: true, message: 'unlinkOld 必须是旧版条目 ID(整数)' })
  unlinkOld?: number[];

  @IsOptional()
  @IsArray({ message: 'unlinkNew 必须是数组' })
  @ArrayMaxSize(5000, { message: 'unlinkNew 最多 5000 项' })
  @IsInt({ each: true, message: 'unlinkNew 必须是新版条目序号(整数)' })
  unlinkNew?: number[];

  @IsOptional()
  @IsArray({ message: 'proposals 必须是数组' })
  @ArrayMaxSize(10000, { message: 'proposals 最多 10000 项' })
  @ValidateNested({ each: true })
  @Type(() => ProposalDecisionDto)
  proposals?: ProposalDecisionDto[];
}

/** Parses the `decisions` JSON text of a save upload and validates it like any body (the global pipe); undefined when none was sent. */
export async function parseRevisionDecisions(text: string | undefined): Promise<RevisionDecisionsDto | undefined> {
  if (text === undefined || text.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['decisions 不是有效的 JSON'] });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['decisions 必须是对象,如 {"links": [{"old": [12], "new": [3]}]}'] });
  }
  return (await createValidationPipe().transform(raw, { type: 'body', metatype: RevisionDecisionsDto })) as RevisionDecisionsDto;
}
