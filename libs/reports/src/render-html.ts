import type { MonthlyReportData } from './data.js';
import { circularModel, type Issue } from './documents/circular.js';
import { renderOfficialHtml } from './documents/official.js';

/**
 * The report as one HTML page, shown in the browser and used as the e-mail body: the 通报's own
 * content (the same model as the DOCX), with its 版头 and signature once the office is set.
 */
export function renderReportHtml(d: MonthlyReportData, issue: Issue | null = null): string {
  return renderOfficialHtml(circularModel(d, issue));
}
