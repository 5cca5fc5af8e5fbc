import { calendarOverridesProblems, chinaCalendar } from '../calendar/working-days.js';
import { reminderRulesProblems } from '../reminders/reminder-rules-input.js';
import { DEFAULT_REMINDER_RULES as DEFAULTS } from '../reminders/reminder-rules.js';
import { envSettings, publicUrlWarning, resolveSettings, type StoredSetting } from './settings.js';

const at = new Date('2026-11-20T02:00:00Z');
const row = (key: string, value: unknown): StoredSetting => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value), updatedAt: at, updatedBy: 'admin' });
const ENV_RULES = { ...DEFAULTS, reportDueDay: 20 };
const SAVED_RULES = { ...DEFAULTS, reportDueDay: 10, beforeDays: [5] };

describe('resolveSettings: 管理 page, else environment, else default', () => {
  it.each([
    ['nothing set', {}, [], DEFAULTS, 'default', undefined],
    ['environment only', { reminderRules: ENV_RULES }, [], ENV_RULES, 'env', undefined],
    ['saved wins over environment', { reminderRules: ENV_RULES }, [row('reminderRules', SAVED_RULES)], SAVED_RULES, 'admin', undefined],
    ['saved wins over default', {}, [row('reminderRules', SAVED_RULES)], SAVED_RULES, 'admin', undefined],
    ['saved but invalid: environment, reported', { reminderRules: ENV_RULES }, [row('reminderRules', { ...SAVED_RULES, reportDueDay: 40 })], ENV_RULES, 'env', /每月报送日/],
    ['saved but not JSON: default, reported', {}, [row('reminderRules', '{oops')], DEFAULTS, 'default', /JSON/],
  ])('%s', (_name, env, stored, rules, source, ignored) => {
    const s = resolveSettings(env, stored);
    expect(s.reminderRules).toEqual(rules);
    expect(s.origin.reminderRules.source).toBe(source);
    if (ignored) expect(s.origin.reminderRules.ignored).toMatch(ignored);
    else expect(s.origin.reminderRules.ignored).toBeUndefined();
  });

  it('applies saved holiday adjustments to the calendar, replacing the environment list', () => {
    const env = { calendarOverrides: { holidays: ['2026-11-24'], workdays: [] } };
    expect(resolveSettings(env, []).calendar.isWorkingDay('2026-11-24')).toBe(false);
    const s = resolveSettings(env, [row('calendarOverrides', { holidays: ['2026-11-23'], workdays: ['2026-11-22'] })]);
    expect(s.origin.calendarOverrides).toEqual({ source: 'admin', updatedAt: at, updatedBy: 'admin' });
    expect([s.calendar.isWorkingDay('2026-11-23'), s.calendar.isWorkingDay('2026-11-22'), s.calendar.isWorkingDay('2026-11-24')]).toEqual([false, true, true]);
    // The national data stays underneath: National Day is still off.
    expect(s.calendar.isWorkingDay('2026-10-02')).toBe(false);
    expect(resolveSettings({}, []).calendar).toBe(chinaCalendar());
  });

  it('reads the environment variables, naming the bad one', () => {
    expect(envSettings(undefined, undefined)).toEqual({});
    expect(envSettings('{"reportDueDay":20}', '{"holidays":["2027-01-04"]}')).toEqual({ reminderRules: ENV_RULES, calendarOverrides: { holidays: ['2027-01-04'], workdays: [] } });
    expect(() => envSettings('{"reportDueDay":0}', undefined)).toThrow(/DUBAN_REMINDER_RULES.*reportDueDay/);
    expect(() => envSettings('[1]', undefined)).toThrow(/DUBAN_REMINDER_RULES/);
    expect(() => envSettings(undefined, 'nope')).toThrow(/DUBAN_CALENDAR_OVERRIDES/);
  });
});

describe('reminderRulesProblems', () => {
  it.each([
    ['the defaults', DEFAULTS, []],
    ['several before-days', { ...DEFAULTS, beforeDays: [10, 5, 1] }, []],
    ['no before-days at all', { ...DEFAULTS, beforeDays: [] }, []],
    ['a zero before-day', { ...DEFAULTS, beforeDays: [0] }, [/beforeDays: 提前提醒的工作日数至少为 1/]],
    ['a fractional interval', { ...DEFAULTS, overdueEvery: 1.5 }, [/overdueEvery: 逾期提醒间隔必须是整数/]],
    ['a text interval', { ...DEFAULTS, escalateFrom: '5' }, [/escalateFrom: .*必须是整数/]],
    ['reporting day 32', { ...DEFAULTS, reportDueDay: 32 }, [/reportDueDay: 每月报送日必须在 1 到 31 之间/]],
    ['office hours reversed', { ...DEFAULTS, officeHours: [18, 9] }, [/officeHours: 办公时间的开始钟点必须早于结束钟点/]],
    ['office hours past midnight', { ...DEFAULTS, officeHours: [9, 25] }, [/officeHours: .*0 到 24/]],
    ['an unknown copy rule', { ...DEFAULTS, copyCo: ['due', 'always'] }, [/copyCo: /]],
    ['onDay as text', { ...DEFAULTS, onDay: 'yes' }, [/onDay: /]],
    ['an unknown setting', { ...DEFAULTS, sendAt: 3 }, [/sendAt: 不支持的设置/]],
    ['a field missing', { ...DEFAULTS, reportDueDay: undefined }, [/reportDueDay: /]],
  ])('%s', (_name, value, expected) => {
    const problems = reminderRulesProblems(value);
    if (expected.length === 0) expect(problems).toEqual([]);
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it('refuses what is not an object', () => {
    expect(reminderRulesProblems([1, 2])).toEqual(['提醒规则必须是一个对象']);
    expect(reminderRulesProblems(null)).toEqual(['提醒规则必须是一个对象']);
  });
});

describe('calendarOverridesProblems', () => {
  it.each([
    ['empty', { holidays: [], workdays: [] }, []],
    ['real days', { holidays: ['2027-01-01', '2027-02-11'], workdays: ['2027-02-07'] }, []],
    ['not a day', { holidays: ['2027-02-30'] }, [/holidays: 放假日期必须是 YYYY-MM-DD 格式的真实日期:2027-02-30/]],
    ['another format', { workdays: ['07.02.2027'] }, [/workdays: 调休上班日期必须是/]],
    ['not a list', { holidays: '2027-01-01' }, [/holidays: 放假日期必须是日期列表/]],
    ['both off and on', { holidays: ['2027-01-02'], workdays: ['2027-01-02'] }, [/同一天不能既放假又上班:2027-01-02/]],
    ['too many', { holidays: Array.from({ length: 1001 }, () => '2027-01-01') }, [/最多 1000 个/]],
  ])('%s', (_name, value, expected) => {
    const problems = calendarOverridesProblems(value);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
  });
});

describe('the public address of mail links', () => {
  it.each([
    ['nothing set', {}, [], 'http://localhost:3000', 'default'],
    ['DUBAN_PUBLIC_URL', { publicUrl: 'https://duban.xm.gov.cn/' }, [], 'https://duban.xm.gov.cn', 'env'],
    ['set on 管理 wins', { publicUrl: 'http://localhost:3000' }, [row('publicUrl', JSON.stringify('https://duban.xm.gov.cn'))], 'https://duban.xm.gov.cn', 'admin'],
    ['saved but invalid: environment', { publicUrl: 'http://10.0.0.5:3000' }, [row('publicUrl', JSON.stringify('duban.xm.gov.cn'))], 'http://10.0.0.5:3000', 'env'],
  ])('%s', (_name, env, stored, url, source) => {
    const s = resolveSettings(env, stored);
    expect([s.publicUrl, s.origin.publicUrl.source]).toEqual([url, source]);
  });

  it.each([
    ['http://localhost:3000', true, true],
    ['http://127.0.0.1:3000', true, true],
    ['http://localhost:3000', false, false],
    ['https://duban.xm.gov.cn', true, false],
    ['http://10.0.0.5:3000', true, false],
  ])('%s, mail to real recipients %s -> warns %s', (url, mailsGoOut, warns) => {
    const warning = publicUrlWarning(url, mailsGoOut);
    expect(warning !== null).toBe(warns);
    if (warning) expect(warning).toContain(url);
  });
});
