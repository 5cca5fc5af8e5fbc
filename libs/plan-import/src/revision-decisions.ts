import { matchRevision, type RevisionItem, type RevisionLink, type RevisionMatch, type RevisionProposal, revisionProposals, type MatchOptions, DEFAULT_MATCH_OPTIONS } from './revision-match.js';

/**
 * What the coordinator decided on the 计划导入 comparison. Old items are named by item id, new
 * items by their index in the parsed document (they do not exist yet).
 */
export interface RevisionDecisions {
  /** Links made or confirmed by hand: each replaces every automatic link touching its items. */
  links?: Array<{ old: number[]; new: number[] }>;
  /** Items declared to have no counterpart (removed / added): their automatic links are dropped. */
  unlinkOld?: number[];
  unlinkNew?: number[];
  /** Per printed change: accept the new document's value or keep the tracked one (default: accept). */
  proposals?: Array<{ newIndex: number; field: 'deadline' | 'departments'; decision: 'accept' | 'keep' }>;
}

export interface ResolvedLink extends RevisionLink {
  byHand: boolean;
}

export interface ResolvedRevision {
  links: ResolvedLink[];
  added: number[];
  removed: number[];
  proposals: Array<RevisionProposal & { accepted: boolean }>;
}

/**
 * Applies the coordinator's decisions to the automatic match. Without decisions (command line,
 * seeding) every automatic link stands; with `requireConfirmation`, an uncertain link nobody
 * confirmed or replaced is an error. Errors are in Chinese, one per problem.
 */
export function resolveRevision(
  oldItems: RevisionItem[],
  newItems: RevisionItem[],
  decisions: RevisionDecisions | undefined,
  requireConfirmation: boolean,
  options: MatchOptions = DEFAULT_MATCH_OPTIONS,
): { ok: true; revision: ResolvedRevision; match: RevisionMatch } | { ok: false; errors: string[] } {
  const match = matchRevision(oldItems, newItems, options);
  const errors: string[] = [];
  const oldBy = new Map(oldItems.map((i) => [i.key, i]));
  const newBy = new Map(newItems.map((i) => [i.key, i]));
  const oldName = (k: number) => `原第${oldBy.get(k)?.number ?? k}项“${oldBy.get(k)?.title ?? ''}”`;
  const newName = (k: number) => `新版第${newBy.get(k)?.number ?? k}项“${newBy.get(k)?.title ?? ''}”`;

  const hand = decisions?.links ?? [];
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  for (const [i, l] of hand.entries()) {
    if (l.old.length === 0 || l.new.length === 0) errors.push(`第${i + 1}个手动对应必须同时包含旧版和新版条目`);
    if (l.old.length > 1 && l.new.length > 1) errors.push(`第${i + 1}个手动对应不能同时有多个旧版和多个新版条目(只能拆分或合并)`);
    for (const k of l.old) {
      if (!oldBy.has(k)) errors.push(`旧版条目不存在或不属于该方案:${k}`);
      else if (usedOld.has(k)) errors.push(`${oldName(k)}在手动对应中出现了不止一次`);
      usedOld.add(k);
    }
    for (const k of l.new) {
      if (!newBy.has(k)) errors.push(`新版条目序号超出范围:${k}`);
      else if (usedNew.has(k)) errors.push(`${newName(k)}在手动对应中出现了不止一次`);
      usedNew.add(k);
    }
  }
  for (const k of decisions?.unlinkOld ?? []) {
    if (!oldBy.has(k)) errors.push(`旧版条目不存在或不属于该方案:${k}`);
    else if (usedOld.has(k)) errors.push(`${oldName(k)}既有手动对应又被标为删除`);
  }
  for (const k of decisions?.unlinkNew ?? []) {
    if (!newBy.has(k)) errors.push(`新版条目序号超出范围:${k}`);
    else if (usedNew.has(k)) errors.push(`${newName(k)}既有手动对应又被标为新增`);
  }
  if (errors.length > 0) return { ok: false, errors };

  const dropOld = new Set([...usedOld, ...(decisions?.unlinkOld ?? [])]);
  const dropNew = new Set([...usedNew, ...(decisions?.unlinkNew ?? [])]);
  const sameLink = (a: { old: number[]; new: number[] }, b: { old: number[]; new: number[] }) =>
    a.old.length === b.old.length && a.new.length === b.new.length && a.old.every((k) => b.old.includes(k)) && a.new.every((k) => b.new.includes(k));

  const links: ResolvedLink[] = [];
  for (const auto of match.links) {
    const confirmed = hand.find((h) => sameLink(h, auto));
    if (confirmed) {
      links.push({ ...auto, uncertain: false, byHand: true });
      continue;
    }
    if (auto.old.some((k) => dropOld.has(k)) || auto.new.some((k) => dropNew.has(k))) continue;
    if (auto.uncertain && requireConfirmation) {
      errors.push(`${oldName(auto.old[0]!)}与${newName(auto.new[0]!)}的对应不确定(相似度 ${Math.round(auto.confidence * 100)}%),请确认或重新配对`);
      continue;
    }
    links.push({ ...auto, byHand: false });
  }
  for (const h of hand) {
    if (match.links.some((auto) => sameLink(h, auto))) continue;
    // A pair made by hand: described by the matcher as if it were the only candidate.
    const olds = h.old.map((k) => oldBy.get(k)!);
    const news = h.new.map((k) => newBy.get(k)!);
    const described = olds.length === 1 && news.length === 1 ? matchRevision(olds, news, { ...options, minScore: 0 }).links[0] : undefined;
    const kind = olds.length > 1 ? 'merge' : news.length > 1 ? 'split' : (described?.kind ?? 'changed');
    links.push({
      kind,
      old: h.old,
      new: h.new,
      reasons: kind === 'merge' ? ['merge'] : kind === 'split' ? ['split'] : (described?.reasons ?? ['body_edited']),
      confidence: described?.confidence ?? 0,
      uncertain: false,
      byHand: true,
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const linkedOld = new Set(links.flatMap((l) => l.old));
  const linkedNew = new Set(links.flatMap((l) => l.new));
  const resolvedMatch: RevisionMatch = {
    links,
    added: newItems.map((i) => i.key).filter((k) => !linkedNew.has(k)),
    removed: oldItems.map((i) => i.key).filter((k) => !linkedOld.has(k)),
  };
  const kept = new Set((decisions?.proposals ?? []).filter((p) => p.decision === 'keep').map((p) => `${p.newIndex}/${p.field}`));
  const proposals = revisionProposals(resolvedMatch, oldItems, newItems).map((p) => ({ ...p, accepted: !kept.has(`${p.newKey}/${p.field}`) }));
  return { ok: true, match, revision: { links, added: resolvedMatch.added, removed: resolvedMatch.removed, proposals } };
}
