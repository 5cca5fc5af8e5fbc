// Notifications where officials are: a reminder, an urge and decisions reach the departments' users in
// duban (the bell's list) and their 企业微信, 钉钉 and 飞书 group robots, played by local HTTP servers that
// check each request as the platforms document it (signature, timestamp, format) and answer with their
// success and error codes. Then the platforms go down, Redis loses the chat jobs and the worker is
// killed: every message still arrives once.
import { ChatDelivery, InboxNotification, Notification } from '#domain';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { type RunningApp, startApp } from './helpers/app.js';
import { type ChatPlatforms, startChatPlatforms } from './worker-support/chat-platforms.js';
import { type ChildApp, spawnWorker } from './worker-support/processes.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { JOBS, QUEUES, type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const PASSWORD = 'Notify-test-2026';
const SCJ_MAIL = 'scj@duban.test';
const DAY = '2026-11-11';

describe('notifications in duban and in group chats', () => {
  let redis: TestRedis;
  let db: TestDatabase;
  let smtp: TestSmtp;
  let platforms: ChatPlatforms;
  let worker: RunningWorker;
  let api: RunningApp;
  let seed: Awaited<ReturnType<typeof seedPlan>>;
  const tokens: Record<string, string> = {};
  const channelIds: Record<string, number> = {};

  const as = (who: string) => ({ token: tokens[who]! });
  const item = (n: string) => seed.items.get(n)!;

  /** Waits until the worker has nothing left to do for mail, urges and chat (waiting, active, delayed). */
  async function settle(timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const counts = await Promise.all([QUEUES.mail, QUEUES.urge, QUEUES.chat].map((q) => worker.queue(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
      const pendingJobs = await worker.dataSource.query('SELECT COUNT(*) AS n FROM "pending_job"');
      if (counts.every((c) => Object.values(c).every((n) => n === 0)) && Number(pendingJobs[0].n) === 0) return;
      if (Date.now() > until) throw new Error(`not settled: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // Read through the API's connection: it stays open while workers come and go.
  const deliveries = (notificationKey: string) => api.app.get(DataSource).getRepository(ChatDelivery).find({ where: { notificationKey }, order: { channelId: 'ASC' } });
  const texts = (token: string) => platforms.accepted(token).map((r) => JSON.stringify(r.body));

  beforeAll(async () => {
    redis = await startRedis();
    // The API's clock stands on the suite's day too (extensions are asked for before the deadline).
    db = await createTestDatabase({ REDIS_URL: redis.url, DUBAN_CLOCK: at(DAY, 10).toISOString(), DUBAN_PUBLIC_URL: 'http://duban.test' });
    smtp = await startSmtp(() => worker?.clock.now() ?? new Date());
    platforms = await startChatPlatforms();
    worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url, DUBAN_MAIL_USERS: 'true' }), at(DAY, 10));
    seed = await seedPlan(worker.dataSource, {
      departments: [
        { name: '市市场监管局', contactEmails: [SCJ_MAIL] },
        { name: '市发展改革委', contactEmails: [] },
      ],
      items: [
        { number: '1', title: '加强质量文化宣传', deadline: '2026-11-20', lead: '市市场监管局', co: ['市发展改革委'] },
        { number: '2', title: '推进标准化建设', deadline: '2026-12-31', lead: '市市场监管局', co: ['市发展改革委'] },
      ],
    });
    api = await startApp(db);
    const scj = seed.departments.get('市市场监管局')!.id;
    const fgw = seed.departments.get('市发展改革委')!.id;
    for (const [username, role, departmentId] of [
      ['office2', 'coordinator', null],
      ['scj', 'editor', scj],
      ['fgw', 'editor', fgw],
    ] as const) {
      const created = await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, ...(departmentId ? { departmentId } : {}) } });
      expect(created.status).toBe(201);
      tokens[username] = await api.login(username, PASSWORD);
    }
    // The platforms' robots; 市发展改革委's 钉钉 robot was removed from its group (the platform no longer knows it).
    const robots = [
      { name: 'scj-wecom', dept: scj, robot: platforms.add({ platform: 'wecom', token: 'scj-wecom-key', secret: null }), secret: undefined },
      { name: 'scj-ding', dept: scj, robot: platforms.add({ platform: 'dingtalk', token: 'scj-ding-token', secret: 'SECscj-ding-secret' }), secret: 'SECscj-ding-secret' },
      { name: 'scj-feishu', dept: scj, robot: platforms.add({ platform: 'feishu', token: 'scj-feishu-hook', secret: 'scj-feishu-secret' }), secret: 'scj-feishu-secret' },
      { name: 'fgw-ding', dept: fgw, robot: { platform: 'dingtalk' as const, token: 'fgw-ding-removed', secret: 'SECfgw' }, secret: 'SECfgw' },
    ];
    for (const r of robots) {
      const created = await api.request('POST', '/api/chat-channels', { body: { departmentId: r.dept, platform: r.robot.platform, webhookUrl: platforms.url(r.robot), ...(r.secret ? { secret: r.secret } : {}) } });
      expect(created.status).toBe(201);
      channelIds[r.name] = created.body.id;
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await platforms?.stop();
    await smtp?.stop();
    await redis?.stop();
    await db?.cleanup();
  });

  it('shows the browser a masked address and never the secret; refuses bad input in Chinese', async () => {
    const list = await api.request('GET', '/api/chat-channels');
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('scj-ding-token');
    expect(text).not.toContain('SECscj-ding-secret');
    expect(list.body.find((c: { id: number }) => c.id === channelIds['scj-ding'])).toMatchObject({ platform: 'dingtalk', hasSecret: true, webhook: expect.stringMatching(/…oken$/) });
    for (const body of [
      { departmentId: 1, platform: 'slack', webhookUrl: 'https://x.test/hook' },
      { departmentId: 1, platform: 'dingtalk', webhookUrl: 'javascript:alert(1)' },
      { departmentId: 999999, platform: 'feishu', webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/x' },
    ]) {
      const refused = await api.request('POST', '/api/chat-channels', { body });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.message)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await api.request('GET', '/api/chat-channels', as('scj'))).status).toBe(403);
  });

  it('moves a merged department’s robots to the department it was merged into', async () => {
    const old = await api.request('POST', '/api/departments', { body: { name: '市质监局', contactEmails: [] } });
    const robot = await api.request('POST', '/api/chat-channels', { body: { departmentId: old.body.id, platform: 'wecom', webhookUrl: platforms.url({ platform: 'wecom', token: 'old-zjj', secret: null }) } });
    const scj = seed.departments.get('市市场监管局')!.id;
    expect((await api.request('POST', `/api/departments/${scj}/merge`, { body: { from: old.body.id } })).status).toBe(200);
    const moved = (await api.request('GET', '/api/chat-channels')).body.find((c: { id: number }) => c.id === robot.body.id);
    expect([moved.departmentId, moved.departmentName]).toEqual([scj, '市市场监管局']);
    expect((await api.request('DELETE', `/api/chat-channels/${robot.body.id}`)).status).toBe(204);
    expect((await api.request('GET', '/api/chat-channels')).body.map((c: { id: number }) => c.id)).not.toContain(robot.body.id);
  });

  it('sends a test message on 管理 and says what the platform answered', async () => {
    const ok = await api.request('POST', `/api/chat-channels/${channelIds['scj-feishu']}/test`);
    expect(ok.body).toEqual({ ok: true, message: '飞书已收到测试消息' });
    const removed = await api.request('POST', `/api/chat-channels/${channelIds['fgw-ding']}/test`);
    expect(removed.body.ok).toBe(false);
    expect(removed.body.message).toContain('机器人不存在或已被移除');
    expect(texts('scj-feishu-hook').filter((t) => t.includes('督办系统测试消息'))).toHaveLength(1);
  });

  it('brings a deadline reminder to the lead department in duban, by mail and in its three group chats, once each', async () => {
    await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
    await settle();
    const reminders = await worker.dataSource.getRepository(Notification).find({ where: { kind: 'deadline' } });
    expect(reminders.map((r) => [r.itemId, r.rule, r.status])).toEqual([[item('1').id, 'before', 'sent']]);
    const subject = reminders[0]!.subject;
    expect(subject).toContain('1.加强质量文化宣传');
    for (const robot of ['scj-wecom-key', 'scj-ding-token', 'scj-feishu-hook']) {
      const got = texts(robot).filter((t) => t.includes('加强质量文化宣传'));
      expect(got).toHaveLength(1);
      expect(got[0]).toContain(`http://duban.test/#/items/${item('1').id}`);
    }
    expect(smtp.received.filter((m) => m.subject === subject).map((m) => m.rcpt)).toEqual([[SCJ_MAIL]]);
    const inbox = await api.request('GET', '/api/me/notifications', as('scj'));
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items.map((n: { title: string; link: string }) => [n.title, n.link])).toEqual([[subject, `#/items/${item('1').id}`]]);
    // The co-department is not told of a lead's reminder.
    expect((await api.request('GET', '/api/me/notifications', as('fgw'))).body.items).toEqual([]);
    // A second scan the same hour sends nothing again.
    await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
    await settle();
    expect(texts('scj-ding-token').filter((t) => t.includes('加强质量文化宣传'))).toHaveLength(1);
  });

  it('urges lead and co-department: a throttled robot is retried until it takes the message, a removed one is refused once', async () => {
    platforms.throttleNext('scj-ding-token', 2);
    const urge = await api.request('POST', `/api/items/${item('2').id}/urges`, { ...as('office2'), body: { message: '请于本周内报送进展', includeCo: true } });
    expect(urge.status).toBe(201);
    await settle();
    const key = `urge.${urge.body.id}`;
    const rows = await deliveries(key);
    const byChannel = Object.fromEntries(rows.map((d) => [d.channelId, d]));
    expect(byChannel[channelIds['scj-wecom']!]!.status).toBe('sent');
    expect(byChannel[channelIds['scj-feishu']!]!.status).toBe('sent');
    const ding = byChannel[channelIds['scj-ding']!]!;
    expect([ding.status, ding.attempts]).toEqual(['sent', 3]);
    expect(platforms.received.filter((r) => r.token === 'scj-ding-token' && r.code === 410100)).toHaveLength(2);
    expect(texts('scj-ding-token').filter((t) => t.includes('请于本周内报送进展'))).toHaveLength(1);
    const removed = byChannel[channelIds['fgw-ding']!]!;
    expect(removed.status).toBe('failed');
    expect(removed.lastError).toContain('机器人不存在或已被移除');
    expect(platforms.received.filter((r) => r.token === 'fgw-ding-removed')).toHaveLength(2); // the test message and this one, never retried
    const channels = await api.request('GET', '/api/chat-channels');
    expect(channels.body.find((c: { id: number }) => c.id === channelIds['fgw-ding']).lastError).toContain('机器人不存在');
    // 市发展改革委 has no mail address, but its users see the urge in duban.
    const fgw = await api.request('GET', '/api/me/notifications', as('fgw'));
    expect(fgw.body.items.map((n: { title: string }) => n.title)).toEqual(['【催办】2.推进标准化建设']);
  });

  it('tells the departments of decisions: extension approved, item returned, a co-department contribution, a report sent back', async () => {
    const ext = await api.request('POST', `/api/items/${item('2').id}/extensions`, { ...as('scj'), body: { requestedDeadline: '2027-01-29', reason: '需等待省级标准发布' } });
    expect(ext.status).toBe(201);
    expect((await api.request('POST', `/api/extensions/${ext.body.id}/approve`, { ...as('office2'), body: { reason: '同意' } })).status).toBe(200);
    await settle();
    let detail = (await api.request('GET', `/api/items/${item('2').id}`, as('scj'))).body;
    expect((await api.request('POST', `/api/items/${item('2').id}/transitions`, { ...as('scj'), body: { action: 'complete', reason: '标准草案已报送', version: detail.version } })).status).toBe(200);
    detail = (await api.request('GET', `/api/items/${item('2').id}`, as('scj'))).body;
    expect((await api.request('POST', `/api/items/${item('2').id}/transitions`, { ...as('office2'), body: { action: 'return', reason: '佐证材料不全', version: detail.version } })).status).toBe(200);
    const saved = await api.request('PUT', `/api/items/${item('2').id}/reports/2026-11`, { ...as('fgw'), body: { text: '已完成标准草案征求意见', percent: 60 } });
    expect(saved.status).toBe(200);
    expect((await api.request('POST', `/api/items/${item('2').id}/reports/2026-11/submit`, { ...as('fgw'), body: { version: saved.body.version } })).status).toBe(200);
    await settle();
    // 退回补充 of the co-department's report, after its contribution was told.
    expect((await api.request('POST', `/api/progress-reports/${saved.body.id}/return`, { ...as('office2'), body: { text: '请补充征求意见的范围' } })).status).toBe(200);
    await settle();
    const decisions = await worker.dataSource.getRepository(Notification).find({ where: { kind: 'decision' }, order: { id: 'ASC' } });
    expect(decisions.map((d) => [d.rule, d.status])).toEqual([
      ['extension-approved', 'sent'],
      ['item-returned', 'sent'],
      ['contribution-received', 'sent'],
      // 市发展改革委 has no mailbox: no mail, but the notice in duban (below).
      ['report-returned', 'no_recipients'],
    ]);
    const inbox = (await api.request('GET', '/api/me/notifications', as('scj'))).body.items.map((n: { title: string; body: string }) => `${n.title} ${n.body}`);
    expect(inbox.filter((t: string) => t.startsWith('【延期已批准】2.推进标准化建设'))).toHaveLength(1);
    expect(inbox.find((t: string) => t.startsWith('【事项退回】'))).toContain('佐证材料不全');
    expect(inbox.find((t: string) => t.startsWith('【配合进展】'))).toContain('市发展改革委');
    for (const tag of ['延期已批准', '事项退回', '配合进展']) {
      for (const robot of ['scj-wecom-key', 'scj-ding-token', 'scj-feishu-hook']) expect(texts(robot).filter((t) => t.includes(tag))).toHaveLength(1);
      expect(smtp.received.filter((m) => m.subject.includes(tag)).map((m) => m.rcpt)).toEqual([[SCJ_MAIL]]);
    }
    // The item's return is told to the co-department as well; the contribution only to the lead.
    const fgw = (await api.request('GET', '/api/me/notifications', as('fgw'))).body.items.map((n: { title: string }) => n.title);
    expect(fgw.some((t: string) => t.startsWith('【事项退回】'))).toBe(true);
    expect(fgw.some((t: string) => t.startsWith('【配合进展】'))).toBe(false);
    // The report sent back is told to its own department only, with the reason.
    const returned = (await api.request('GET', '/api/me/notifications', as('fgw'))).body.items.filter((n: { title: string }) => n.title.startsWith('【进展退回】'));
    expect(returned.map((n: { body: string }) => n.body)).toEqual([expect.stringContaining('退回理由:请补充征求意见的范围')]);
    expect((await api.request('GET', '/api/me/notifications', as('scj'))).body.items.some((n: { title: string }) => n.title.startsWith('【进展退回】'))).toBe(false);
  });

  it('marks one notice read, then all; nobody reads or marks another user’s', async () => {
    const before = (await api.request('GET', '/api/me/notifications', as('scj'))).body;
    expect(before.unread).toBe(before.items.length);
    const first = before.items[0];
    expect((await api.request('POST', `/api/me/notifications/${first.id}/read`, as('fgw'))).status).toBe(404);
    const read = await api.request('POST', `/api/me/notifications/${first.id}/read`, as('scj'));
    expect(read.body).toEqual({ unread: before.unread - 1 });
    expect((await api.request('GET', '/api/me/notifications/unread-count', as('scj'))).body).toEqual({ unread: before.unread - 1 });
    expect((await api.request('GET', '/api/me/notifications?unread=true', as('scj'))).body.items.map((n: { id: number }) => n.id)).not.toContain(first.id);
    expect((await api.request('GET', '/api/me/notifications?unread=maybe', as('scj'))).status).toBe(400);
    expect((await api.request('POST', '/api/me/notifications/read-all', as('scj'))).body).toEqual({ unread: 0 });
    expect((await api.request('GET', '/api/me/notifications/unread-count', as('fgw'))).body.unread).toBeGreaterThan(0);
  });

  it('mails the responsible users too (DUBAN_MAIL_USERS): a co-department without a mailbox is reached through its user', async () => {
    const fgw = seed.departments.get('市发展改革委')!.id;
    expect((await api.request('POST', '/api/users', { body: { username: 'fgw-li', displayName: '李', password: PASSWORD, role: 'viewer', departmentId: fgw, email: 'li@fgw.test' } })).status).toBe(201);
    const urge = await api.request('POST', `/api/items/${item('2').id}/urges`, { ...as('office2'), body: { message: '请配合单位一并报送', includeCo: true } });
    expect(urge.status).toBe(201);
    await settle();
    expect(smtp.received.filter((m) => m.key === `urge.${urge.body.id}`).map((m) => m.rcpt)).toEqual([['li@fgw.test', SCJ_MAIL].sort()]);
  });

  it('delivers each message once through a platform outage, Redis losing the chat jobs and a killed worker', async () => {
    platforms.setDown(true);
    const urge = await api.request('POST', `/api/items/${item('1').id}/urges`, { ...as('office2'), body: { message: '停机期间的催办', includeCo: false } });
    expect(urge.status).toBe(201);
    const key = `urge.${urge.body.id}`;
    const until = Date.now() + 30_000;
    while ((await deliveries(key)).filter((d) => d.attempts > 0 && d.lastError).length < 3) {
      if (Date.now() > until) throw new Error('the deliveries were never tried');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await deliveries(key)).every((d) => d.status === 'pending' && /无法连接/.test(d.lastError ?? ''))).toBe(true);
    // The in-process worker stops; a built worker takes the deliveries up and is killed while it retries them.
    const attempts = async () => (await deliveries(key)).reduce((n, d) => n + d.attempts, 0);
    const tried = await attempts();
    const clock = worker.clock.now().toISOString();
    await worker.close();
    const child: ChildApp = await spawnWorker({ ...workerEnv(db, redis.url, { SMTP_URL: smtp.url, DUBAN_MAIL_USERS: 'true' }), DUBAN_CLOCK: clock });
    while ((await attempts()) <= tried) {
      if (Date.now() > until + 30_000) throw new Error(`the built worker never tried the deliveries:\n${child.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.child.kill('SIGKILL');
    await new Promise((r) => (child.child.exitCode === null && !child.child.signalCode ? child.child.once('exit', r) : r(undefined)));
    // And Redis loses every chat job.
    const chatQueue = new Queue(QUEUES.chat, { connection: { url: redis.url }, prefix: db.env.REDIS_PREFIX });
    await chatQueue.obliterate({ force: true });
    await chatQueue.close();
    platforms.setDown(false);
    // The next worker's hourly scan gives the pending deliveries their jobs back.
    worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url, DUBAN_MAIL_USERS: 'true' }), new Date(clock));
    await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
    await settle();
    expect((await deliveries(key)).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    for (const robot of ['scj-wecom-key', 'scj-ding-token', 'scj-feishu-hook']) expect(texts(robot).filter((t) => t.includes('停机期间的催办'))).toHaveLength(1);
    // Nothing sent before went out again, and every notice reached each user once.
    for (const robot of ['scj-wecom-key', 'scj-ding-token', 'scj-feishu-hook']) expect(texts(robot).filter((t) => t.includes('请于本周内报送进展'))).toHaveLength(1);
    const inbox = await worker.dataSource.getRepository(InboxNotification).find();
    expect(new Set(inbox.map((n) => `${n.key}/${n.userId}`)).size).toBe(inbox.length);
  }, 120_000);
});
