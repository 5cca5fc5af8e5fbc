export * from './types.js';
export { parsePlanText } from './parse.js';
export { decodeDocument, parseDocument, MAX_DOCUMENT_BYTES } from './document.js';
export { toPlanJson, type PlanJson } from './json.js';
