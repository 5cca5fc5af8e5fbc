export {
  chineseNumeral,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentNumbering,
  formatDocNumber,
  ISSUING_OFFICE_MISSING,
  type IssuingOffice,
  issuingOfficeProblems,
  nextDocSeq,
} from './issuing-office.js';
export { compareRanking, RANKING_RULE, rankDepartments, type RankingFacts } from './ranking.js';
export { departmentSummary, firstSentence, SUMMARY_REPORTS, SUMMARY_RULE, SUMMARY_SENTENCE_CHARS } from './summary.js';
export { planDisplayName } from './plan-name.js';
