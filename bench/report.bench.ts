/** 月报 generation (libs/reports, as the worker runs it) in a child process: seconds and peak memory. */
import type { Row } from './importer.bench.js';
import type { BenchDatabase } from './support/database.js';
import { runChild } from './support/processes.js';

interface ChildResult {
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  htmlKb: number;
  xlsxKb: number;
  docxKb: number;
  summary: { items: number; overdue: number; missingReports: number };
}

export async function benchReport(db: BenchDatabase, label: string, items: number, month: string, now: Date): Promise<Row> {
  const r = await runChild<ChildResult>('dist/bench/report-child.js', db.env, [month, now.toISOString()]);
  const large = items >= 100_000;
  return {
    database: label,
    items: r.summary.items,
    month,
    'seconds': r.seconds.toFixed(1),
    'peak RSS (MB)': r.peakRssMb.toFixed(0),
    'RSS before (MB)': r.rssBeforeMb.toFixed(0),
    'overdue / missing reports listed': `${r.summary.overdue} / ${r.summary.missingReports}`,
    'HTML / XLSX / DOCX (kB)': `${r.htmlKb.toFixed(0)} / ${r.xlsxKb.toFixed(0)} / ${r.docxKb.toFixed(0)}`,
    'target (100k: <= 10 s, <= 500 MB)': large ? (r.seconds <= 10 && r.peakRssMb <= 500 ? 'met' : `missed (${r.seconds <= 10 ? 'time met' : 'time missed'}, ${r.peakRssMb <= 500 ? 'memory met' : 'memory missed'})`) : '',
  };
}
