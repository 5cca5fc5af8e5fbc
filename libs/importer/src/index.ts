export * from './types.js';
export { parsePlanText } from './parse.js';
export { decodeDocument, parseDocument, MAX_DOCUMENT_BYTES, SUPPORTED_EXTENSIONS, SUPPORTED_FORMATS_TEXT } from './document.js';
export { parseDocumentIsolated, type IsolationLimits, DEFAULT_ISOLATION_LIMITS, MAX_CONCURRENT_PARSES } from './isolated.js';
export { ZIP_LIMITS, type ZipLimits } from './formats/zip.js';
export { toPlanJson, toPreviewJson, type PlanJson, type PreviewPlanJson } from './json.js';
