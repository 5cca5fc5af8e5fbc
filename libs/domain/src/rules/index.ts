export { parseDue, parseSmallNumber, type DueKind, type ParsedDue } from './due.js';
export { seriesKeyOf } from './series-key.js';
