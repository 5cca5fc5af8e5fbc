/**
 * Page speed of the web interface, measured on its data requests: the JSON endpoints the 工作台
 * and 督办总览 pages call when they open (apps/web/src/main.tsx and pages/*.tsx), in the same
 * order and grouping (Promise.all where the page waits for several), signed in with the session
 * cookie as the browser is. One user opening the page again and again; the page's data time is
 * from its first request to its last answer (rendering in the browser comes on top).
 */
import { Assignment, Department } from '#domain';
import type { Row } from './importer.bench.js';
import type { BenchDatabase } from './support/database.js';
import { getJson, login, percentile } from './support/http.js';
import { startApi } from './support/processes.js';

export interface WebOptions {
  label: string;
  items: string;
  now: Date;
  repeat: number;
  /** Coordinator and department user to sign in as, or the admin (seed plans: no other users). */
  coordinator: { username: string; password: string };
  departmentUser: { username: string; password: string } | null;
  /** Extra environment (e.g. DUBAN_IMPORT_SEEDS=true for the seed plans). */
  env?: Record<string, string>;
}

type Steps = string[][];

/** The requests a page makes on load: each inner list is sent together, the lists one after another. */
function workbenchPage(departmentId: number | null): Steps {
  const app: Steps = [['/api/auth/me'], ['/api/dashboard/today']];
  if (departmentId === null) return [...app, ['/api/dashboard/workbench']];
  // A coordinator opening a department's 工作台 also loads the department picker.
  return [...app, [`/api/dashboard/workbench?department=${departmentId}`], ['/api/departments']];
}

function overviewPage(): Steps {
  return [['/api/auth/me'], ['/api/dashboard/today'], ['/api/plans', '/api/departments', '/api/dashboard/summary'], ['/api/dashboard/items?pageSize=50']];
}

export async function benchWeb(db: BenchDatabase, options: WebOptions): Promise<Row[]> {
  const api = await startApi({ ...db.env, DUBAN_CLOCK: options.now.toISOString(), DUBAN_ADMIN_PASSWORD: 'bench-admin-password', ...options.env });
  try {
    const coordinator = await login(api.baseUrl, options.coordinator.username, options.coordinator.password, 'cookie');
    const user = options.departmentUser ? await login(api.baseUrl, options.departmentUser.username, options.departmentUser.password, 'cookie') : null;
    // Without department users (seed plans), the coordinator opens the 工作台 of the department leading most items.
    const busiest = (
      await db.dataSource
        .getRepository(Assignment)
        .createQueryBuilder('a')
        .select('a.departmentId', 'id')
        .where('a.role = :lead', { lead: 'lead' })
        .groupBy('a.departmentId')
        .orderBy('COUNT(*)', 'DESC')
        .limit(1)
        .getRawOne<{ id: number }>()
    )?.id;
    const anyDepartment = busiest ?? (await db.dataSource.getRepository(Department).find({ take: 1 }))[0]?.id ?? 1;
    const pages: { name: string; headers: Record<string, string>; steps: Steps }[] = [
      user ? { name: '工作台 (department user)', headers: user.headers, steps: workbenchPage(null) } : { name: '工作台 (coordinator, busiest department)', headers: coordinator.headers, steps: workbenchPage(Number(anyDepartment)) },
      { name: '督办总览 (coordinator)', headers: coordinator.headers, steps: overviewPage() },
    ];
    const rows: Row[] = [];
    for (const page of pages) {
      const perPath = new Map<string, number[]>();
      const totals: number[] = [];
      let kb = 0;
      for (let i = 0; i <= options.repeat; i++) {
        const started = process.hrtime.bigint();
        let bytes = 0;
        for (const step of page.steps) {
          await Promise.all(
            step.map(async (path) => {
              const t = process.hrtime.bigint();
              const body = await getJson(api.baseUrl, path, page.headers);
              bytes += JSON.stringify(body).length;
              if (i > 0) perPath.set(path, [...(perPath.get(path) ?? []), Number(process.hrtime.bigint() - t) / 1e6]);
            }),
          );
        }
        // The first round warms up (JIT, statement caches) and is not counted.
        if (i > 0) totals.push(Number(process.hrtime.bigint() - started) / 1e6);
        kb = bytes / 1024;
      }
      totals.sort((a, b) => a - b);
      const slowest = [...perPath].map(([path, ms]) => [path, percentile(ms.sort((a, b) => a - b), 50)] as const).sort((a, b) => b[1] - a[1]);
      rows.push({
        database: options.label,
        items: options.items,
        page: page.name,
        requests: page.steps.flat().length,
        'page data p50 (ms)': totals.length ? percentile(totals, 50).toFixed(0) : '',
        'page data p95 (ms)': totals.length ? percentile(totals, 95).toFixed(0) : '',
        'kB of JSON': kb.toFixed(0),
        'slowest requests (p50 ms)': slowest
          .slice(0, 3)
          .map(([path, ms]) => `${path.replace(/\?.*/, '')} ${ms.toFixed(0)}`)
          .join(', '),
      });
    }
    return rows;
  } finally {
    await api.stop();
  }
}
