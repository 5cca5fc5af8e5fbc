import { MonthlyReport } from '#domain';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { collectMonthlyReport, type CollectOptions, type MonthlyReportData } from './data.js';
import { renderReportDocx } from './render-docx.js';
import { renderReportHtml } from './render-html.js';
import { renderReportXlsx } from './render-xlsx.js';

export interface StoreOptions extends CollectOptions {
  /** Once-only key of this report (see MonthlyReport.key). */
  key: string;
  trigger: string;
  dataDir: string;
}

/**
 * Builds a monthly report, writes its XLSX and DOCX under data/reports/<month>/ and records it.
 * A report whose key exists is returned as it is.
 */
export async function generateMonthlyReport(dataSource: DataSource, options: StoreOptions): Promise<{ report: MonthlyReport; data: MonthlyReportData | null }> {
  const repo = dataSource.getRepository(MonthlyReport);
  const existing = await repo.findOne({ where: { key: options.key } });
  if (existing) return { report: existing, data: null };
  const data = await collectMonthlyReport(dataSource, options);
  const html = renderReportHtml(data);
  const [xlsx, docx] = await Promise.all([renderReportXlsx(data), renderReportDocx(data)]);
  const folder = join('reports', options.month, options.key.replace(/[^A-Za-z0-9._-]/g, '_'));
  await mkdir(resolve(options.dataDir, folder), { recursive: true });
  const base = `月报-${options.month}${options.planId ? `-方案${options.planId}` : ''}`;
  const xlsxPath = join(folder, `${base}.xlsx`);
  const docxPath = join(folder, `${base}.docx`);
  await writeFile(resolve(options.dataDir, xlsxPath), xlsx);
  await writeFile(resolve(options.dataDir, docxPath), docx);
  const report = await repo.save(
    repo.create({
      key: options.key,
      month: options.month,
      planId: options.planId ?? null,
      title: data.scope === '全部方案' ? data.title : `${data.title}(${data.scope})`,
      trigger: options.trigger,
      summary: { ...data.totals, asOf: data.asOf, scope: data.scope },
      html,
      xlsxPath,
      docxPath,
      createdAt: options.now,
    }),
  );
  return { report, data };
}
