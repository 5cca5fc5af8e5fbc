import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** The text fields of an import upload. */
export class ImportDocumentBody {
  /** JSON object: department name as printed → id of an existing department. */
  @IsOptional()
  @IsString({ message: 'mapping 必须是 JSON 文本' })
  @MaxLength(100_000, { message: 'mapping 过长' })
  mapping?: string;

  /** JSON object: the coordinator's decisions on a revision (see RevisionDecisionsDto). */
  @IsOptional()
  @IsString({ message: 'decisions 必须是 JSON 文本' })
  @MaxLength(2_000_000, { message: 'decisions 过长' })
  decisions?: string;

  /** The plan this document revises, where its title does not show it (作为修订版导入). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '要修订的方案编号必须是正整数' })
  @Min(1, { message: '要修订的方案编号必须是正整数' })
  revises?: number;

  mappingObject(): Record<string, number> {
    if (!this.mapping) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.mapping);
    } catch {
      throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['mapping 不是有效的 JSON'] });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['mapping 必须是对象,如 {"市质监局": 12}'] });
    }
    const out: Record<string, number> = {};
    for (const [name, id] of Object.entries(parsed)) {
      if (!Number.isInteger(id) || (id as number) < 1) {
        throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: [`“${name}”对应的单位编号必须是正整数`] });
      }
      out[name] = id as number;
    }
    return out;
  }
}
