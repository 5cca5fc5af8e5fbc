export { collectMonthlyReport, listed, MAX_LISTED, type CollectOptions, type DepartmentRow, type LedgerRow, type MonthlyReportData } from './data.js';
export { generateMonthlyReport, type StoreOptions } from './store.js';
export { renderReportDocx } from './render-docx.js';
export { renderReportHtml } from './render-html.js';
export { renderReportXlsx, safeCell } from './render-xlsx.js';
export { circularBlocks, circularModel, type Issue } from './documents/circular.js';
export { type IssuedDocument, issueDocument, type IssueInput, writeOrForget } from './documents/numbering.js';
export { type Block, FONTS, type OfficialDocumentModel, PAGE, renderOfficialDocx, renderOfficialHtml, SIZES } from './documents/official.js';
export { feedbackDay, loadNoticeItems, type NoticeInput, type NoticeItem, noticeModel, noticeRequirement } from './documents/notice.js';
