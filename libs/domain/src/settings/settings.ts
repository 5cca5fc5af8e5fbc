import { calendarFromOverrides, type CalendarOverrides, calendarOverridesProblems, chinaCalendar, type WorkingCalendar } from '../calendar/working-days.js';
import { DEFAULT_REMINDER_RULES, parseReminderRules, type ReminderRuleSettings } from '../reminders/reminder-rules.js';
import { reminderRulesProblems } from '../reminders/reminder-rules-input.js';
import { type IssuingOffice, issuingOfficeProblems } from '../documents/issuing-office.js';

/** The settings the 管理 page can change. */
export const SETTING_KEYS = ['reminderRules', 'calendarOverrides', 'issuingOffice'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Where an effective value comes from: the 管理 page, an environment variable, or the built-in default. */
export type SettingSource = 'admin' | 'env' | 'default';

/** The environment's values (DUBAN_REMINDER_RULES, DUBAN_CALENDAR_OVERRIDES), already validated at boot. */
export interface EnvSettings {
  reminderRules?: ReminderRuleSettings;
  calendarOverrides?: CalendarOverrides;
}

/** A stored row of the setting table. */
export interface StoredSetting {
  key: string;
  value: string;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface SettingOrigin {
  source: SettingSource;
  updatedAt: Date | null;
  updatedBy: string | null;
  /** A stored value that no longer validates is ignored (and reported here) rather than breaking reminders. */
  ignored?: string;
}

/** What every process uses: rules and calendar, and where each came from. */
export interface EffectiveSettings {
  reminderRules: ReminderRuleSettings;
  calendarOverrides: CalendarOverrides;
  /** chinese-days with the effective overrides applied. */
  calendar: WorkingCalendar;
  /** The issuer of official documents (管理 → 发文设置); null until an administrator sets it (never guessed). */
  issuingOffice: IssuingOffice | null;
  origin: Record<SettingKey, SettingOrigin>;
}

function parseStored<T>(row: StoredSetting | undefined, problems: (value: unknown) => string[]): { value?: T; ignored?: string } {
  if (!row) return {};
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    return { ignored: '保存的设置不是有效的 JSON' };
  }
  const found = problems(value);
  return found.length ? { ignored: found.join('; ') } : { value: value as T };
}

/**
 * The effective settings: a value saved on the 管理 page wins over the environment variable,
 * which wins over the built-in default. Pure apart from the cached chinese-days data.
 */
export function resolveSettings(env: EnvSettings, stored: readonly StoredSetting[], base: WorkingCalendar = chinaCalendar()): EffectiveSettings {
  const row = (key: SettingKey) => stored.find((s) => s.key === key);
  const pick = <T>(key: SettingKey, envValue: T | undefined, fallback: T, problems: (value: unknown) => string[]): { value: T; origin: SettingOrigin } => {
    const r = row(key);
    const parsed = parseStored<T>(r, problems);
    if (parsed.value !== undefined) return { value: parsed.value, origin: { source: 'admin', updatedAt: r!.updatedAt, updatedBy: r!.updatedBy } };
    const origin: SettingOrigin = { source: envValue === undefined ? 'default' : 'env', updatedAt: null, updatedBy: null };
    if (parsed.ignored) origin.ignored = parsed.ignored;
    return { value: envValue ?? fallback, origin };
  };
  const rules = pick<ReminderRuleSettings>('reminderRules', env.reminderRules, DEFAULT_REMINDER_RULES, reminderRulesProblems);
  const overrides = pick<CalendarOverrides>('calendarOverrides', env.calendarOverrides, { holidays: [], workdays: [] }, (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? calendarOverridesProblems(v) : ['节假日调整必须是一个对象'],
  );
  const office = pick<IssuingOffice | null>('issuingOffice', undefined, null, issuingOfficeProblems);
  const calendarOverrides = { holidays: overrides.value.holidays ?? [], workdays: overrides.value.workdays ?? [] };
  return {
    reminderRules: rules.value,
    calendarOverrides,
    calendar: calendarOverrides.holidays.length || calendarOverrides.workdays.length ? base.withOverrides(calendarOverrides) : base,
    issuingOffice: office.value,
    origin: { reminderRules: rules.origin, calendarOverrides: overrides.origin, issuingOffice: office.origin },
  };
}

/** The environment's settings, parsed (throws naming the variable when one is invalid). */
export function envSettings(reminderRulesJson: string | undefined, calendarOverridesJson: string | undefined): EnvSettings {
  return {
    ...(reminderRulesJson ? { reminderRules: parseReminderRules(reminderRulesJson) } : {}),
    ...(calendarOverridesJson ? { calendarOverrides: calendarFromOverrides(calendarOverridesJson) } : {}),
  };
}
