import type { ParsedPlan } from './types.js';
import { parsePlanText } from './parse.js';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

// Placeholder while the decoder is written; replaced in the next commit.
export function decodeDocument(buffer: Buffer, _fileName: string): Promise<string> {
  return Promise.resolve(buffer.toString('utf8'));
}

export async function parseDocument(buffer: Buffer, fileName: string): Promise<ParsedPlan> {
  return parsePlanText(await decodeDocument(buffer, fileName));
}
