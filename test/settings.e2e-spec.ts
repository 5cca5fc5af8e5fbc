// 管理 → 提醒规则 / 节假日 / 报送日: an administrator changes them through the API, the API applies
// them at once (late reports, working-day deadlines) and a running worker within SETTINGS_TTL_MS.
import { AuditLog, Notification, Setting, SETTINGS_TTL_MS } from '#domain';
import { DataSource, Like } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { JOBS, QUEUES, type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const PASSWORD = 'settings-pass-1';
const RULES = { beforeDays: [7, 1], onDay: true, overdueEvery: 3, escalateFrom: 5, copyCo: ['due', 'overdue', 'escalation'], reportDueDay: 25, reportDutyBefore: 3, officeHours: [9, 18] };

describe('settings saved on the 管理 page', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let ds: DataSource;
  let redis: TestRedis;
  let worker: RunningWorker;
  let seed: Awaited<ReturnType<typeof seedPlan>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    // Friday 2026-10-09, 10:00; Saturday 10-10 is a make-up workday (调休).
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-10-09T10:00:00+08:00' });
    api = await startApp(db);
    ds = api.app.get(DataSource);
    seed = await seedPlan(ds, {
      departments: [{ name: '市市场监管局', contactEmails: ['scj@duban.test'] }],
      items: [
        { number: '1', title: '加强质量文化宣传', deadline: '2026-10-22', lead: '市市场监管局' },
        { number: '2', title: '推进标准化建设', deadline: null, lead: '市市场监管局' },
        { number: '3', title: '开展质量提升行动', deadline: null, lead: '市市场监管局' },
      ],
    });
    const dept = seed.departments.get('市市场监管局')!.id;
    for (const [username, role] of [['ed', 'editor'], ['co', 'coordinator'], ['vi', 'viewer']] as const) {
      const created = await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, ...(role === 'editor' ? { departmentId: dept } : {}) } });
      expect(created.status).toBe(201);
      token[username] = await api.login(username, PASSWORD);
    }
    redis = await startRedis();
    worker = await startWorker(workerEnv(db, redis.url), at('2026-10-09', 10));
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    await api?.close();
    await db?.cleanup();
  });

  const report = async (item: string) => {
    const id = seed.items.get(item)!.id;
    const draft = await api.request('PUT', `/api/items/${id}/reports/2026-10`, { token: token.ed, body: { text: '已按计划推进。' } });
    expect(draft.status).toBe(200);
    return api.request('POST', `/api/items/${id}/reports/2026-10/submit`, { token: token.ed, body: { version: draft.body.version } });
  };
  const deadlineIn3WorkingDays = async (item: string) => {
    const current = await api.get(`/api/items/${seed.items.get(item)!.id}`);
    const set = await api.request('PUT', `/api/items/${current.body.id}/deadline`, { body: { deadline: '3个工作日内', version: current.body.version } });
    expect(set.status).toBe(200);
    return set.body.deadline as string;
  };
  const reminderKeys = async () => (await ds.getRepository(Notification).find({ where: { key: Like(`item.${seed.items.get('1')!.id}.%`) } })).map((n) => n.key);

  it('shows the defaults and where they come from, to the coordinating office only', async () => {
    const view = await api.request('GET', '/api/settings', { token: token.co });
    expect(view.status).toBe(200);
    expect(view.body.reminderRules).toEqual(RULES);
    expect(view.body.origin.reminderRules).toEqual({ source: 'default', updatedAt: null, updatedBy: null });
    expect(view.body.reportingDeadlineThisMonth).toBe('2026-10-25');
    expect(view.body.editable).toBe(false);
    expect((await api.get('/api/settings')).body.editable).toBe(true);
    expect((await api.request('GET', '/api/settings', { token: token.ed })).status).toBe(403);
    expect((await api.request('GET', '/api/settings', { token: token.vi })).status).toBe(403);
  });

  it('refuses invalid rules with Chinese messages and stores nothing', async () => {
    const bad = await api.request('PUT', '/api/settings/reminder-rules', { body: { ...RULES, reportDueDay: 40, officeHours: [18, 9], beforeDays: ['x'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['每月报送日必须在 1 到 31 之间', '办公时间的开始钟点必须早于结束钟点', '提前提醒的工作日数必须是整数']));
    const missing = await api.request('PUT', '/api/settings/reminder-rules', { body: { reportDueDay: 5 } });
    expect(missing.status).toBe(400);
    const calendar = await api.request('PUT', '/api/settings/calendar', { body: { holidays: ['2026-02-30'], workdays: [] } });
    expect([calendar.status, calendar.body.message]).toEqual([400, ['放假日期必须是 YYYY-MM-DD 格式的真实日期:2026-02-30']]);
    const both = await api.request('PUT', '/api/settings/calendar', { body: { holidays: ['2026-10-13'], workdays: ['2026-10-13'] } });
    expect([both.status, both.body.message]).toEqual([400, ['同一天不能既放假又上班:2026-10-13']]);
    expect((await api.request('DELETE', '/api/settings/nothing')).status).toBe(400);
    expect(await ds.getRepository(Setting).count()).toBe(0);
  });

  it('lets only the administrator change them', async () => {
    expect((await api.request('PUT', '/api/settings/reminder-rules', { token: token.co, body: { ...RULES, reportDueDay: 5 } })).status).toBe(403);
    expect((await api.request('PUT', '/api/settings/calendar', { token: token.ed, body: { holidays: [], workdays: [] } })).status).toBe(403);
    expect((await api.request('DELETE', '/api/settings/reminderRules', { token: token.vi })).status).toBe(403);
    expect(await ds.getRepository(Setting).count()).toBe(0);
  });

  it('applies a new reporting day to the next submitted report at once, and audits the change', async () => {
    const onTime = await report('2');
    expect([onTime.status, onTime.body.late]).toEqual([200, false]);
    const saved = await api.request('PUT', '/api/settings/reminder-rules', { body: { ...RULES, reportDueDay: 5 } });
    expect(saved.status).toBe(200);
    expect(saved.body.origin.reminderRules).toEqual(expect.objectContaining({ source: 'admin', updatedBy: 'admin' }));
    expect(saved.body.reportingDeadlineThisMonth).toBe('2026-10-05');
    const late = await report('3');
    expect([late.status, late.body.late]).toEqual([200, true]);
    const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'setting.update' });
    expect(audit.before).toEqual({ key: 'reminderRules', value: RULES });
    expect(audit.after).toEqual({ key: 'reminderRules', value: { ...RULES, reportDueDay: 5 } });
  });

  it('counts working-day deadlines on the saved holiday adjustments', async () => {
    // From Friday 10-09: Saturday 10-10 (调休), Monday 10-12, Tuesday 10-13.
    expect(await deadlineIn3WorkingDays('2')).toBe('2026-10-13');
    const saved = await api.request('PUT', '/api/settings/calendar', { body: { holidays: ['2026-10-13', '2026-10-12', '2026-10-13'], workdays: [] } });
    expect(saved.status).toBe(200);
    expect(saved.body.calendarOverrides).toEqual({ holidays: ['2026-10-12', '2026-10-13'], workdays: [] });
    expect(await deadlineIn3WorkingDays('2')).toBe('2026-10-15');
    const reset = await api.request('DELETE', '/api/settings/calendarOverrides');
    expect([reset.status, reset.body.origin.calendarOverrides.source, reset.body.calendarOverrides]).toEqual([200, 'default', { holidays: [], workdays: [] }]);
    expect(await deadlineIn3WorkingDays('2')).toBe('2026-10-13');
  });

  it('reaches a running worker: its next scan follows the saved reminder rules', async () => {
    // Item 1 is due Thursday 10-22: ten working days after today (10-10, 10-12..16, 10-19..22).
    // The default rules remind 7 and 1 working days before, so nothing is due today ...
    await api.request('DELETE', '/api/settings/reminderRules');
    await new Promise((r) => setTimeout(r, SETTINGS_TTL_MS + 200));
    await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
    expect(await reminderKeys()).toEqual([]);
    // ... until the administrator adds "10 working days before".
    expect((await api.request('PUT', '/api/settings/reminder-rules', { body: { ...RULES, beforeDays: [10, 1] } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, SETTINGS_TTL_MS + 200));
    await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
    await worker.drain();
    expect(await reminderKeys()).toEqual([`item.${seed.items.get('1')!.id}.before.2026-10-22.10`]);
  }, 30_000);
});
