export { collectMonthlyReport, listed, MAX_LISTED, type CollectOptions, type DepartmentRow, type LedgerRow, type MonthlyReportData } from './data.js';
export { generateMonthlyReport, type StoreOptions } from './store.js';
export { renderReportDocx } from './render-docx.js';
export { renderReportHtml } from './render-html.js';
export { renderReportXlsx, safeCell } from './render-xlsx.js';
