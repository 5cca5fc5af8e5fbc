/**
 * `npm run bench [-- <name>...]`: runs the benchmarks (all, or the named ones: importer, api, scan,
 * report, web), prints a table per benchmark and, for a full run, writes bench/results.md.
 * Figures depend on the machine; each row carries its own reference measured in the same run.
 *
 * Sizes and durations from the environment (defaults in brackets), for quick runs:
 *   BENCH_ITEMS [100000]      items of the large province      BENCH_SMALL_ITEMS [10000]  of the small one
 *   BENCH_DEPARTMENTS [500]   BENCH_TASKS_PER_PLAN [1000]      BENCH_MONTHS [12] of progress reports
 *   BENCH_DATABASES [sqlite,postgres]                          BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/test]
 *   BENCH_CLIENTS [1,16]      BENCH_SECONDS [6] per endpoint   BENCH_SLOW_MS [1000] (no 16-client run above this 1-client p50)
 *   BENCH_WEB_REPEAT [8]      BENCH_SCAN_TIMEOUT [600] s       BENCH_NOW [2026-11-18T02:00:00Z] (10:00 Beijing, a Wednesday)
 *   BENCH_PROFILE_DIR         CPU profiles of the API, worker and report processes go there
 *   BENCH_KEEP                keep the databases (and Redis keys) and print their settings, to look into a figure
 */
import { chinaCalendar } from '#domain';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchApi } from './api.bench.js';
import { benchImporter, type Row } from './importer.bench.js';
import { buildProvince, type Province } from './province.js';
import { benchReport } from './report.bench.js';
import { benchScan } from './scan.bench.js';
import { type BenchDatabase, createBenchDatabase, type Driver, postgresReachable } from './support/database.js';
import { benchWeb } from './web.bench.js';

const NAMES = ['importer', 'api', 'scan', 'report', 'web'] as const;
type Name = (typeof NAMES)[number];

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
  items: num('BENCH_ITEMS', 100_000),
  smallItems: num('BENCH_SMALL_ITEMS', 10_000),
  departments: num('BENCH_DEPARTMENTS', 500),
  tasksPerPlan: num('BENCH_TASKS_PER_PLAN', 1000),
  months: num('BENCH_MONTHS', 12),
  clients: (process.env.BENCH_CLIENTS ?? '1,16').split(',').map(Number),
  seconds: num('BENCH_SECONDS', 6),
  slowMs: num('BENCH_SLOW_MS', 1000),
  webRepeat: num('BENCH_WEB_REPEAT', 8),
  scanTimeout: num('BENCH_SCAN_TIMEOUT', 600),
  now: new Date(process.env.BENCH_NOW ?? '2026-11-18T02:00:00Z'),
  databases: (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',') as Driver[],
};
const LABEL: Record<Driver, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const args = process.argv.slice(2);
const unknown = args.filter((a) => !(NAMES as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (choose from ${NAMES.join(', ')})`);
  process.exit(2);
}
const selected = new Set<Name>(args.length ? (args as Name[]) : NAMES);
const full = args.length === 0;

function table(title: string, rows: Row[], notes: string[] = []): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const body = rows.length
    ? [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cols.map((c) => String(r[c] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`)]
    : ['(not run)'];
  return [`## ${title}`, '', ...body, '', ...notes.map((n) => `${n}\n`)].join('\n');
}

const out: string[] = [];
function emit(title: string, rows: Row[], notes: string[] = []): void {
  const text = table(title, rows, notes);
  console.log(text);
  out.push(text);
}

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const calendar = chinaCalendar();
const datasets: Row[] = [];
const api: Row[] = [];
const memory: Row[] = [];
const scan: Row[] = [];
const reports: Row[] = [];
const web: Row[] = [];
const skipped: string[] = [];

async function province(driver: Driver, tasks: number): Promise<{ db: BenchDatabase; p: Province }> {
  const db = await createBenchDatabase(driver);
  try {
    const p = await buildProvince(db.dataSource, { tasks, departments: settings.departments, tasksPerPlan: settings.tasksPerPlan, importedPlans: 2, months: settings.months, now: settings.now, calendar });
    console.error(`[bench] ${LABEL[driver]}: province of ${p.tasks} items built in ${p.seconds.toFixed(0)} s`);
    datasets.push({
      database: LABEL[driver],
      'tracked items': p.tasks,
      'item rows (with sections, groups, old version)': p.items,
      plans: p.plans,
      departments: p.departments,
      users: p.users,
      assignments: p.assignments,
      'progress reports': p.progressReports,
      'audit rows': p.auditRows,
      'urges / extension requests': `${p.urges} / ${p.extensions}`,
      'built in (s)': p.seconds.toFixed(0),
    });
    return { db, p };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

if (selected.has('importer')) {
  emit('Importer: parse time by input size (linear = "ms per MB vs 1 MB" stays near 1)', benchImporter());
}

const needsSmall = selected.has('web') || selected.has('report');
const needsLarge = selected.has('api') || selected.has('scan') || selected.has('report');
if (needsSmall || needsLarge) {
  for (const driver of settings.databases) {
    const label = LABEL[driver];
    if (driver === 'postgres') {
      const problem = await postgresReachable();
      if (problem) {
        skipped.push(`${label} rows skipped: ${problem}`);
        console.error(`[bench] ${problem}: PostgreSQL rows skipped`);
        continue;
      }
    }
    if (selected.has('web')) {
      // The seed plans as a new install imports them (DUBAN_IMPORT_SEEDS=true at the first start).
      const seeds = await createBenchDatabase(driver);
      try {
        web.push(
          ...(await benchWeb(seeds, {
            label,
            items: 'seed plans',
            now: settings.now,
            repeat: settings.webRepeat,
            coordinator: { username: 'admin', password: 'bench-admin-password' },
            departmentUser: null,
            env: { DUBAN_IMPORT_SEEDS: 'true' },
          })),
        );
      } finally {
        await seeds.drop();
      }
    }
    if (needsSmall) {
      const { db, p } = await province(driver, settings.smallItems);
      try {
        if (selected.has('web')) {
          web.push(
            ...(await benchWeb(db, {
              label,
              items: String(p.tasks),
              now: settings.now,
              repeat: settings.webRepeat,
              coordinator: { username: p.coordinator, password: p.password },
              departmentUser: { username: p.departmentUser.username, password: p.password },
            })),
          );
        }
        if (selected.has('report')) reports.push(await benchReport(db, label, p.tasks, previousMonth(settings.now), settings.now));
      } finally {
        await db.drop();
      }
    }
    if (needsLarge) {
      const { db, p } = await province(driver, settings.items);
      try {
        if (selected.has('api')) {
          const figures = await benchApi(db, p, { label, items: p.tasks, now: settings.now, concurrency: settings.clients, seconds: settings.seconds, slowMs: settings.slowMs, starts: 3 });
          api.push(...figures.latency);
          memory.push(figures.memory);
        }
        if (selected.has('report')) reports.push(await benchReport(db, label, p.tasks, previousMonth(settings.now), settings.now));
        if (selected.has('scan')) {
          const figures = await benchScan(db, label, p.tasks, settings.now, settings.scanTimeout);
          scan.push(...figures.rows);
          memory.push({
            database: label,
            items: p.tasks,
            process: 'worker',
            'cold start (ms)': `${figures.worker.coldStartMs.toFixed(0)} (to "worker started")`,
            'idle RSS (MB)': figures.worker.idleMb.toFixed(0),
            'RSS under load, peak (MB)': figures.worker.peakMb.toFixed(0),
            'under load': 'the reminder scan above',
          });
        }
      } finally {
        await db.drop();
      }
    }
  }
}

function previousMonth(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
}

if (datasets.length) {
  emit('Synthetic province (bench/province.ts)', datasets, [
    `Plans in the seeds' format (bench/generate.ts provincePlan), ${settings.tasksPerPlan} tasks each, parsed by libs/importer; the first two written through libs/plan-import (one imported as a draft, then revised), the rest in chunked INSERTs of the same entities. ${settings.departments} departments with users and contact addresses; leads and deadlines around "today" (${settings.now.toISOString()}), statuses through the status machine, ${settings.months} months of progress reports, urges, extension requests and the audit log.`,
  ]);
}
if (selected.has('api')) {
  emit('API latency at the large province (real API process, concurrent clients, Node fetch)', api, [
    'Each client sends its next request when the last one answered. "p95 / health p95": the endpoint\'s p95 over the same app\'s /health p95 at the same number of clients. Target: p95 <= 20 ms for the list endpoints at 100,000 items on SQLite.',
  ]);
}
if (selected.has('scan')) {
  emit('Reminder scan at the large province (worker process, one scan job)', scan, [
    'First scan: the notification log starts empty, so every open item at or past its first reminder stage gets its current reminder (the first scan after going live). Mail sending is paused so the figure is the scan alone; "scan (s)" runs from adding the job to its end. The scan records each reminder in the notification log (the outbox; the mail is written when sent) and queues mail jobs for the oldest up to MAIL_QUEUE_WINDOW (1,000); the mail worker adds the rest as mail goes out. "recorded/s": reminders recorded per second of scan; reference: one bare BullMQ addBulk of a job for each of them (same payload, ids and options) on the same Redis. "find / record / queue": the scan\'s own split (reading open items and known keys; inserting; filling the mail queue).',
    'Next hour: the same worker scans again after those mails went out (rows marked sent, the mail queue emptied): every open item is checked and nothing new is due, as in most hourly runs. Target: <= 3 s.',
  ]);
}
if (selected.has('report')) {
  emit('月报 (monthly report) for the month before "now", in a process of its own', reports, [
    'generateMonthlyReport as the worker calls it: collect the figures, render HTML, XLSX and DOCX, write the files, record the report. Peak RSS = process.resourceUsage().maxRSS of that process (including Node and the database driver, "RSS before").',
  ]);
}
if (selected.has('web')) {
  emit('Web pages: data requests on opening a page (one user, session cookie)', web, [
    `The JSON requests the page's scripts send when it opens, grouped as the page sends them; ${settings.webRepeat} openings after one warm-up.`,
  ]);
}
if (selected.has('api') || selected.has('scan')) {
  emit('Resident memory and cold start (large province)', memory, ['Cold start: spawn of node dist/apps/api/src/main.js to the first 200 from /health (API); to the "worker started" log line (worker). RSS from /proc.']);
}

const header = [
  '# duban benchmarks',
  '',
  `Run ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB; whole run ${((Date.now() - started) / 60_000).toFixed(1)} min; load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine shares the CPUs: compare each figure with its reference row, measured in the same minutes). \`npm run bench\` reproduces it (see bench/run.ts for the settings).`,
  '',
  ...skipped.map((s) => `${s}\n`),
];
if (full) {
  writeFileSync(join(process.cwd(), 'bench', 'results.md'), [...header, ...out].join('\n'));
  console.log('written to bench/results.md');
} else {
  console.log('(a partial run: bench/results.md is written by a full run only)');
}
