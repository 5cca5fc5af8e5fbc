import { calendarFromOverrides, type CalendarOverrides, calendarOverridesProblems, chinaCalendar, type WorkingCalendar } from '../calendar/working-days.js';
import { DEFAULT_REMINDER_RULES, parseReminderRules, type ReminderRuleSettings } from '../reminders/reminder-rules.js';
import { reminderRulesProblems } from '../reminders/reminder-rules-input.js';
import { type IssuingOffice, issuingOfficeProblems } from '../documents/issuing-office.js';

/** The settings the 管理 page can change. */
export const SETTING_KEYS = ['reminderRules', 'calendarOverrides', 'issuingOffice', 'publicUrl'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Where an effective value comes from: the 管理 page, an environment variable, or the built-in default. */
export type SettingSource = 'admin' | 'env' | 'default';

/** The environment's values (DUBAN_REMINDER_RULES, DUBAN_CALENDAR_OVERRIDES), already validated at boot. */
export interface EnvSettings {
  reminderRules?: ReminderRuleSettings;
  calendarOverrides?: CalendarOverrides;
  /** DUBAN_PUBLIC_URL. */
  publicUrl?: string;
}

/** The address users open duban at when nothing sets it. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** Why a public address is not usable in mail links (Chinese), empty when it is. */
export function publicUrlProblems(value: unknown): string[] {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s/?#]+(:\d+)?(\/[^\s?#]*)?$/.test(value)) return ['系统访问地址必须以 http:// 或 https:// 开头,如 https://duban.example.gov.cn'];
  return [];
}

/** Whether the address only works on the server itself (localhost, 127.x, ::1). */
export function isLocalAddress(url: string): boolean {
  const host = /^https?:\/\/(\[[^\]]+\]|[^:/]+)/.exec(url)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '0.0.0.0';
}

/** The warning `npm start` prints when mail goes to real recipients (SMTP) with links to a local address, or null. */
export function publicUrlWarning(publicUrl: string, mailsGoOut: boolean): string | null {
  if (!mailsGoOut || !isLocalAddress(publicUrl)) return null;
  return `警告:邮件将发给真实收件人(已设置 SMTP_URL),但邮件中的链接地址仍是 ${publicUrl},收件人打不开。请设置 DUBAN_PUBLIC_URL,或由管理员在“管理”页设置系统访问地址。`;
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
  /** The address users open duban at: the base of the links in mails. */
  publicUrl: string;
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
  const publicUrl = pick<string>('publicUrl', env.publicUrl, DEFAULT_PUBLIC_URL, publicUrlProblems);
  const calendarOverrides = { holidays: overrides.value.holidays ?? [], workdays: overrides.value.workdays ?? [] };
  return {
    reminderRules: rules.value,
    calendarOverrides,
    publicUrl: publicUrl.value.replace(/\/$/, ''),
    calendar: calendarOverrides.holidays.length || calendarOverrides.workdays.length ? base.withOverrides(calendarOverrides) : base,
    issuingOffice: office.value,
    origin: { reminderRules: rules.origin, calendarOverrides: overrides.origin, issuingOffice: office.origin, publicUrl: publicUrl.origin },
  };
}

/** The environment's settings, parsed (throws naming the variable when one is invalid). */
export function envSettings(reminderRulesJson: string | undefined, calendarOverridesJson: string | undefined, publicUrl?: string): EnvSettings {
  return {
    ...(publicUrl ? { publicUrl } : {}),
    ...(reminderRulesJson ? { reminderRules: parseReminderRules(reminderRulesJson) } : {}),
    ...(calendarOverridesJson ? { calendarOverrides: calendarFromOverrides(calendarOverridesJson) } : {}),
  };
}
