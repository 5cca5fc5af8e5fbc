import { diffChars } from 'diff';

/**
 * Pairs the items of a plan's version N with the parsed items of version N+1 by what they are
 * (path, title and body text), not by their number. Pure: no Nest, no database.
 *
 * Similarity is the Dice coefficient of character bigrams of the normalised text, which survives
 * renumbering, moves and small edits. Pairs are assigned greedily, best score first (ties go to
 * the pair whose relative positions are closest), one old item to one new item; then the items
 * left over are tested for a split (a new item whose text is contained in an old item already
 * paired) or a merge (an old item whose text is contained in a new item already paired).
 */

/** An item as the matcher sees it. `key` is the caller's id (old: item id, new: parsed index). */
export interface RevisionItem {
  key: number;
  number: string;
  path: string[];
  title: string;
  body: string;
  dueText: string | null;
  /** Lead and co departments, as canonical names (or any stable identifiers). */
  lead: string[];
  co: string[];
  /**
   * An old item's deadline and departments as its own version printed them, when known: a
   * proposal is made only when the new document prints something else (what the coordinator
   * changed since on the old item is not undone by a reprint of the same text).
   */
  printed?: { dueText: string | null; lead: string[]; co: string[] };
}

export const MATCH_REASONS = ['same', 'renumbered', 'moved', 'title_edited', 'body_edited', 'split', 'merge'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  same: '内容未变',
  renumbered: '编号变化',
  moved: '位置调整',
  title_edited: '标题修改',
  body_edited: '内容修改',
  split: '一项拆分为多项',
  merge: '多项合并为一项',
};

export type LinkKind = 'unchanged' | 'changed' | 'split' | 'merge';

export const LINK_KIND_LABELS: Record<LinkKind, string> = { unchanged: '未变', changed: '有修改', split: '拆分', merge: '合并' };

/** One correspondence between versions. `old[0]` / `new[0]` is the primary item of a split or merge. */
export interface RevisionLink {
  kind: LinkKind;
  old: number[];
  new: number[];
  reasons: MatchReason[];
  /** 0..1: how sure the matcher is. */
  confidence: number;
  /** Below UNCERTAIN_BELOW: the coordinator must confirm it or pair by hand. */
  uncertain: boolean;
}

export interface RevisionMatch {
  links: RevisionLink[];
  /** New items with no predecessor. */
  added: number[];
  /** Old items with no successor. */
  removed: number[];
}

export interface MatchOptions {
  /** Pairs scoring below this are not considered at all. */
  minScore: number;
  /** Pairs (and splits and merges) scoring below this are flagged uncertain. */
  uncertainBelow: number;
  /** Share of a part's bigrams that must occur in the whole for a split or merge. */
  containment: number;
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = { minScore: 0.45, uncertainBelow: 0.75, containment: 0.75 };

/** Text as compared: no whitespace, no punctuation, full-width letters and digits folded. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Character bigrams with their counts (a single character counts as one "bigram"). */
function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...text];
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function size(g: Map<string, number>): number {
  let n = 0;
  for (const c of g.values()) n += c;
  return n;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [g, c] of small) n += Math.min(c, large.get(g) ?? 0);
  return n;
}

/** Dice coefficient of the character bigrams of two normalised texts, 0..1 (two empty texts: 1). */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  const total = size(ga) + size(gb);
  return total === 0 ? 1 : (2 * overlap(ga, gb)) / total;
}

/** Share of `part`'s bigrams found in `whole`, 0..1. */
export function containment(part: string, whole: string): number {
  const gp = bigrams(part);
  const n = size(gp);
  return n === 0 ? 0 : overlap(gp, bigrams(whole)) / n;
}

interface Prepared {
  item: RevisionItem;
  index: number;
  title: string;
  body: string;
  text: string;
  path: string;
  grams: Map<string, number>;
  gramCount: number;
}

function prepare(items: RevisionItem[]): Prepared[] {
  return items.map((item, index) => {
    const title = normalizeText(item.title);
    const body = normalizeText(item.body);
    const text = title + body;
    const grams = bigrams(text);
    return { item, index, title, body, text, path: normalizeText(item.path.join('/')), grams, gramCount: size(grams) };
  });
}

function diceOf(a: Prepared, b: Prepared): number {
  if (a.text === b.text) return 1;
  const total = a.gramCount + b.gramCount;
  return total === 0 ? 1 : (2 * overlap(a.grams, b.grams)) / total;
}

/**
 * Score of a candidate pair: the whole text's similarity, lowered a little when the item moved
 * to another part of the plan; a body at least 20 characters long that is (nearly) the same
 * makes a pair likely whatever happened to the title.
 */
export function pairScore(a: Prepared, b: Prepared): number {
  const whole = diceOf(a, b);
  const path = a.path === b.path ? 1 : dice(a.path, b.path);
  let score = 0.9 * whole + 0.1 * path;
  if (a.body.length >= 20 && b.body.length >= 20 && a.body === b.body) score = Math.max(score, 0.9);
  return Math.round(score * 1000) / 1000;
}

function reasonsOf(a: Prepared, b: Prepared): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (a.item.number.trim() !== b.item.number.trim()) reasons.push('renumbered');
  if (a.path !== b.path) reasons.push('moved');
  if (a.title !== b.title) reasons.push('title_edited');
  if (a.body !== b.body) reasons.push('body_edited');
  return reasons.length === 0 ? ['same'] : reasons;
}

export function matchRevision(oldItems: RevisionItem[], newItems: RevisionItem[], options: MatchOptions = DEFAULT_MATCH_OPTIONS): RevisionMatch {
  const olds = prepare(oldItems);
  const news = prepare(newItems);
  const oldTaken = new Map<number, number>(); // old index -> new index
  const newTaken = new Map<number, number>(); // new index -> old index
  const scores = new Map<string, number>();
  const position = (p: Prepared, of: Prepared[]) => (of.length <= 1 ? 0 : p.index / (of.length - 1));

  // Candidate pairs, best first; exact texts score 1 and win first.
  const candidates: Array<{ o: Prepared; n: Prepared; score: number; distance: number }> = [];
  for (const o of olds) {
    for (const n of news) {
      const score = pairScore(o, n);
      if (score < options.minScore) continue;
      scores.set(`${o.index}/${n.index}`, score);
      candidates.push({ o, n, score, distance: Math.abs(position(o, olds) - position(n, news)) });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.o.index - y.o.index || x.n.index - y.n.index);
  for (const c of candidates) {
    if (oldTaken.has(c.o.index) || newTaken.has(c.n.index)) continue;
    oldTaken.set(c.o.index, c.n.index);
    newTaken.set(c.n.index, c.o.index);
  }

  // Splits: a new item left over whose text lies within an old item, whose partner does too.
  const splits = new Map<number, number[]>(); // old index -> extra new indexes
  for (const n of news) {
    if (newTaken.has(n.index) || n.gramCount === 0) continue;
    let best: { o: Prepared; c: number } | null = null;
    for (const o of olds) {
      if (!oldTaken.has(o.index)) continue;
      const c = overlap(n.grams, o.grams) / n.gramCount;
      if (c >= options.containment && (!best || c > best.c)) best = { o, c };
    }
    if (!best) continue;
    const partner = news[oldTaken.get(best.o.index)!]!;
    const partnerC = partner.gramCount === 0 ? 0 : overlap(partner.grams, best.o.grams) / partner.gramCount;
    if (partnerC < options.containment) continue;
    const list = splits.get(best.o.index) ?? [];
    list.push(n.index);
    splits.set(best.o.index, list);
    newTaken.set(n.index, best.o.index);
  }
  // Merges: an old item left over whose text lies within a new item, whose partner's does too.
  const merges = new Map<number, number[]>(); // new index -> extra old indexes
  for (const o of olds) {
    if (oldTaken.has(o.index) || o.gramCount === 0) continue;
    let best: { n: Prepared; c: number } | null = null;
    for (const n of news) {
      if (!newTaken.has(n.index) || splits.has(newTaken.get(n.index)!)) continue;
      const c = overlap(o.grams, n.grams) / o.gramCount;
      if (c >= options.containment && (!best || c > best.c)) best = { n, c };
    }
    if (!best) continue;
    const partner = olds[newTaken.get(best.n.index)!]!;
    if (splits.has(partner.index)) continue;
    const partnerC = partner.gramCount === 0 ? 0 : overlap(partner.grams, best.n.grams) / partner.gramCount;
    if (partnerC < options.containment) continue;
    const list = merges.get(best.n.index) ?? [];
    list.push(o.index);
    merges.set(best.n.index, list);
    oldTaken.set(o.index, best.n.index);
  }

  const links: RevisionLink[] = [];
  for (const o of olds) {
    const ni = oldTaken.get(o.index);
    if (ni === undefined) continue;
    const n = news[ni]!;
    if (newTaken.get(ni) !== o.index) continue; // an extra old item of a merge: listed with its primary
    const extraNew = splits.get(o.index) ?? [];
    const extraOld = merges.get(ni) ?? [];
    if (extraNew.length > 0) {
      const parts = [n, ...extraNew.map((i) => news[i]!)];
      const confidence = Math.min(...parts.map((p) => overlap(p.grams, o.grams) / Math.max(1, p.gramCount)));
      links.push(link('split', [o], parts, ['split'], confidence, options));
    } else if (extraOld.length > 0) {
      const parts = [o, ...extraOld.map((i) => olds[i]!)];
      const confidence = Math.min(...parts.map((p) => overlap(p.grams, n.grams) / Math.max(1, p.gramCount)));
      links.push(link('merge', parts, [n], ['merge'], confidence, options));
    } else {
      const reasons = reasonsOf(o, n);
      const kind: LinkKind = reasons.includes('title_edited') || reasons.includes('body_edited') ? 'changed' : 'unchanged';
      links.push(link(kind, [o], [n], reasons, scores.get(`${o.index}/${n.index}`) ?? 0, options));
    }
  }
  return {
    links,
    added: news.filter((n) => !newTaken.has(n.index)).map((n) => n.item.key),
    removed: olds.filter((o) => !oldTaken.has(o.index)).map((o) => o.item.key),
  };
}

function link(kind: LinkKind, olds: Prepared[], news: Prepared[], reasons: MatchReason[], confidence: number, options: MatchOptions): RevisionLink {
  const c = Math.round(Math.min(1, confidence) * 1000) / 1000;
  return { kind, old: olds.map((o) => o.item.key), new: news.map((n) => n.item.key), reasons, confidence: c, uncertain: c < options.uncertainBelow };
}

/** A printed change on a matched item, to accept (take the new document's value) or keep (the tracked value). */
export type RevisionProposal =
  | { newKey: number; oldKey: number; field: 'deadline'; from: string | null; to: string }
  | { newKey: number; oldKey: number; field: 'departments'; from: { lead: string[]; co: string[] }; to: { lead: string[]; co: string[] } };

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * The printed changes of deadline and departments between each new item and its primary
 * predecessor: what the new document prints differs from what the old one printed and from the
 * tracked value. A new item that prints no deadline (or no departments) proposes nothing: the
 * tracked value stays.
 */
export function revisionProposals(match: RevisionMatch, oldItems: RevisionItem[], newItems: RevisionItem[]): RevisionProposal[] {
  const oldBy = new Map(oldItems.map((i) => [i.key, i]));
  const newBy = new Map(newItems.map((i) => [i.key, i]));
  const out: RevisionProposal[] = [];
  for (const l of match.links) {
    const o = oldBy.get(l.old[0]!)!;
    for (const key of l.new) {
      const n = newBy.get(key)!;
      const was = o.printed ?? o;
      const to = n.dueText?.trim() || null;
      const differs = (x: string | null) => to !== (x?.trim() || null);
      if (to !== null && differs(was.dueText) && differs(o.dueText)) out.push({ newKey: key, oldKey: o.key, field: 'deadline', from: o.dueText, to });
      const sameDepartments = (x: { lead: string[]; co: string[] }) => sameSet(n.lead, x.lead) && sameSet(n.co, x.co);
      if (n.lead.length + n.co.length > 0 && !sameDepartments(was) && !sameDepartments(o)) {
        out.push({ newKey: key, oldKey: o.key, field: 'departments', from: { lead: o.lead, co: o.co }, to: { lead: n.lead, co: n.co } });
      }
    }
  }
  return out;
}

/** A run of text in a side-by-side comparison: the same on both sides, or only on one. */
export interface TextSpan {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/** Character-level difference of an old and a new text (jsdiff), as spans for both sides. */
export function textSpans(before: string, after: string): TextSpan[] {
  if (before === after) return before === '' ? [] : [{ op: 'same', text: before }];
  return diffChars(before, after).map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}
