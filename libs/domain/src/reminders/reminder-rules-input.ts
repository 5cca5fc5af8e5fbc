import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  validateSync,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  Validate,
  type ValidationError,
} from 'class-validator';
import type { DeadlineRule, ReminderRuleSettings } from './reminder-rules.js';

export const DEADLINE_RULES: readonly DeadlineRule[] = ['before', 'due', 'overdue', 'escalation'];

@ValidatorConstraint({ name: 'officeHoursOrder' })
class OfficeHoursOrder implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' && value[0] < value[1];
  }
  defaultMessage(): string {
    return '办公时间的开始钟点必须早于结束钟点';
  }
}

/**
 * The reminder rules as an input: the one definition of what a valid rule set is, used for
 * DUBAN_REMINDER_RULES at boot and for the 管理 page's form (PUT /api/settings).
 */
export class ReminderRulesInput implements ReminderRuleSettings {
  @IsArray({ message: '提前提醒的工作日数必须是整数列表' })
  @ArrayMaxSize(10, { message: '提前提醒最多 10 档' })
  @IsInt({ each: true, message: '提前提醒的工作日数必须是整数' })
  @Min(1, { each: true, message: '提前提醒的工作日数至少为 1' })
  @Max(60, { each: true, message: '提前提醒的工作日数最多为 60' })
  beforeDays!: number[];

  @IsBoolean({ message: '到期当日是否提醒必须是 是 或 否' })
  onDay!: boolean;

  @IsInt({ message: '逾期提醒间隔必须是整数(0 表示不提醒)' })
  @Min(0, { message: '逾期提醒间隔不能小于 0' })
  @Max(60, { message: '逾期提醒间隔最多 60 个工作日' })
  overdueEvery!: number;

  @IsInt({ message: '抄送质量强市办的逾期工作日数必须是整数(0 表示不抄送)' })
  @Min(0, { message: '抄送质量强市办的逾期工作日数不能小于 0' })
  @Max(250, { message: '抄送质量强市办的逾期工作日数最多 250' })
  escalateFrom!: number;

  @IsArray({ message: '抄送配合单位的提醒必须是列表' })
  @IsIn(DEADLINE_RULES, { each: true, message: '抄送配合单位的提醒只能是 before、due、overdue、escalation' })
  copyCo!: DeadlineRule[];

  @IsInt({ message: '每月报送日必须是整数' })
  @Min(1, { message: '每月报送日必须在 1 到 31 之间' })
  @Max(31, { message: '每月报送日必须在 1 到 31 之间' })
  reportDueDay!: number;

  @IsInt({ message: '报送提醒的提前工作日数必须是整数(0 表示不提醒)' })
  @Min(0, { message: '报送提醒的提前工作日数不能小于 0' })
  @Max(20, { message: '报送提醒的提前工作日数最多 20' })
  reportDutyBefore!: number;

  @IsArray({ message: '办公时间必须是 [开始钟点, 结束钟点]' })
  @ArrayMinSize(2, { message: '办公时间必须是 [开始钟点, 结束钟点]' })
  @ArrayMaxSize(2, { message: '办公时间必须是 [开始钟点, 结束钟点]' })
  @IsInt({ each: true, message: '办公时间的钟点必须是整数' })
  @Min(0, { each: true, message: '办公时间的钟点必须在 0 到 24 之间' })
  @Max(24, { each: true, message: '办公时间的钟点必须在 0 到 24 之间' })
  @Validate(OfficeHoursOrder)
  officeHours!: [number, number];
}

/** "field: message" for each problem of a rule set (empty when valid). */
export function reminderRulesProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['提醒规则必须是一个对象'];
  const errors = validateSync(plainToInstance(ReminderRulesInput, value), { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true });
  const flat = (list: ValidationError[]): string[] =>
    list.flatMap((e) => [
      ...Object.entries(e.constraints ?? {}).map(([key, message]) => (key === 'whitelistValidation' ? `${e.property}: 不支持的设置` : `${e.property}: ${message}`)),
      ...flat(e.children ?? []),
    ]);
  return flat(errors);
}
