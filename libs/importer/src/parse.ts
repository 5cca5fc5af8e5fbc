import type { ParsedPlan } from './types.js';

// Placeholder while the parser is written; replaced in the next commit.
export function parsePlanText(_text: string): ParsedPlan {
  return { title: null, issuer: null, issued: null, docNumber: null, sections: [], items: [], indicators: [], warnings: [] };
}
