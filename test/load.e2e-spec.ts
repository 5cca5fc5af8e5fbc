// Load: 200 simulated users (180 department editors, 20 coordinators of the 质量强市办) work at once
// for a bounded time against the built API (`node dist/apps/api/src/main.js`, as in production) on
// loopback, over the five seed plans. Editors read their 工作台, item details and lists, save and
// submit progress reports and move their items' status; coordinators read the 督办总览 and the
// overview table, urge, and return, suspend, resume or close items. A stale version is answered
// 409: the user re-reads and tries again (the 409s are counted). Afterwards the database must hold
// exactly what the 2xx answers said: no 5xx, no network error, no lost update. Latency per action
// is printed, not asserted (the machine is small and shared).
import { buildDataSourceOptions, createDataSource } from '#database';
import { ApiToken, AuditLog, Department, Item, ProgressReport, Urge, User } from '#domain';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource, In } from 'typeorm';
import { hashPassword, sha256 } from '../apps/api/src/auth/auth.service.js';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';
import { type ChildApi, spawnApi } from './worker-support/processes.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = '2026-10-20T10:00:00+08:00';
/** How long the users work. */
const DURATION_MS = 15_000;
const EDITORS = 180;
const COORDINATORS = 20;
/**
 * Users created through POST /api/users and signed in through POST /api/auth/login. The others get
 * the same rows directly (one shared argon2id hash, a session token each): an argon2id hash or
 * check takes ~0.2 s of CPU here, and 400 of them would take longer than the whole test may.
 */
const VIA_API = { editors: 8, coordinators: 2 };
const PASSWORD = 'load-test-pass';
/** The months editors report on: the last twelve, up to the clock's month. */
const PERIODS = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 9 - i, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
});

interface SimUser {
  name: string;
  role: 'editor' | 'coordinator';
  token: string;
  departmentId: number | null;
  /** Items the department leads or supports (editors), or all assigned tasks (coordinators). */
  items: number[];
  /** Items the department leads. */
  leadItems: number[];
}

/** What test/helpers/load-users.mjs reports: what the users saw, and the writes answered 2xx. */
interface LoadResult {
  elapsedMs: number;
  samples: Sample[];
  failures: string[];
  conflicts: number;
  /** Successful status changes per item and user. */
  transitions: Record<string, Record<string, number>>;
  /** Texts of the report saves answered 2xx, per report (item|department|period); every text is unique. */
  reportSaves: Record<string, string[]>;
  /** Texts of the saves answered otherwise: they must be nowhere. */
  refusedTexts: string[];
  reportSubmits: Record<string, number>;
  urges: number[];
}

interface Sample {
  action: string;
  ms: number;
  status: number;
}

interface Answer {
  status: number;
  body: any;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}


/** Runs test/helpers/load-users.mjs with its input and output files; rejects when it fails. */
function runUsers(input: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/helpers/load-users.mjs'), input, output], { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the simulated users stopped with code ${code}:\n${errors}`))));
  });
}

describe('load: 200 users updating and reading at once', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let api: ChildApi | undefined;
  const users: SimUser[] = [];
  const initialVersion = new Map<number, number>();
  const initialStatus = new Map<number, string>();

  const openDatabase = async () => {
    const ds = createDataSource(buildDataSourceOptions(db.config), db.config.DATABASE_LOCK_TIMEOUT_MS);
    await ds.initialize();
    return ds;
  };

  /** A setup request (sequential, as the admin). */
  async function call(method: string, path: string, body: unknown, token: string | null): Promise<Answer> {
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(api!.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) };
  }

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: NOW, DUBAN_SESSION_HOURS: '1000' });
    // The seed plans, and the accounts that do not go through the admin API, before the API starts.
    dataSource = await openDatabase();
    await new SeedingService(dataSource).seedIfEmpty(SEEDS_DIR);
    // The seeds name few lead departments: the 质量强市办 gives every task a lead and two co departments
    // (through the API, below), spread over the departments the seeds created.
    const tasks = (await dataSource.getRepository(Item).find({ where: { kind: 'task' }, select: { id: true }, order: { id: 'ASC' } })).map((t) => t.id);
    const departments = (await dataSource.getRepository(Department).find({ select: { id: true }, order: { id: 'ASC' } })).map((d) => d.id);
    expect([tasks.length > 50, departments.length > 15]).toEqual([true, true]);
    const steering = tasks.map((itemId, i) => ({ itemId, lead: departments[i % departments.length]!, co: [departments[(i + 7) % departments.length]!, departments[(i + 13) % departments.length]!] }));
    const itemsOf = new Map<number, { lead: number[]; all: number[] }>(departments.map((d) => [d, { lead: [], all: [] }]));
    for (const s of steering) {
      itemsOf.get(s.lead)!.lead.push(s.itemId);
      for (const d of [s.lead, ...s.co]) itemsOf.get(d)!.all.push(s.itemId);
    }

    const plan = [
      ...Array.from({ length: EDITORS }, (_, i) => ({ name: `editor${i}`, role: 'editor' as const, departmentId: departments[i % departments.length]!, viaApi: i < VIA_API.editors })),
      ...Array.from({ length: COORDINATORS }, (_, i) => ({ name: `coord${i}`, role: 'coordinator' as const, departmentId: null, viaApi: i < VIA_API.coordinators })),
    ];
    const sharedHash = await hashPassword(PASSWORD);
    const direct = plan.filter((p) => !p.viaApi);
    await dataSource.getRepository(User).insert(direct.map((p) => ({ username: p.name, displayName: p.name, passwordHash: sharedHash, role: p.role, departmentId: p.departmentId, email: null, active: true })));
    const ids = new Map((await dataSource.getRepository(User).findBy({ username: In(direct.map((p) => p.name)) })).map((u) => [u.username, u.id]));
    const tokens = new Map(direct.map((p) => [p.name, `dbn_${randomBytes(32).toString('base64url')}`]));
    const expiresAt = new Date(new Date(NOW).getTime() + 1000 * 3_600_000);
    await dataSource.getRepository(ApiToken).insert(direct.map((p) => ({ userId: ids.get(p.name)!, kind: 'session' as const, name: '登录会话', tokenHash: sha256(tokens.get(p.name)!), expiresAt, revokedAt: null })));
    await dataSource.destroy();

    api = await spawnApi({ ...db.env, DUBAN_IMPORT_SEEDS: 'false' });
    const admin = await call('POST', '/api/auth/login', { username: 'admin', password: TEST_ADMIN_PASSWORD }, null);
    expect(admin.status).toBe(200);
    for (const p of plan.filter((x) => x.viaApi)) {
      const created = await call('POST', '/api/users', { username: p.name, displayName: p.name, password: PASSWORD, role: p.role, ...(p.departmentId ? { departmentId: p.departmentId } : {}) }, admin.body.token);
      expect(created.status).toBe(201);
      const login = await call('POST', '/api/auth/login', { username: p.name, password: PASSWORD }, null);
      expect(login.status).toBe(200);
      tokens.set(p.name, login.body.token);
    }
    const groups = new Map<string, { itemIds: number[]; lead: number; co: number[] }>();
    for (const s of steering) {
      const key = JSON.stringify([s.lead, s.co]);
      const group = groups.get(key) ?? { itemIds: [], lead: s.lead, co: s.co };
      group.itemIds.push(s.itemId);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const assigned = await call('POST', '/api/assignments/bulk', group, admin.body.token);
      expect([assigned.status, assigned.body.updated]).toEqual([200, group.itemIds.length]);
    }
    // The versions the users start from.
    for (const itemId of tasks) {
      const item = await call('GET', `/api/items/${itemId}`, undefined, admin.body.token);
      initialVersion.set(itemId, item.body.version as number);
      initialStatus.set(itemId, item.body.status as string);
    }
    for (const p of plan) {
      const own = p.departmentId === null ? null : itemsOf.get(p.departmentId)!;
      users.push({ name: p.name, role: p.role, token: tokens.get(p.name)!, departmentId: p.departmentId, items: own ? own.all : tasks, leadItems: own ? own.lead : [] });
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.cleanup();
  });

  it('serves every request without a 5xx or a network error, and the database holds every 2xx write', async () => {
    let result: LoadResult;
    // The users run in a process of their own (plain Node, as a browser's requests would come).
    const dir = mkdtempSync(join(tmpdir(), 'duban-load-'));
    try {
      writeFileSync(join(dir, 'input.json'), JSON.stringify({ baseUrl: api!.baseUrl, durationMs: DURATION_MS, periods: PERIODS, users }));
      await runUsers(join(dir, 'input.json'), join(dir, 'output.json'));
      result = JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8')) as LoadResult;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await api!.stop();
    const { samples, failures, conflicts, elapsedMs, transitions, reportSaves, reportSubmits, urges } = result;
    const refusedTexts = new Set(result.refusedTexts);
    if (failures.length) console.log(`API output:\n${api!.output().slice(-3000)}`);

    // Latency and throughput per action (a report, not an assertion: the machine is shared).
    const actions = [...new Set(samples.map((s) => s.action))].sort();
    const rows = actions.map((action) => {
      const mine = samples.filter((s) => s.action === action);
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
      return [action, mine.length, (mine.length / (elapsedMs / 1000)).toFixed(1), percentile(ms, 50).toFixed(0), percentile(ms, 95).toFixed(0), percentile(ms, 99).toFixed(0), mine.filter((s) => s.status === 409).length];
    });
    const all = samples.map((s) => s.ms).sort((a, b) => a - b);
    rows.push(['all', samples.length, (samples.length / (elapsedMs / 1000)).toFixed(1), percentile(all, 50).toFixed(0), percentile(all, 95).toFixed(0), percentile(all, 99).toFixed(0), conflicts]);
    const header = ['action', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '409'];
    console.log(
      [`load on ${db.driver}: ${users.length} users for ${(elapsedMs / 1000).toFixed(1)} s, ${failures.length} errors`, [header, ...rows].map((r) => r.map((c, i) => String(c).padStart(i === 0 ? 14 : 9)).join('')).join('\n')].join('\n'),
    );

    expect(failures).toEqual([]);
    // The users did work of every kind, and some of it collided.
    for (const action of ['workbench', 'item', 'list', 'report.save', 'report.submit', 'transition', 'urge', 'overview', 'audit']) {
      expect([action, samples.filter((s) => s.action === action && s.status >= 200 && s.status < 300).length > 0]).toEqual([action, true]);
    }

    dataSource = await openDatabase();
    const audit = async (actions: string[]) =>
      dataSource.getRepository(AuditLog).find({ where: { action: In(actions) }, order: { id: 'ASC' }, select: { id: true, action: true, itemId: true, entityId: true, username: true, before: true, after: true } });

    // Items: each successful status change wrote one new version and one audit entry by its user; none was lost or doubled.
    const items = await dataSource.getRepository(Item).find({ where: { id: In([...initialVersion.keys()]) }, select: { id: true, version: true, status: true } });
    const changes = new Map<number, { username: string; version: number; status: string; from: { version: number; status: string } }[]>();
    for (const row of await audit(['item.transition'])) {
      const after = row.after as { version: number; status: string };
      const from = row.before as { version: number; status: string };
      changes.set(row.itemId!, [...(changes.get(row.itemId!) ?? []), { username: row.username, version: after.version, status: after.status, from }]);
    }
    const itemProblems: string[] = [];
    for (const item of items) {
      const answered = Object.entries(transitions[item.id] ?? {});
      const total = answered.reduce((n, [, c]) => n + c, 0);
      const written = (changes.get(item.id) ?? []).sort((a, b) => a.version - b.version);
      const first = initialVersion.get(item.id)!;
      if (item.version !== first + total) itemProblems.push(`item ${item.id}: version ${item.version}, expected ${first} + ${total} answered changes`);
      if (JSON.stringify(written.map((w) => w.version)) !== JSON.stringify(written.map((_, i) => first + 1 + i))) itemProblems.push(`item ${item.id}: audit versions ${written.map((w) => w.version)}`);
      const byUser = new Map<string, number>();
      for (const w of written) byUser.set(w.username, (byUser.get(w.username) ?? 0) + 1);
      if (JSON.stringify([...byUser].sort()) !== JSON.stringify(answered.sort())) itemProblems.push(`item ${item.id}: audit by user ${JSON.stringify([...byUser])}, answered ${JSON.stringify(answered)}`);
      if (written.length && item.status !== written.at(-1)!.status) itemProblems.push(`item ${item.id}: status ${item.status}, last change to ${written.at(-1)!.status}`);
      // Each change started from what the previous one left: nobody wrote over a state they had not seen.
      written.forEach((w, i) => {
        const previous = i === 0 ? { version: first, status: initialStatus.get(item.id)! } : { version: written[i - 1]!.version, status: written[i - 1]!.status };
        if (w.from.version !== previous.version || w.from.status !== previous.status) itemProblems.push(`item ${item.id}: change to version ${w.version} started from ${JSON.stringify(w.from)}, not ${JSON.stringify(previous)}`);
      });
    }
    expect(itemProblems).toEqual([]);
    expect(Object.keys(transitions).length).toBeGreaterThan(0);

    // Progress reports: every answered save is in the log once, refused ones nowhere; the report holds the last save.
    const reports = await dataSource.getRepository(ProgressReport).find();
    expect(reports.map((r) => `${r.itemId}|${r.departmentId}|${r.period}`).sort()).toEqual(Object.keys(reportSaves).sort());
    const reportLog = new Map<number, { action: string; version: number; text: string; from: number | null }[]>();
    for (const row of await audit(['report.create', 'report.save', 'report.submit'])) {
      const after = row.after as { version: number; text: string };
      const from = (row.before as { version: number } | null)?.version ?? null;
      reportLog.set(row.entityId!, [...(reportLog.get(row.entityId!) ?? []), { action: row.action, version: after.version, text: after.text, from }]);
    }
    const reportProblems: string[] = [];
    for (const report of reports) {
      const key = `${report.itemId}|${report.departmentId}|${report.period}`;
      const log = (reportLog.get(report.id) ?? []).sort((a, b) => a.version - b.version);
      const saves = log.filter((l) => l.action !== 'report.submit');
      const submits = log.filter((l) => l.action === 'report.submit').length;
      if (JSON.stringify(saves.map((s) => s.text).sort()) !== JSON.stringify([...reportSaves[key]!].sort())) reportProblems.push(`${key}: logged saves differ from the answered ones`);
      if (JSON.stringify(log.map((l) => l.version)) !== JSON.stringify(log.map((_, i) => i + 1))) reportProblems.push(`${key}: logged versions ${log.map((l) => l.version)}`);
      // Each write started from the version the previous one left (the first created the report).
      if (JSON.stringify(log.map((l) => l.from)) !== JSON.stringify(log.map((_, i) => (i === 0 ? null : i)))) reportProblems.push(`${key}: writes started from versions ${log.map((l) => l.from)}`);
      if (report.version !== log.length) reportProblems.push(`${key}: version ${report.version} after ${log.length} logged writes`);
      if (report.text !== saves.at(-1)?.text) reportProblems.push(`${key}: text is not the last logged save`);
      if (submits !== (reportSubmits[key] ?? 0) || report.state !== (submits ? 'submitted' : 'draft')) reportProblems.push(`${key}: state ${report.state}, ${submits} logged and ${reportSubmits[key] ?? 0} answered submissions`);
      for (const s of saves) if (refusedTexts.has(s.text)) reportProblems.push(`${key}: a refused save was written`);
    }
    expect(reportProblems).toEqual([]);
    expect(Object.values(reportSubmits).reduce((n, c) => n + c, 0)).toBeGreaterThan(0);

    // Urges: one row and one audit entry per 201.
    const urgeRows = await dataSource.getRepository(Urge).find({ select: { id: true } });
    expect(urgeRows.map((u) => u.id).sort((a, b) => a - b)).toEqual([...urges].sort((a, b) => a - b));
    expect((await audit(['urge.create'])).map((r) => r.entityId).sort((a, b) => a! - b!)).toEqual([...urges].sort((a, b) => a - b));
  }, 90_000);
});
