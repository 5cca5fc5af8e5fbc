// The reminder scan over more items than it handles at once (it reads facts, renders mails and
// records notifications in batches): every due reminder is recorded once with the right
// recipients and gets one mail job, and a second scan adds nothing. (Sending is paused: the
// three-month test delivers over SMTP; 1,500 mails would take minutes here.) Expected reminders
// worked out by hand: on Wed 2026-11-18, a deadline of Fri 11-13 is 3 working days past (16th,
// 17th, 18th): the first overdue reminder, to the lead with the co department copied. A deadline
// of Tue 11-10 is 6 working days past: the second overdue reminder (6 >= 5, so the office is
// copied) and the escalation to the office with both departments copied.
import { Notification } from '#domain';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { JOBS, QUEUES, type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const OFFICE = 'office@duban.test';
const DEPARTMENTS = ['市市场监管局', '市发展改革委', '市经信局', '市教育局'];
const email = (k: number) => `d${k}@duban.test`;
const THREE_DAYS = 1000;
const SIX_DAYS = 250;

describe('worker: a scan over more items than one batch', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let worker: RunningWorker;
  let seed: Awaited<ReturnType<typeof seedPlan>>;
  let first: { created: number };
  let second: { created: number };
  let jobsAfterFirst: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await startRedis();
    worker = await startWorker(workerEnv(db, redis.url), at('2026-11-18', 10));
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
    first = (await worker.run(QUEUES.reminderScan, JOBS.reminderScan)) as { created: number };
    jobsAfterFirst = await waitingJobs();
    second = (await worker.run(QUEUES.reminderScan, JOBS.reminderScan)) as { created: number };
  }, 120_000);

  const waitingJobs = async () => (await worker.queue(QUEUES.mail).getJobs(['waiting', 'active', 'delayed', 'prioritized'])).map((j) => `${j.id} ${j.name} ${j.data.key}`).sort();

  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    await db?.cleanup();
  });

  const expected = () => {
    const list: { key: string; to: string[]; cc: string[] }[] = [];
    for (let i = 0; i < THREE_DAYS + SIX_DAYS; i++) {
      const id = seed.items.get(String(i + 1))!.id;
      const lead = email(i % 4);
      const co = email((i + 1) % 4);
      if (i < THREE_DAYS) list.push({ key: `item.${id}.overdue.2026-11-13.1`, to: [lead], cc: [co] });
      else {
        list.push({ key: `item.${id}.overdue.2026-11-10.2`, to: [lead], cc: [co, OFFICE] });
        list.push({ key: `item.${id}.escalation.2026-11-10.0`, to: [OFFICE], cc: [lead, co] });
      }
    }
    return list.sort((a, b) => a.key.localeCompare(b.key));
  };

  it('records each due reminder once, addressed as the rules say', async () => {
    const rows = await worker.dataSource.getRepository(Notification).find({ select: { key: true, to: true, cc: true, status: true } });
    expect(first.created).toBe(THREE_DAYS + 2 * SIX_DAYS);
    expect(rows.map(({ key, to, cc }) => ({ key, to, cc })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected());
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
  });

  it('gives each of them one mail job, under its key', () => {
    expect(jobsAfterFirst).toEqual(expected().map((e) => `${e.key} ${JOBS.mail} ${e.key}`).sort());
  });

  it('adds nothing on the next scan, and leaves the waiting jobs as they are', async () => {
    expect(second.created).toBe(0);
    expect(await waitingJobs()).toEqual(jobsAfterFirst);
    expect(await worker.dataSource.getRepository(Notification).count()).toBe(THREE_DAYS + 2 * SIX_DAYS);
  });
});
