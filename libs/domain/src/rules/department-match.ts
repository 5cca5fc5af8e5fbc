/**
 * Near-matching department names on import: "市住房城乡建设局" in a document is proposed as the
 * existing "市住房和城乡建设局", not created anew. Names are compared after removing what documents
 * vary on (connectives 和/与/及, spaces, brackets); otherwise by shared character pairs (Dice
 * coefficient) within the same level of government, high enough that different bureaus
 * (市教育局 / 市体育局) never match.
 */
export interface NamedDepartment {
  id: number;
  name: string;
}

/** Dice coefficient at or above which two names are proposed as one department. */
export const NEAR_MATCH_THRESHOLD = 0.8;

function normalized(name: string): string {
  return name.replace(/[\s()()【】[\]]/g, '').replace(/[和与及、]/g, '');
}

function pairs(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** Similarity of two department names, 0..1 (1 = the same once the document's variations are removed). */
export function departmentSimilarity(a: string, b: string): number {
  const x = normalized(a);
  const y = normalized(b);
  if (x === y) return 1;
  // A different level of government (市 / 区 / 县 …) is a different department, however alike the rest.
  if (x[0] !== y[0]) return 0;
  const px = pairs(x);
  const py = pairs(y);
  if (px.length === 0 || py.length === 0) return 0;
  const pool = [...py];
  let shared = 0;
  for (const p of px) {
    const i = pool.indexOf(p);
    if (i >= 0) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (px.length + py.length);
}

/** The existing department a new name should be mapped to, or null when none is near enough. */
export function nearestDepartment<T extends NamedDepartment>(name: string, existing: readonly T[]): T | null {
  let best: T | null = null;
  let score = 0;
  for (const d of existing) {
    const s = departmentSimilarity(name, d.name);
    if (s > score) {
      best = d;
      score = s;
    }
  }
  return score >= NEAR_MATCH_THRESHOLD ? best : null;
}
