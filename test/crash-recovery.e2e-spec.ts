// Issue 19 finding 10: the built API is killed (SIGKILL) in the middle of a burst of attachment uploads
// and urges 催办; the next API process to start must remove the attachment files that have no row (older
// than the grace period; a younger one may be another process's upload in progress) and queue every
// committed urge not yet delivered at once, without waiting for the worker's hourly scan.
import { buildDataSourceOptions } from '#database';
import { Item, ReportAttachment, Urge } from '#domain';
import { PlanImportService } from '#plan-import';
import { bullRootOptions, QUEUES } from '#queue';
import { Queue } from 'bullmq';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ORPHAN_GRACE_MS } from '../apps/api/src/recovery/startup-recovery.service.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';
import { type ChildApi, spawnApi } from './worker-support/processes.js';

const XIAMEN = '004_60e92da960188409.txt';
const PASSWORD = 'Beng-Kui-Hui-Fu-6';

describe('start-up pass after a kill', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let api: ChildApi | undefined;
  let itemId: number;

  const call = async (base: string, method: string, path: string, token: string | null, body?: unknown) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(base + path, { method, headers, body: payload });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (base: string, username: string, password: string) => (await call(base, 'POST', '/api/auth/login', null, { username, password })).body.token as string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions(db.config));
    await dataSource.initialize();
    const { plan } = await new PlanImportService(dataSource).importFile(join(SEEDS_DIR, XIAMEN));
    itemId = (await dataSource.getRepository(Item).findOneByOrFail({ planId: plan.id, kind: 'task' })).id;
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await dataSource?.destroy();
    await db?.cleanup();
  });

  it('removes orphan attachment files and queues committed urges when the API starts again', async () => {
    api = await spawnApi(db.env, 'API before the kill');
    const admin = await login(api.baseUrl, 'admin', TEST_ADMIN_PASSWORD);
    const dept = (await call(api.baseUrl, 'POST', '/api/departments', admin, { name: '市市场监管局' })).body.id as number;
    expect((await call(api.baseUrl, 'POST', '/api/users', admin, { username: 'lead', displayName: 'lead', password: PASSWORD, role: 'editor', departmentId: dept })).status).toBe(201);
    const item = (await call(api.baseUrl, 'GET', `/api/items/${itemId}`, admin)).body;
    expect((await call(api.baseUrl, 'PUT', `/api/items/${itemId}/assignment`, admin, { lead: dept, version: item.version })).status).toBe(200);
    const lead = await login(api.baseUrl, 'lead', PASSWORD);
    const month = new Date().toISOString().slice(0, 7);
    const report = (await call(api.baseUrl, 'PUT', `/api/items/${itemId}/reports/${month}`, lead, { text: '进展' })).body.id as number;

    // A burst of uploads and urges, and the process killed while they are in flight.
    const burst: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const form = new FormData();
      form.append('file', new Blob([Buffer.alloc(300_000, i)]), `附件${i}.pdf`);
      burst.push(call(api.baseUrl, 'POST', `/api/progress-reports/${report}/attachments`, lead, form).catch(() => null));
      burst.push(call(api.baseUrl, 'POST', `/api/items/${itemId}/urges`, admin, { message: `催办 ${i}` }).catch(() => null));
    }
    await new Promise((r) => setTimeout(r, 150));
    api.child.kill('SIGKILL');
    await Promise.all(burst);
    const killed = api.child;
    if (killed.exitCode === null && killed.signalCode === null) await new Promise((r) => killed.once('exit', r));

    // What the kill windows leave, made certain whatever the burst reached: a file written whose row
    // was never committed, and an urge committed that was never handed to the queue.
    const folder = join(db.dataDir, 'attachments', String(report));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'killed-before-insert.pdf'), 'x');
    const stranded = await dataSource.getRepository(Urge).save({ itemId, fromUserId: 1, message: '提交后进程被杀', leadDepartmentId: dept, coDepartmentIds: [], createdAt: new Date(), deliveredAt: null });
    // Every file so far is older than the grace period; one more is an upload another process may be writing now.
    const old = new Date(Date.now() - ORPHAN_GRACE_MS - 60_000);
    for (const name of readdirSync(folder)) utimesSync(join(folder, name), old, old);
    writeFileSync(join(folder, 'upload-in-progress.pdf'), 'y');

    const before = readdirSync(folder).length;
    api = await spawnApi(db.env, 'API after the kill');
    const queue = new Queue(QUEUES.urge, bullRootOptions(db.config));
    try {
      const rows = async () => new Set((await dataSource.getRepository(ReportAttachment).findBy({ reportId: report })).map((a) => join(db.dataDir, a.storagePath)));
      const undelivered = async () => (await dataSource.getRepository(Urge).findBy({})).filter((u) => u.deliveredAt === null);
      const settled = async () => {
        const kept = await rows();
        const orphans = readdirSync(folder).filter((name) => !kept.has(join(folder, name)) && name !== 'upload-in-progress.pdf');
        const jobs = await Promise.all((await undelivered()).map((u) => queue.getJob(`urge.${u.id}`)));
        return { orphans, unqueued: jobs.filter((j) => !j).length };
      };
      const deadline = Date.now() + 15_000;
      let state = await settled();
      while ((state.orphans.length > 0 || state.unqueued > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        state = await settled();
      }
      expect(state).toEqual({ orphans: [], unqueued: 0 });
      expect(existsSync(join(folder, 'upload-in-progress.pdf'))).toBe(true);
      expect(existsSync(join(folder, 'killed-before-insert.pdf'))).toBe(false);
      expect(await queue.getJob(`urge.${stranded.id}`)).toBeTruthy();
      // Every file with a row is still there.
      for (const path of await rows()) expect(existsSync(path)).toBe(true);
      console.log(`crash: ${before} files after the kill, ${readdirSync(folder).length} after the start-up pass, ${(await undelivered()).length} undelivered urges queued`);
    } finally {
      await queue.close();
    }
  }, 120_000);
});
