import { type IssuingOffice, MonthlyReport, shanghai } from '#domain';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { collectMonthlyReport, type CollectOptions, type MonthlyReportData } from './data.js';
import { circularModel } from './documents/circular.js';
import { type IssuedDocument, issueDocument, writeOrForget } from './documents/numbering.js';
import { renderReportHtml } from './render-html.js';
import { renderReportXlsx } from './render-xlsx.js';

export interface StoreOptions extends CollectOptions {
  /** Once-only key of this report (see MonthlyReport.key). */
  key: string;
  trigger: string;
  dataDir: string;
  /** The issuing office (管理 → 发文设置); null = not set: the report has no 通报 (DOCX) until it is. */
  office: IssuingOffice | null;
}

/**
 * Builds a monthly report, writes its XLSX under data/reports/<month>/ and, when the issuing office
 * is set, issues the 通报 with the next 文号 (its DOCX under data/documents/), and records it.
 * A report whose key exists is returned as it is.
 */
export async function generateMonthlyReport(dataSource: DataSource, options: StoreOptions): Promise<{ report: MonthlyReport; data: MonthlyReportData | null }> {
  const repo = dataSource.getRepository(MonthlyReport);
  const existing = await repo.findOne({ where: { key: options.key } });
  if (existing) return { report: existing, data: null };
  const data = await collectMonthlyReport(dataSource, options);
  const xlsx = await renderReportXlsx(data);
  const folder = join('reports', options.month, options.key.replace(/[^A-Za-z0-9._-]/g, '_'));
  await mkdir(resolve(options.dataDir, folder), { recursive: true });
  const base = `月报-${options.month}${options.planId ? `-方案${options.planId}` : ''}`;
  const xlsxPath = join(folder, `${base}.xlsx`);
  await writeFile(resolve(options.dataDir, xlsxPath), xlsx);
  const office = options.office;
  let circular: IssuedDocument | null = null;
  const report = await dataSource.transaction(async (manager) => {
    const reports = manager.getRepository(MonthlyReport);
    const saved = await reports.save(
      reports.create({
        key: options.key,
        month: options.month,
        planId: options.planId ?? null,
        title: data.scope === '全部方案' ? data.title : `${data.title}(${data.scope})`,
        trigger: options.trigger,
        summary: { ...data.totals, asOf: data.asOf, scope: data.scope },
        html: renderReportHtml(data),
        xlsxPath,
        docxPath: '',
        createdAt: options.now,
      }),
    );
    if (!office) return saved;
    const date = shanghai(options.now).day;
    circular = await issueDocument(
      dataSource,
      { kind: 'circular', office, date, now: options.now, by: null, itemIds: [], reportId: saved.id, dataDir: options.dataDir, model: (number) => circularModel(data, { office, number, date }) },
      manager,
    );
    saved.html = circular.doc.html;
    saved.docxPath = circular.doc.docxPath;
    saved.summary = { ...saved.summary, docNumber: circular.doc.number };
    return reports.save(saved);
  });
  if (circular) {
    // The DOCX after the commit (seconds for a long 通报). If it cannot be written, the report goes
    // too, so the job's retry makes it again rather than finding a report without its file.
    try {
      await writeOrForget(dataSource, circular);
    } catch (error) {
      await repo.delete({ id: report.id });
      throw error;
    }
  }
  return { report, data };
}
