import { type DeadlineRule, DEADLINE_RULES, ReminderRulesInput } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** PUT /api/settings/reminder-rules: the whole rule set (validation rules live in #domain ReminderRulesInput). */
export class ReminderRulesDto extends ReminderRulesInput {
  @ApiProperty({ description: '期限前多少个工作日提醒(可多档)', example: [7, 1], type: [Number] })
  declare beforeDays: number[];

  @ApiProperty({ description: '到期当日提醒', example: true })
  declare onDay: boolean;

  @ApiProperty({ description: '逾期后每隔多少个工作日提醒一次(0 不提醒)', example: 3 })
  declare overdueEvery: number;

  @ApiProperty({ description: '逾期多少个工作日起抄送质量强市办(0 不抄送)', example: 5 })
  declare escalateFrom: number;

  @ApiProperty({ description: '哪些提醒同时发给配合单位', example: ['due', 'overdue', 'escalation'], enum: DEADLINE_RULES, isArray: true })
  declare copyCo: DeadlineRule[];

  @ApiProperty({ description: '每月进展报送截止日(1-31,月小取月末)', example: 25 })
  declare reportDueDay: number;

  @ApiProperty({ description: '报送截止前多少个工作日提醒未报送的单位(0 不提醒)', example: 3 })
  declare reportDutyBefore: number;

  @ApiProperty({ description: '发信时段 [开始钟点, 结束钟点),北京时间', example: [9, 18], type: [Number] })
  declare officeHours: [number, number];
}

/** PUT /api/settings/calendar: local holiday adjustments on top of the national calendar (chinese-days). */
export class PublicUrlDto {
  @ApiProperty({ description: '系统访问地址:邮件中链接的开头', example: 'https://duban.example.gov.cn' })
  @IsString({ message: '系统访问地址必须是文字' })
  @MaxLength(300, { message: '系统访问地址不能超过 300 个字符' })
  url!: string;
}

export class CalendarOverridesDto {
  @ApiProperty({ description: '额外的放假日期(YYYY-MM-DD)', example: ['2027-01-01'], type: [String] })
  @IsArray({ message: '放假日期必须是日期列表' })
  holidays!: string[];

  @ApiProperty({ description: '调休上班的周末日期(YYYY-MM-DD)', example: ['2027-02-07'], type: [String] })
  @IsArray({ message: '调休上班日期必须是日期列表' })
  workdays!: string[];
}

/** PUT /api/settings/issuing-office: who issues the official documents and their 文号 (rules in #domain issuingOfficeProblems). */
export class IssuingOfficeDto {
  @ApiProperty({ description: '城市(发文机关全称须包含)', example: '杭州市' })
  @IsString({ message: '城市必须是文字' })
  city!: string;

  @ApiProperty({ description: '发文机关全称', example: '杭州市质量强市工作领导小组办公室' })
  @IsString({ message: '发文机关全称必须是文字' })
  issuer!: string;

  @ApiProperty({ description: '署名(落款)', example: '杭州市质量强市工作领导小组办公室' })
  @IsString({ message: '署名必须是文字' })
  signature!: string;

  @ApiProperty({
    description: '各类公文的文号格式({年}、{号})和每年的起始编号:circular 通报,notice 督办通知单,letter 催办函',
    example: { circular: { pattern: '杭质强办〔{年}〕{号}号', start: 1 }, notice: { pattern: '杭质强办督〔{年}〕{号}号', start: 1 }, letter: { pattern: '杭质强办催〔{年}〕{号}号', start: 1 } },
  })
  @IsObject({ message: '请填写各类公文的文号' })
  numbers!: Record<string, { pattern: string; start: number }>;

  @ApiPropertyOptional({ description: '抄送(单位之间用顿号分隔)', example: '市委办公室、市政府办公室' })
  @IsOptional()
  @IsString({ message: '抄送必须是文字' })
  cc?: string;

  @ApiPropertyOptional({ description: '联系人及电话(督办通知单的反馈方式)', example: '联系人:王明,电话:0571-12345678' })
  @IsOptional()
  @IsString({ message: '联系人及电话必须是文字' })
  contact?: string;
}
