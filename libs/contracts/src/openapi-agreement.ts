/**
 * The contract's request types against the OpenAPI document (openapi.ts, generated from the DTO classes the
 * API validates with): each contract field is one the document describes, with a type it accepts, and no
 * field the document requires is missing. Checked by the compiler, for the server and the web alike
 * (tsconfig.json and apps/web/tsconfig.json include this file): a DTO that renames, retypes or requires a field, regenerated with
 * `npm run openapi`, breaks the typecheck (`npm run typecheck`, and `npm test` through the web's) until the contract
 * follows. Not part of the build, so a stale openapi.ts does not stop `npm run openapi` from regenerating it.
 */
import type { BulkAssignmentRequest, LoginRequest, PasswordChangeRequest, ReminderRulesBody, ReportSaveRequest, TableExportRequest, TransitionRequest } from './api.js';
import type { components } from './openapi.js';

type Schemas = components['schemas'];

/** true when Contract's fields are the document's and every value the contract allows, the document accepts. */
export type AgreesWith<Contract, Doc> = [Exclude<keyof Contract, keyof Doc>] extends [never] ? ([Contract] extends [Doc] ? true : false) : false;

type Check<T extends true> = T;

export type OpenApiAgreement = [
  Check<AgreesWith<LoginRequest, Schemas['LoginDto']>>,
  Check<AgreesWith<PasswordChangeRequest, Schemas['ChangeOwnPasswordDto']>>,
  Check<AgreesWith<TransitionRequest, Schemas['TransitionDto']>>,
  Check<AgreesWith<ReportSaveRequest, Schemas['SaveReportDto']>>,
  Check<AgreesWith<BulkAssignmentRequest, Schemas['BulkAssignmentDto']>>,
  Check<AgreesWith<TableExportRequest, Schemas['ExportTableDto']>>,
  Check<AgreesWith<ReminderRulesBody, Schemas['ReminderRulesDto']>>,
];
