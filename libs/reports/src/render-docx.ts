import type { MonthlyReportData } from './data.js';
import { circularModel, type Issue } from './documents/circular.js';
import { renderOfficialDocx } from './documents/official.js';

/** The report as the monthly 通报 (GB/T 9704 layout) from the issuing office. */
export async function renderReportDocx(d: MonthlyReportData, issue: Issue): Promise<Buffer> {
  return renderOfficialDocx(circularModel(d, issue));
}
