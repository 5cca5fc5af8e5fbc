/**
 * The API under concurrent clients: the coordinator's overdue list filtered by department (the
 * item list, GET /api/items?overdue=true&department=, and the 督办总览 list, GET
 * /api/dashboard/items?due=overdue&department=) and a department's start page (工作台, GET
 * /api/dashboard/workbench, signed in as the department's user), each beside the same app's
 * /health measured the same way. Also the API's cold start and resident memory, idle and under load.
 */
import { Assignment } from '#domain';
import type { Row } from './importer.bench.js';
import type { Province } from './province.js';
import type { BenchDatabase } from './support/database.js';
import { load, type LoadResult, login, type Session } from './support/http.js';
import { rssMb, sampleRss, startApi } from './support/processes.js';

export interface ApiOptions {
  label: string;
  items: number;
  now: Date;
  /** Client counts to measure with, e.g. [1, 16]. */
  concurrency: number[];
  seconds: number;
  /** An endpoint whose 1-client p50 is above this is not run with more clients (they would only queue). */
  slowMs: number;
  /** API starts whose cold start is measured (the last one is load-tested). */
  starts: number;
}

export interface ApiFigures {
  latency: Row[];
  memory: Row;
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(ms < 10 ? 1 : 0) : '');

/** Departments with about the median number of led items: the filters and users the clients rotate through. */
async function typicalDepartments(db: BenchDatabase, count: number): Promise<{ id: number; lead: number }[]> {
  const rows = await db.dataSource
    .getRepository(Assignment)
    .createQueryBuilder('a')
    .select('a.departmentId', 'id')
    .addSelect('COUNT(*)', 'lead')
    .where('a.role = :lead', { lead: 'lead' })
    .groupBy('a.departmentId')
    .orderBy('COUNT(*)', 'ASC')
    .addOrderBy('a.departmentId', 'ASC')
    .getRawMany<{ id: number; lead: number | string }>();
  const middle = Math.floor(rows.length / 2);
  const from = Math.max(0, middle - Math.floor(count / 2));
  return rows.slice(from, from + count).map((r) => ({ id: Number(r.id), lead: Number(r.lead) }));
}

export async function benchApi(db: BenchDatabase, province: Province, options: ApiOptions): Promise<ApiFigures> {
  const env = { ...db.env, DUBAN_CLOCK: options.now.toISOString(), DUBAN_ADMIN_PASSWORD: 'bench-admin-password' };
  const coldStarts: number[] = [];
  for (let i = 1; i < options.starts; i++) {
    const api = await startApi(env);
    coldStarts.push(api.coldStartMs);
    await api.stop();
  }
  const api = await startApi(env);
  coldStarts.push(api.coldStartMs);
  const latency: Row[] = [];
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = rssMb(api.pid);
    const departments = await typicalDepartments(db, 8);
    const coordinator = await login(api.baseUrl, province.coordinator, province.password);
    const users: Session[] = [];
    for (const d of departments) users.push(await login(api.baseUrl, `editor${d.id}`, province.password));
    const meanLead = Math.round(departments.reduce((n, d) => n + d.lead, 0) / departments.length);

    const endpoints: { name: string; next: (i: number) => { path: string; headers?: Record<string, string> }; list: boolean }[] = [
      { name: 'GET /health (reference)', next: () => ({ path: '/health' }), list: false },
      {
        name: 'overdue items of a department, page 1 (GET /api/items?overdue=true&department=)',
        next: (i) => ({ path: `/api/items?overdue=true&department=${departments[i % departments.length]!.id}&pageSize=50`, headers: coordinator.headers }),
        list: true,
      },
      {
        name: '督办总览 list: overdue of a department (GET /api/dashboard/items?due=overdue&department=)',
        next: (i) => ({ path: `/api/dashboard/items?due=overdue&department=${departments[i % departments.length]!.id}&pageSize=50`, headers: coordinator.headers }),
        list: true,
      },
      { name: '工作台 of a department user (GET /api/dashboard/workbench)', next: (i) => ({ path: '/api/dashboard/workbench', headers: users[i % users.length]!.headers }), list: true },
    ];
    const sampler = sampleRss(api.pid);
    const alone = new Map<string, LoadResult>();
    for (const clients of [...options.concurrency].sort((a, b) => a - b)) {
      let reference: LoadResult | null = null;
      for (const e of endpoints) {
        const single = alone.get(e.name);
        if (clients > 1 && single && single.p50 > options.slowMs) {
          latency.push({
            database: options.label,
            items: options.items,
            endpoint: e.name,
            clients,
            requests: 0,
            'req/s': '',
            'p50 (ms)': `not run: one request takes ${(single.p50 / 1000).toFixed(1)} s alone, ${clients} clients would only queue behind each other`,
            'target p95 <= 20 ms': !e.list ? '' : options.label !== 'SQLite' ? '(SQLite only)' : 'missed',
          });
          continue;
        }
        const r = await load(api.baseUrl, e.next, { concurrency: clients, seconds: options.seconds, minRequests: 3, maxSeconds: options.seconds * 4, warmup: 2 });
        if (clients === 1) alone.set(e.name, r);
        reference ??= r;
        latency.push({
          database: options.label,
          items: options.items,
          endpoint: e.name,
          clients,
          requests: r.requests,
          'req/s': r.perSecond.toFixed(r.perSecond < 10 ? 1 : 0),
          'p50 (ms)': fmt(r.p50),
          'p95 (ms)': fmt(r.p95),
          'p99 (ms)': fmt(r.p99),
          errors: r.errors,
          'p95 / health p95': e === endpoints[0] ? '1' : (r.p95 / reference.p95).toFixed(0),
          'kB/response': r.kb.toFixed(1),
          'target p95 <= 20 ms': !e.list ? '' : options.label !== 'SQLite' ? '(SQLite only)' : r.p95 <= 20 ? 'met' : 'missed',
        });
      }
    }
    const loadMb = sampler.stop();
    coldStarts.sort((a, b) => a - b);
    return {
      latency,
      memory: {
        database: options.label,
        items: options.items,
        process: 'API',
        'cold start (ms)': `${coldStarts[Math.floor(coldStarts.length / 2)]!.toFixed(0)} (median of ${coldStarts.length})`,
        'idle RSS (MB)': idleMb.toFixed(0),
        'RSS under load, peak (MB)': loadMb.toFixed(0),
        'under load': `the latency runs above (department lead ~${meanLead} items)`,
      },
    };
  } finally {
    await api.stop();
  }
}
