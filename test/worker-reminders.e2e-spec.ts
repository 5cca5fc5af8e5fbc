// Three simulated months of a seed plan (Sep-Nov 2026, with the National Day and Mid-Autumn holidays
// and the make-up workdays 09-20 and 10-10) on real Redis and a real SMTP server, driven by an
// injected clock. The expected mails below were worked out by hand from the reminder rules and the
// State Council's 2026 holiday notice.
import { MonthlyReport, Notification, ProgressReport, shanghai, Urge } from '#domain';
import { SCHEDULERS } from '#queue';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { days, JOBS, QUEUES, type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const SCJ = 'scj@duban.test';
const FGW = ['fgw@duban.test', 'fgw2@duban.test'];
const OFFICE = 'office@duban.test';

describe('worker: three months of reminders', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: TestSmtp;
  let worker: RunningWorker;
  let seed: Awaited<ReturnType<typeof seedPlan>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await startRedis();
    let now = () => new Date(0);
    smtp = await startSmtp(() => now());
    worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url }), at('2026-09-01', 0));
    now = () => worker.clock.now();
    seed = await seedPlan(worker.dataSource, {
      departments: [
        { name: '市市场监管局', contactEmails: [SCJ] },
        { name: '市发展改革委', contactEmails: FGW },
        { name: '市经信局', contactEmails: [] },
      ],
      items: [
        { number: '1', title: '加强质量文化宣传', deadline: '2026-10-09', lead: '市市场监管局', co: ['市发展改革委'] },
        { number: '2', title: '推进标准化建设', deadline: '2026-09-30', lead: '市经信局', co: ['市市场监管局'] },
        { number: '3', title: '开展质量提升行动', deadline: '2026-11-25', lead: '市发展改革委' },
        { number: '4', title: '持续推进品牌建设', deadline: null, lead: '市市场监管局' },
      ],
      coordinatorEmail: OFFICE,
    });

    const ds = worker.dataSource;
    const report = (item: string, department: string, period: string) =>
      ds.getRepository(ProgressReport).save(
        ds.getRepository(ProgressReport).create({
          itemId: seed.items.get(item)!.id,
          departmentId: seed.departments.get(department)!.id,
          role: 'lead',
          period,
          text: `${period} 进展`,
          percent: 50,
          state: 'submitted',
          submittedAt: worker.clock.now(),
          late: false,
          authorId: seed.user.id,
        }),
      );
    const setStatus = (item: string, status: string) => ds.getRepository('Item').update({ id: seed.items.get(item)!.id }, { status });

    for (const day of days('2026-09-01', '2026-11-30')) {
      // What people do that day, before the worker looks.
      if (day === '2026-09-10') await report('3', '市发展改革委', '2026-09');
      if (day === '2026-10-20') await setStatus('2', '暂缓');
      if (day === '2026-10-22') await setStatus('1', '已完成(待审核)');
      if (day === '2026-11-10') await report('4', '市市场监管局', '2026-11');
      if (day.endsWith('-01')) {
        worker.clock.set(at(day, 8));
        // The monthly report schedule fires; a second run the same day changes nothing.
        await worker.run(QUEUES.monthlyReport, JOBS.monthlyReport, { trigger: 'schedule' });
        await worker.run(QUEUES.monthlyReport, JOBS.monthlyReport, { trigger: 'schedule' });
        await worker.drain();
      }
      if (day === '2026-11-03') {
        worker.clock.set(at(day, 10, 30));
        const urge = await ds.getRepository(Urge).save(
          ds.getRepository(Urge).create({
            itemId: seed.items.get('3')!.id,
            fromUserId: seed.user.id,
            message: '请于本周内报送<script>alert(1)</script>进展',
            leadDepartmentId: seed.departments.get('市发展改革委')!.id,
            coDepartmentIds: [],
            createdAt: worker.clock.now(),
            deliveredAt: null,
          }),
        );
        // What the API's UrgeNotifier does: enqueue at once.
        await worker.queue(QUEUES.urge).add(JOBS.urge, { urgeId: urge.id }, { jobId: `urge.${urge.id}` });
        await worker.drain();
      }
      for (const hour of [3, 9, 14]) {
        worker.clock.set(at(day, hour));
        await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
        await worker.run(QUEUES.reportingDuty, JOBS.reportingDuty);
        await worker.drain();
      }
    }
  }, 110_000);

  afterAll(async () => {
    await worker?.close();
    await smtp?.stop();
    await redis?.stop();
    await db?.cleanup();
  });

  const label = async (key: string): Promise<string> => {
    const [kind, id, rest, , occurrence] = key.split('.');
    const numberOf = (itemId: number) => [...seed.items.values()].find((i) => i.id === itemId)!.number;
    const deptOf = (deptId: number) => [...seed.departments.values()].find((d) => d.id === deptId)!.name;
    if (kind === 'item') return `${numberOf(Number(id))}:${rest}#${occurrence}`;
    if (kind === 'duty') return `duty:${deptOf(Number(id))}:${key.split('.')[2]}`;
    if (kind === 'urge') {
      const urge = await worker.dataSource.getRepository(Urge).findOneByOrFail({ id: Number(id) });
      return `urge:${numberOf(urge.itemId)}`;
    }
    const report = await worker.dataSource.getRepository(MonthlyReport).findOneByOrFail({ id: Number(id) });
    return `report:${report.month}`;
  };

  it('sends exactly the expected mails: who, which item, which day', async () => {
    const got = await Promise.all(smtp.received.map(async (m) => `${shanghai(m.at).day} ${await label(m.key)} -> ${m.rcpt.join(',')}`));
    const r = (...list: string[]) => [...list].sort().join(',');
    const expected = [
      `2026-09-01 report:2026-08 -> ${r(OFFICE)}`,
      `2026-09-22 1:before#7 -> ${r(SCJ)}`,
      `2026-09-22 duty:市市场监管局:2026-09 -> ${r(SCJ)}`,
      `2026-09-30 2:due#0 -> ${r(SCJ)}`,
      `2026-10-01 report:2026-09 -> ${r(OFFICE)}`,
      `2026-10-08 1:before#1 -> ${r(SCJ)}`,
      `2026-10-09 1:due#0 -> ${r(SCJ, ...FGW)}`,
      `2026-10-10 2:overdue#1 -> ${r(SCJ)}`,
      `2026-10-13 1:overdue#1 -> ${r(SCJ, ...FGW)}`,
      `2026-10-13 2:escalation#0 -> ${r(OFFICE, SCJ)}`,
      `2026-10-14 2:overdue#2 -> ${r(SCJ, OFFICE)}`,
      `2026-10-15 1:escalation#0 -> ${r(OFFICE, SCJ, ...FGW)}`,
      `2026-10-16 1:overdue#2 -> ${r(SCJ, ...FGW, OFFICE)}`,
      `2026-10-19 2:overdue#3 -> ${r(SCJ, OFFICE)}`,
      `2026-10-21 1:overdue#3 -> ${r(SCJ, ...FGW, OFFICE)}`,
      `2026-10-21 duty:市市场监管局:2026-10 -> ${r(SCJ)}`,
      `2026-10-21 duty:市发展改革委:2026-10 -> ${r(...FGW)}`,
      `2026-11-01 report:2026-10 -> ${r(OFFICE)}`,
      `2026-11-03 urge:3 -> ${r(...FGW)}`,
      `2026-11-16 3:before#7 -> ${r(...FGW)}`,
      `2026-11-20 duty:市发展改革委:2026-11 -> ${r(...FGW)}`,
      `2026-11-24 3:before#1 -> ${r(...FGW)}`,
      `2026-11-25 3:due#0 -> ${r(...FGW)}`,
      `2026-11-30 3:overdue#1 -> ${r(...FGW)}`,
    ];
    expect([...got].sort()).toEqual([...expected].sort());
    expect(new Set(smtp.received.map((m) => m.key)).size).toBe(smtp.received.length);
  });

  it('sends reminders only in office hours on working days (the report at 08:00 on the 1st)', () => {
    for (const m of smtp.received) {
      const { hour } = shanghai(m.at);
      if (m.key.startsWith('report.')) expect(hour).toBe(8);
      else expect(hour).toBeGreaterThanOrEqual(9);
    }
  });

  it('lists departments without contacts instead of skipping them silently', async () => {
    const rows = await worker.dataSource.getRepository(Notification).find({ where: { status: 'no_recipients' }, order: { key: 'ASC' } });
    expect(rows.map((n) => [n.key.replace(/^item\.\d+/, 'item'), n.day, n.missingContacts])).toEqual([
      [`duty.${seed.departments.get('市经信局')!.id}.2026-09`, '2026-09-22', ['市经信局']],
      ['item.before.2026-09-30.1', '2026-09-29', ['市经信局']],
      ['item.before.2026-09-30.7', '2026-09-20', ['市经信局']],
    ]);
    const due = await worker.dataSource.getRepository(Notification).findOneByOrFail({ key: `item.${seed.items.get('2')!.id}.due.2026-09-30.0` });
    expect(due.missingContacts).toEqual(['市经信局']);
  });

  it('marks the urge delivered and escapes what the coordinator typed', async () => {
    const urge = await worker.dataSource.getRepository(Urge).findOneByOrFail({ itemId: seed.items.get('3')!.id });
    expect(urge.deliveredAt).not.toBeNull();
    const row = await worker.dataSource.getRepository(Notification).findOneByOrFail({ key: `urge.${urge.id}` });
    expect(row.html).toContain('请于本周内报送&lt;script&gt;alert(1)&lt;/script&gt;进展');
    expect(row.html).not.toContain('<script>');
    const mail = smtp.received.find((m) => m.key === `urge.${urge.id}`)!;
    expect(mail.subject).toBe('【催办】3.开展质量提升行动');
  });

  it('links each reminder to its item page', async () => {
    const id = seed.items.get('1')!.id;
    const row = await worker.dataSource.getRepository(Notification).findOneByOrFail({ key: `item.${id}.due.2026-10-09.0` });
    expect(row.html).toContain(`href="http://duban.test/#/items/${id}"`);
    expect(row.text).toContain(`http://duban.test/#/items/${id}`);
  });

  it('writes Chinese subjects with the item, and days left or overdue', () => {
    const subjects = smtp.received.map((m) => m.subject);
    expect(subjects).toContain('【督办提醒】1.加强质量文化宣传 距完成期限还有7个工作日');
    expect(subjects).toContain('【逾期提醒】2.推进标准化建设 已逾期6个工作日');
    expect(subjects).toContain('【进展报送提醒】请于2026年10月25日前报送2026年10月工作进展');
  });

  it('registers each Job Scheduler once, however often workers start', async () => {
    const second = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url }), at('2026-12-01', 0));
    try {
      const scan = await worker.queue(QUEUES.reminderScan).getJobSchedulers();
      const duty = await worker.queue(QUEUES.reportingDuty).getJobSchedulers();
      const report = await worker.queue(QUEUES.monthlyReport).getJobSchedulers();
      expect(scan.map((s) => [s.key, s.pattern, s.tz])).toEqual([[SCHEDULERS.reminderScan, '0 * * * *', 'Asia/Shanghai']]);
      expect(duty.map((s) => [s.key, s.tz])).toEqual([[SCHEDULERS.reportingDuty, 'Asia/Shanghai']]);
      expect(report.map((s) => [s.key, s.pattern, s.tz])).toEqual([[SCHEDULERS.monthlyReport, '0 8 1 * *', 'Asia/Shanghai']]);
    } finally {
      await second.close();
    }
  });
});
