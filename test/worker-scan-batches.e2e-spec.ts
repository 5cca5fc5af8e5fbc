// The reminder scan at scale and the mail queue window: the scan records every due reminder once
// (keys only), Redis holds at most MAIL_QUEUE_WINDOW mail jobs (the oldest pending first), and the
// mail worker adds the rest as mail goes out, writing each mail when it sends it: every reminder
// is sent once to the recipients the rules name, and a reminder whose item was completed or given
// a new deadline before its turn is withdrawn, not sent. A second scan adds nothing. (Mail goes to
// the outbox folder: no SMTP_URL.) Expected reminders worked out by hand: on Wed 2026-11-18, a
// deadline of Fri 11-13 is 3 working days past (16th, 17th, 18th): the first overdue reminder, to
// the lead with the co department copied. A deadline of Tue 11-10 is 6 working days past: the
// second overdue reminder (6 >= 5, so the office is copied) and the escalation to the office
// with both departments copied, found new together: one message per item and day, the escalation
// (the overdue reminder is recorded as merged into it, never sent).
import { Assignment, Item, MERGED_INTO_ESCALATION, Notification, Plan, Urge } from '#domain';
import { QueueEvents } from 'bullmq';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { JOBS, QUEUES, type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const OFFICE = 'office@duban.test';
const DEPARTMENTS = ['市市场监管局', '市发展改革委', '市经信局', '市教育局'];
const email = (k: number) => `d${k}@duban.test`;
// 509 reminders = 100 + 8 x 51 + 1: the queue is refilled (51 jobs) each time 49 are left waiting, and the last
// refill leaves exactly one reminder over, which must not be stranded.
const THREE_DAYS = 409;
const SIX_DAYS = 100;
const WINDOW = 100;

describe('worker: a scan over more items than one batch', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let worker: RunningWorker;
  let seed: Awaited<ReturnType<typeof seedPlan>>;
  let first: { created: number };
  let second: { created: number };
  let jobsAfterFirst: string[];
  let rowsAfterFirst: Notification[];
  let jobsAfterSecond: string[];
  let urgeKey: string;
  const sendOrder: string[] = [];
  const waitingSeen: Promise<number>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await startRedis();
    worker = await startWorker(workerEnv(db, redis.url, { MAIL_QUEUE_WINDOW: String(WINDOW) }), at('2026-11-18', 10));
    await worker.queue(QUEUES.mail).pause();
    const item = (i: number, deadline: string | null, status?: string) => ({
      number: String(i + 1),
      title: `任务${i + 1}`,
      deadline,
      lead: DEPARTMENTS[i % 4]!,
      co: [DEPARTMENTS[(i + 1) % 4]!],
      ...(status ? { status } : {}),
    });
    seed = await seedPlan(worker.dataSource, {
      departments: DEPARTMENTS.map((name, k) => ({ name, contactEmails: [email(k)] })),
      items: [
        ...Array.from({ length: THREE_DAYS }, (_, i) => item(i, '2026-11-13')),
        ...Array.from({ length: SIX_DAYS }, (_, i) => item(THREE_DAYS + i, '2026-11-10')),
        // No reminder: reported complete, suspended, no deadline, deadline far off.
        item(1250, '2026-11-13', '已完成(待审核)'),
        item(1251, '2026-11-10', '暂缓'),
        item(1252, null),
        item(1253, '2027-06-30'),
      ],
      coordinatorEmail: OFFICE,
    });
    // A second lead department for the first item: its reminders are still recorded once, addressed to the first lead.
    const assignments = worker.dataSource.getRepository(Assignment);
    await assignments.save(assignments.create({ itemId: itemId(0), departmentId: seed.departments.get(DEPARTMENTS[2]!)!.id, role: 'lead' }));
    first = (await worker.run(QUEUES.reminderScan, JOBS.reminderScan)) as { created: number };
    jobsAfterFirst = await waitingJobs();
    rowsAfterFirst = await worker.dataSource.getRepository(Notification).find({ order: { id: 'ASC' } });
    second = (await worker.run(QUEUES.reminderScan, JOBS.reminderScan)) as { created: number };
    jobsAfterSecond = await waitingJobs();
    // Before their mails go out: the last item of each group is completed, the one before gets a new deadline.
    const items = worker.dataSource.getRepository(Item);
    await items.update({ id: itemId(THREE_DAYS - 1) }, { status: '已完成(待审核)' });
    await items.update({ id: itemId(THREE_DAYS - 2) }, { deadline: '2026-12-31' });
    await items.update({ id: itemId(THREE_DAYS + SIX_DAYS - 1) }, { status: '已完成(待审核)' });
    // And one more is left behind in an older version of the plan (a revised plan replaced it).
    const plans = worker.dataSource.getRepository(Plan);
    const old = await plans.save(plans.create({ ...seed.plan, id: undefined, sha256: 'b'.repeat(64), current: false }));
    await items.update({ id: itemId(THREE_DAYS - 3) }, { planId: old.id });
    // An urge while 100 reminders wait: its mail goes first.
    const urges = worker.dataSource.getRepository(Urge);
    const urge = await urges.save(urges.create({ itemId: itemId(0), fromUserId: seed.user.id, message: '请尽快办理', leadDepartmentId: seed.departments.get(DEPARTMENTS[0]!)!.id, coDepartmentIds: [], createdAt: at('2026-11-18', 10), deliveredAt: null }));
    urgeKey = `urge.${urge.id}`;
    await worker.run(QUEUES.urge, JOBS.urge, { urgeId: urge.id });
    const events = new QueueEvents(QUEUES.mail, { connection: { url: worker.config.REDIS_URL }, prefix: worker.config.REDIS_PREFIX });
    await events.waitUntilReady();
    events.on('completed', ({ jobId }) => {
      sendOrder.push(jobId);
      waitingSeen.push(worker.queue(QUEUES.mail).count());
    });
    await worker.queue(QUEUES.mail).resume();
    await worker.drain(120_000);
    // Completion events arrive through a Redis stream, a moment after the jobs end.
    for (const until = Date.now() + 10_000; sendOrder.length < THREE_DAYS + SIX_DAYS + 1 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    await events.close();
  }, 240_000);

  const itemId = (i: number) => seed.items.get(String(i + 1))!.id;

  const waitingJobs = async () => (await worker.queue(QUEUES.mail).getJobs(['waiting', 'active', 'delayed', 'prioritized'])).map((j) => `${j.id} ${j.name} ${j.data.key}`).sort();

  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    await db?.cleanup();
  });

  const expected = () => {
    const list: { key: string; to: string[]; cc: string[] }[] = [];
    for (let i = 0; i < THREE_DAYS + SIX_DAYS; i++) {
      const id = itemId(i);
      const lead = email(i % 4);
      const co = email((i + 1) % 4);
      if (i < THREE_DAYS) list.push({ key: `item.${id}.overdue.2026-11-13.1`, to: [lead], cc: [co] });
      else list.push({ key: `item.${id}.escalation.2026-11-10.0`, to: [OFFICE], cc: [lead, co] });
    }
    return list.sort((a, b) => a.key.localeCompare(b.key));
  };

  /** The second overdue reminders of the six-days items, merged into their escalations. */
  const merged = () => Array.from({ length: SIX_DAYS }, (_, i) => `item.${itemId(THREE_DAYS + i)}.overdue.2026-11-10.2`).sort();
  const pendingAfterFirst = () => rowsAfterFirst.filter((r) => r.status === 'pending');

  const changed = () => new Set([THREE_DAYS - 1, THREE_DAYS - 2, THREE_DAYS - 3, THREE_DAYS + SIX_DAYS - 1].map(itemId));

  it('records each due reminder once, under its key, its mail not yet written', () => {
    expect(first.created).toBe(THREE_DAYS + SIX_DAYS);
    expect(pendingAfterFirst().map((r) => r.key).sort()).toEqual(expected().map((e) => e.key));
    expect(rowsAfterFirst.filter((r) => r.status !== 'pending').map((r) => [r.key, r.status, r.lastError]).sort()).toEqual(merged().map((key) => [key, 'withdrawn', MERGED_INTO_ESCALATION]));
    expect(rowsAfterFirst.every((r) => r.subject === '' && r.to.length === 0)).toBe(true);
    // As the worker's clock says, through either database's bulk insert.
    expect(new Set(rowsAfterFirst.map((r) => `${r.day} ${r.createdAt.toISOString()} ${r.kind}`))).toEqual(new Set([`2026-11-18 ${at('2026-11-18', 10).toISOString()} deadline`]));
  });

  it('queues mail jobs for the oldest pending reminders only, up to the window', () => {
    expect(jobsAfterFirst).toEqual(
      pendingAfterFirst()
        .slice(0, WINDOW)
        .map((r) => `${r.key} ${JOBS.mail} ${r.key}`)
        .sort(),
    );
  });

  it('adds nothing on the next scan, and leaves the waiting jobs as they are', async () => {
    expect(second.created).toBe(0);
    expect(jobsAfterSecond).toEqual(jobsAfterFirst);
  });

  it('sends an urge ahead of the reminders already waiting', () => {
    expect(sendOrder[0]).toBe(urgeKey);
    expect(sendOrder).toHaveLength(THREE_DAYS + SIX_DAYS + 1);
  });

  it('never holds more than the window of mail jobs in Redis while it works through the log', async () => {
    const seen = await Promise.all(waitingSeen);
    expect(seen.length).toBeGreaterThan(THREE_DAYS);
    expect(Math.max(...seen)).toBeLessThanOrEqual(WINDOW);
  });

  it('sends every other reminder once, to the recipients the rules name, as the window moves on', async () => {
    const rows = await worker.dataSource.getRepository(Notification).find({ where: { kind: 'deadline' } });
    expect(rows).toHaveLength(THREE_DAYS + 2 * SIX_DAYS);
    const sent = rows.filter((r) => r.status === 'sent');
    const stillDue = expected().filter((e) => !changed().has(Number(e.key.split('.')[1])));
    expect(sent.map(({ key, to, cc }) => ({ key, to, cc })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(stillDue);
    expect(sent.every((r) => r.subject.includes('逾期') && r.html.includes(`#/items/${r.itemId}`))).toBe(true);
  });

  it('withdraws the reminders of items completed, given a new deadline or replaced by a revised plan before their turn', async () => {
    const rows = (await worker.dataSource.getRepository(Notification).find({ where: { status: 'withdrawn' } })).filter((r) => r.lastError !== MERGED_INTO_ESCALATION);
    expect(rows.map((r) => r.itemId).sort()).toEqual([itemId(THREE_DAYS - 3), itemId(THREE_DAYS - 2), itemId(THREE_DAYS - 1), itemId(THREE_DAYS + SIX_DAYS - 1)].sort());
    expect(rows.map((r) => r.lastError).sort()).toEqual(['方案已更新,此事项已由新版本替代', '完成期限或提醒规则已变更,此提醒不再适用', '事项状态为“已完成(待审核)”,不再提醒', '事项状态为“已完成(待审核)”,不再提醒'].sort());
    expect(rows.every((r) => r.subject === '' && r.to.length === 0)).toBe(true);
  });
});
