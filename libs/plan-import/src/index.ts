export {
  DepartmentResolver,
  PlanImportService,
  revisablePlan,
  type ChangedEntry,
  type DiffEntry,
  type DocumentParser,
  type ImportOptions,
  type ImportResult,
  type PlanDiff,
} from './plan-import.service.js';
export {
  compareRevision,
  RevisionDecisionError,
  RevisionUndoError,
  revisionUndoCheck,
  undoRevision,
  type ComparedItem,
  type ComparedLink,
  type RevisionComparison,
} from './revision-apply.js';
export { resolveRevision, type ResolvedLink, type ResolvedRevision, type RevisionDecisions } from './revision-decisions.js';
export {
  DEFAULT_MATCH_OPTIONS,
  LINK_KIND_LABELS,
  MATCH_REASON_LABELS,
  MATCH_REASONS,
  matchRevision,
  revisionProposals,
  textSpans,
  type LinkKind,
  type MatchReason,
  type RevisionItem,
  type RevisionLink,
  type RevisionMatch,
  type RevisionProposal,
  type TextSpan,
} from './revision-match.js';
