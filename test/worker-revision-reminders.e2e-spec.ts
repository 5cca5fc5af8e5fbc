// Reminders across a revision, with the real worker (BullMQ on a Redis of its own, a real SMTP
// server) scanning every working morning from 2024-11-18 to 2024-12-31 and the plan revised through
// the API on 2024-12-24: an item inserted near the top renumbers every item after it, one deadline
// moves to 2025. No reminder may be lost (those due after the revision go out for the successors)
// and none sent twice (those sent before it are not sent again for the successors). The expected
// mails were worked out by hand from the default rules (7 and 1 working days before, on the day
// (the working day before when it falls on a day off), every 3 working days overdue, a copy to the
// office at 5; only the latest stage reached is sent, the later one when two fall on one day) and
// the 2024 calendar (no day off in December but the weekends).
import { Item, Notification, Plan, shanghai } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { In } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { days, JOBS, QUEUES, type RunningWorker, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const REVISIONS = join(process.cwd(), 'test', 'fixtures', 'revisions');
const DEPARTMENTS = { 市市场监管局: 'scj', 市发改委: 'fgw', 市工信局: 'gxj', 市商务局: 'swj', 市教育局: 'jyj' } as const;
const REVISED_ON = '2024-12-24';

describe('worker: reminders across a plan revision are neither lost nor sent twice', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: TestSmtp;
  let api: RunningApp;
  let worker: RunningWorker;
  let v1: Plan;
  let v2: Plan;

  const upload = async (file: string) => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(REVISIONS, file))]), file);
    const saved = await api.request('POST', '/api/imports', { body: form });
    expect(saved.status).toBe(200);
    return saved.body as { status: string; planId: number };
  };

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-11-18T08:00:00+08:00' });
    redis = await startRedis();
    api = await startApp(db);
    for (const [name, mailbox] of Object.entries(DEPARTMENTS)) {
      expect((await api.request('POST', '/api/departments', { body: { name, contactEmails: [`${mailbox}@duban.test`] } })).status).toBe(201);
    }
    const first = await upload('1-insertion.v1.txt');
    expect(first.status).toBe('created');
    let now = () => new Date(0);
    smtp = await startSmtp(() => now());
    worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url, DUBAN_COORDINATOR_EMAILS: 'office@duban.test' }), at('2024-11-18', 0));
    now = () => worker.clock.now();

    for (const day of days('2024-11-18', '2024-12-31')) {
      worker.clock.set(at(day, 10));
      await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
      await worker.drain();
      if (day === REVISED_ON) {
        // In the afternoon, after that morning's reminders went out.
        const revised = await upload('1-insertion.v2.txt');
        expect(revised.status).toBe('revised');
        // A scan the same afternoon finds nothing left to send.
        worker.clock.set(at(day, 16));
        await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
        await worker.drain();
      }
    }
    v1 = await worker.dataSource.getRepository(Plan).findOneByOrFail({ id: first.planId });
    v2 = await worker.dataSource.getRepository(Plan).findOneByOrFail({ seriesKey: v1.seriesKey, version: 2 });
  }, 150_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.stop();
    await redis?.stop();
    await db?.cleanup();
  });

  /** "day version:title rule#occurrence": a deadline mail, by its item's title (numbers change in a revision). */
  async function sent(): Promise<string[]> {
    const items = new Map((await worker.dataSource.getRepository(Item).find({ where: { planId: In([v1.id, v2.id]) } })).map((i) => [i.id, i]));
    // The revision's own notice to the departments (decision.plan-revised) is not a deadline reminder.
    expect(smtp.received.filter((m) => m.key.startsWith('decision.')).map((m) => m.key.split('.')[1])).toEqual(['plan-revised']);
    return smtp.received.filter((m) => !m.key.startsWith('decision.')).map((m) => {
      const [kind, id, rule, , occurrence] = m.key.split('.');
      expect(kind).toBe('item');
      const item = items.get(Number(id))!;
      return `${shanghai(m.at).day} v${item.planId === v1.id ? 1 : 2}:${item.title} ${rule}#${occurrence}`;
    });
  }

  it('sends each reminder once, those due after the revision for the successors', async () => {
    const expected = [
      // 深化标准化改革, due 2024-11-30 (a Saturday), item 2 of version 1 and 3 of version 2.
      '2024-11-21 v1:深化标准化改革 before#7',
      // "1 day before" and "on the day" both fall on Friday 11-29: the later stage only.
      '2024-11-29 v1:深化标准化改革 due#0',
      '2024-12-04 v1:深化标准化改革 overdue#1',
      '2024-12-06 v1:深化标准化改革 escalation#0',
      '2024-12-09 v1:深化标准化改革 overdue#2',
      '2024-12-12 v1:深化标准化改革 overdue#3',
      '2024-12-17 v1:深化标准化改革 overdue#4',
      '2024-12-20 v1:深化标准化改革 overdue#5',
      // After the revision: the series goes on for the successor, no occurrence again.
      '2024-12-25 v2:深化标准化改革 overdue#6',
      '2024-12-30 v2:深化标准化改革 overdue#7',
      // Due 2024-12-31: 7 working days before is 12-20 (version 1), the rest after the revision.
      ...['加强计量能力建设', '强化食品安全监管', '培育区域公用品牌'].flatMap((title) => [`2024-12-20 v1:${title} before#7`, `2024-12-30 v2:${title} before#1`, `2024-12-31 v2:${title} due#0`]),
      // Its deadline moved to 2025-06-30 in version 2: nothing more about 2024-12-31.
      '2024-12-20 v1:开展质量提升行动 before#7',
      // Inserted by the revision (due 2024-12-31): the stage it was already in when it appeared
      // (7 days before) at the next scan, that afternoon, then the rest.
      '2024-12-24 v2:加强知识产权保护 before#7',
      '2024-12-30 v2:加强知识产权保护 before#1',
      '2024-12-31 v2:加强知识产权保护 due#0',
    ];
    expect((await sent()).sort()).toEqual([...expected].sort());
    expect(new Set(smtp.received.map((m) => m.key)).size).toBe(smtp.received.length);
  });

  it('leaves nothing to send on the old version, and the log holds each reminder once', async () => {
    const log = worker.dataSource.getRepository(Notification);
    const oldIds = (await worker.dataSource.getRepository(Item).find({ where: { planId: v1.id }, select: { id: true } })).map((i) => i.id);
    expect(await log.countBy({ itemId: In(oldIds), status: 'pending' })).toBe(0);
    // Every reminder sent before the revision went with its item to the successor (a moved deadline's
    // too, under its old deadline's key), so the successor's history holds it and the scan knows it.
    const moved = await log.find({ where: { status: 'sent', kind: 'deadline' } });
    const v2Ids = new Set((await worker.dataSource.getRepository(Item).find({ where: { planId: v2.id }, select: { id: true } })).map((i) => i.id));
    const titles = new Map((await worker.dataSource.getRepository(Item).find({ where: { planId: In([v1.id, v2.id]) } })).map((i) => [i.id, i.title]));
    expect(moved.filter((n) => !v2Ids.has(n.itemId!)).map((n) => `${titles.get(n.itemId!)} ${n.key}`)).toEqual([]);
    expect(moved.filter((n) => n.key.endsWith('.before.2024-12-31.7')).map((n) => titles.get(n.itemId!)).sort()).toEqual(['加强知识产权保护', '加强计量能力建设', '培育区域公用品牌', '开展质量提升行动', '强化食品安全监管'].sort());
    const perReminder = new Map<string, number>();
    for (const n of moved) {
      const [, , rule, deadline, occurrence] = n.key.split('.');
      const id = `${titles.get(n.itemId!)}|${rule}|${deadline}|${occurrence}`;
      perReminder.set(id, (perReminder.get(id) ?? 0) + 1);
    }
    expect([...perReminder.values()].every((n) => n === 1)).toBe(true);
    expect(moved.length).toBe(smtp.received.filter((m) => m.key.startsWith('item.')).length);
  });
});
