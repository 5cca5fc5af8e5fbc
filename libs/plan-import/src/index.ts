export {
  PlanImportService,
  type ChangedEntry,
  type DiffEntry,
  type DocumentParser,
  type ImportResult,
  type PlanDiff,
} from './plan-import.service.js';
