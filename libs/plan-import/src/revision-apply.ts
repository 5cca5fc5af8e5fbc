import {
  type AppliedLink,
  Assignment,
  type AssignmentRole,
  AuditLog,
  Department,
  ExtensionRequest,
  Indicator,
  IndicatorReading,
  Item,
  Notification,
  Plan,
  PlanRevision,
  ProgressReport,
  type RevisionMove,
  Urge,
  WITHDRAWN_STATUS,
} from '#domain';
import type { ParsedItem, ParsedPlan } from '#importer';
import { type EntityManager, In } from 'typeorm';
import type { DepartmentResolver, ImportOptions, PlanDiff } from './plan-import.service.js';
import { type ResolvedRevision, resolveRevision } from './revision-decisions.js';
import { LINK_KIND_LABELS, type LinkKind, MATCH_REASON_LABELS, type MatchReason, type RevisionItem, type TextSpan, textSpans } from './revision-match.js';

/** The coordinator's decisions do not fit the revision: one Chinese message per problem (a 400). */
export class RevisionDecisionError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join(';'));
  }
}

/** A revision cannot be undone (Chinese message; a 409). */
export class RevisionUndoError extends Error {}

/** An item as the 计划导入 comparison shows it: old items by id, new ones by their index in the document. */
export interface ComparedItem {
  id: number | null;
  index: number | null;
  number: string;
  path: string[];
  title: string;
  body: string;
  dueText: string | null;
  lead: string[];
  co: string[];
}

export interface ComparedLink {
  kind: LinkKind;
  kindLabel: string;
  reasons: Array<{ code: MatchReason; label: string }>;
  confidence: number;
  uncertain: boolean;
  old: ComparedItem[];
  new: ComparedItem[];
  /** Old and new text side by side: spans the same on both sides, removed (old only) or added (new only). */
  titleSpans: TextSpan[];
  bodySpans: TextSpan[];
}

export interface RevisionComparison {
  previous: { planId: number; title: string; version: number };
  counts: Record<LinkKind | 'added' | 'removed' | 'uncertain', number>;
  links: ComparedLink[];
  added: ComparedItem[];
  removed: ComparedItem[];
  proposals: Array<{ newIndex: number; oldItemId: number; field: 'deadline' | 'departments'; from: unknown; to: unknown }>;
}

/** The tracked items of a plan (no sections), with their departments' names, as the matcher sees them. */
async function oldRevisionItems(
  manager: EntityManager,
  planId: number,
  departments: DepartmentResolver,
): Promise<{ rows: Item[]; items: RevisionItem[]; assignments: Map<number, Assignment[]> }> {
  const rows = (await manager.getRepository(Item).find({ where: { planId }, order: { order: 'ASC' } })).filter((i) => i.kind !== 'section');
  const assignments = new Map<number, Assignment[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const found = await manager.getRepository(Assignment).find({ where: { itemId: In(ids.slice(i, i + 500)) }, relations: { department: true }, order: { id: 'ASC' } });
    for (const a of found) assignments.set(a.itemId, [...(assignments.get(a.itemId) ?? []), a]);
  }
  await departments.prepare(rows.flatMap((r) => [...(r.printed?.lead ?? []), ...(r.printed?.co ?? [])]));
  const canonical = (names: string[]) => [...new Set(names.map((n) => departments.known(n)?.name ?? n.trim()))];
  const items = rows.map((r) => ({
    key: r.id,
    ...(r.printed ? { printed: { dueText: r.printed.due, lead: canonical(r.printed.lead), co: canonical(r.printed.co).filter((n) => !canonical(r.printed!.lead).includes(n)) } } : {}),
    number: r.number,
    path: r.path,
    title: r.title,
    body: r.body,
    dueText: r.dueText,
    lead: (assignments.get(r.id) ?? []).filter((a) => a.role === 'lead').map((a) => a.department.name),
    co: (assignments.get(r.id) ?? []).filter((a) => a.role === 'co').map((a) => a.department.name),
  }));
  return { rows, items, assignments };
}

/** The parsed items of the new document, departments named as the ones they resolve to. */
async function newRevisionItems(parsed: ParsedPlan, departments: DepartmentResolver, create: boolean): Promise<RevisionItem[]> {
  await departments.prepare(parsed.items.flatMap((p) => [...p.lead, ...p.co]));
  const name = async (n: string) => (create ? (await departments.resolve(n)).name : (departments.known(n)?.name ?? n.trim()));
  const out: RevisionItem[] = [];
  for (const [index, p] of parsed.items.entries()) {
    const lead = [...new Set(await Promise.all(p.lead.map(name)))];
    const co = [...new Set(await Promise.all(p.co.map(name)))].filter((n) => !lead.includes(n));
    out.push({ key: index, number: p.number, path: p.path, title: p.title, body: p.body, dueText: p.due, lead, co });
  }
  return out;
}

/** The full comparison of a document with the current version of its plan, before anything is saved. */
export async function compareRevision(manager: EntityManager, previous: Plan, parsed: ParsedPlan, departments: DepartmentResolver): Promise<RevisionComparison> {
  const old = await oldRevisionItems(manager, previous.id, departments);
  const fresh = await newRevisionItems(parsed, departments, false);
  const resolved = resolveRevision(old.items, fresh, undefined, false);
  if (!resolved.ok) throw new RevisionDecisionError(resolved.errors);
  const oldBy = new Map(old.items.map((i) => [i.key, i]));
  const compared = (i: RevisionItem, isOld: boolean): ComparedItem => ({
    id: isOld ? i.key : null,
    index: isOld ? null : i.key,
    number: i.number,
    path: i.path,
    title: i.title,
    body: i.body,
    dueText: i.dueText,
    lead: i.lead,
    co: i.co,
  });
  const { revision } = resolved;
  const counts: RevisionComparison['counts'] = { unchanged: 0, changed: 0, split: 0, merge: 0, added: revision.added.length, removed: revision.removed.length, uncertain: 0 };
  const links = revision.links.map((l) => {
    counts[l.kind]++;
    if (l.uncertain) counts.uncertain++;
    const olds = l.old.map((k) => oldBy.get(k)!);
    const news = l.new.map((k) => fresh[k]!);
    const join = (xs: RevisionItem[], f: (x: RevisionItem) => string) => xs.map(f).join('\n');
    return {
      kind: l.kind,
      kindLabel: LINK_KIND_LABELS[l.kind],
      reasons: l.reasons.map((code) => ({ code, label: MATCH_REASON_LABELS[code] })),
      confidence: l.confidence,
      uncertain: l.uncertain,
      old: olds.map((i) => compared(i, true)),
      new: news.map((i) => compared(i, false)),
      titleSpans: textSpans(join(olds, (x) => x.title), join(news, (x) => x.title)),
      bodySpans: textSpans(join(olds, (x) => x.body), join(news, (x) => x.body)),
    };
  });
  return {
    previous: { planId: previous.id, title: previous.title, version: previous.version },
    counts,
    links,
    added: revision.added.map((k) => compared(fresh[k]!, false)),
    removed: revision.removed.map((k) => compared(oldBy.get(k)!, true)),
    proposals: revision.proposals.map((p) => ({ newIndex: p.newKey, oldItemId: p.oldKey, field: p.field, from: p.from, to: p.to })),
  };
}

/** Applies a revision inside the import's transaction: tracking state, departments and records follow each item. */
export class RevisionApplier {
  private readonly moves: RevisionMove[] = [];
  private readonly audit: Array<Partial<AuditLog>> = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly options: ImportOptions,
    private readonly departments: DepartmentResolver,
  ) {}

  async apply(
    previous: Plan,
    plan: Plan,
    parsed: ParsedPlan,
    itemRows: Item[],
    printedAssignments: (row: Item, p: ParsedItem) => Promise<void>,
  ): Promise<{ id: number; diff: PlanDiff; resolved: ResolvedRevision }> {
    const m = this.manager;
    const old = await oldRevisionItems(m, previous.id, this.departments);
    const fresh = await newRevisionItems(parsed, this.departments, true);
    const resolved = resolveRevision(old.items, fresh, this.options.decisions, this.options.requireConfirmation ?? false);
    if (!resolved.ok) throw new RevisionDecisionError(resolved.errors);
    const { revision } = resolved;
    const oldById = new Map(old.rows.map((r) => [r.id, r]));
    const accepted = (index: number, field: 'deadline' | 'departments') => revision.proposals.find((p) => p.newKey === index && p.field === field)?.accepted;
    const itemRepo = m.getRepository(Item);
    const applied: AppliedLink[] = [];
    const linkedNew = new Set<number>();
    const diff: PlanDiff = { added: [], removed: [], changed: [] };

    for (const l of revision.links) {
      const olds = l.old.map((id) => oldById.get(id)!);
      const primary = olds[0]!;
      const target = itemRows[l.new[0]!]!;
      for (const index of l.new) {
        linkedNew.add(index);
        const row = itemRows[index]!;
        row.status = primary.status;
        row.statusReason = primary.statusReason;
        row.assignedOn = primary.assignedOn;
        if (accepted(index, 'deadline') !== true) {
          // The tracked deadline (maybe extended) stands unless the coordinator took the newly printed one.
          row.deadline = primary.deadline;
          row.deadlineKind = primary.deadlineKind;
          row.dueText = primary.dueText;
        }
        await itemRepo.save(row);
        const carried = olds.flatMap((o) => old.assignments.get(o.id) ?? []);
        if (accepted(index, 'departments') === true || carried.length === 0) await printedAssignments(row, parsed.items[index]!);
        else await this.copyAssignments(row.id, carried);
        this.audit.push({
          action: 'item.revise',
          entityType: 'item',
          entityId: row.id,
          itemId: row.id,
          before: { planId: previous.id, version: previous.version, itemIds: l.old, numbers: olds.map((o) => o.number), titles: olds.map((o) => o.title) },
          after: { planId: plan.id, version: plan.version, number: row.number, title: row.title, kind: l.kind, reasons: l.reasons, confidence: l.confidence, byHand: l.byHand },
        });
      }
      for (const o of olds) await this.moveRecords(o.id, target.id);
      await itemRepo.update({ id: In(l.old) }, { successorId: target.id });
      applied.push({ kind: l.kind, old: l.old, new: l.new.map((i) => itemRows[i]!.id), reasons: l.reasons, confidence: l.confidence, byHand: l.byHand });
      if (l.kind === 'changed') diff.changed.push({ number: target.number, path: target.path, title: target.title, previousTitle: primary.title });
    }

    for (const [index, row] of itemRows.entries()) {
      if (linkedNew.has(index)) continue;
      await printedAssignments(row, parsed.items[index]!);
      diff.added.push({ number: row.number, path: row.path, title: row.title });
    }

    for (const id of revision.removed) {
      const o = oldById.get(id)!;
      diff.removed.push({ number: o.number, path: o.path, title: o.title });
      const reason = `第${plan.version}版修订中删除`;
      await itemRepo.update({ id }, { status: WITHDRAWN_STATUS, statusReason: reason });
      applied.push({ kind: 'removed', old: [id], new: [], reasons: [], confidence: 1, byHand: false, previousStatus: o.status, previousReason: o.statusReason });
      this.audit.push({ action: 'item.withdraw', entityType: 'item', entityId: id, itemId: id, before: { status: o.status }, after: { status: WITHDRAWN_STATUS, reason, planId: plan.id, version: plan.version } });
      const pending = await m.getRepository(Notification).find({ where: { itemId: id, status: 'pending' }, select: { id: true, itemId: true } });
      if (pending.length > 0) {
        await m.getRepository(Notification).update({ id: In(pending.map((n) => n.id)) }, { status: 'withdrawn', lastError: `事项已在第${plan.version}版修订中撤销` });
        for (const n of pending) this.moves.push({ table: 'notification', id: n.id, from: id, to: id, status: 'pending' });
      }
    }

    await this.moveIndicatorReadings(previous.id, plan.id);

    const now = this.options.now ?? new Date();
    const actor = this.options.actor ?? { id: null, username: 'system' };
    const auditRepo = m.getRepository(AuditLog);
    for (let i = 0; i < this.audit.length; i += 100) {
      await auditRepo.insert(this.audit.slice(i, i + 100).map((e) => ({ ...e, at: now, userId: actor.id, username: actor.username, before: (e.before ?? null) as never, after: (e.after ?? null) as never })));
    }
    const mark = await auditRepo.createQueryBuilder('a').select('MAX(a.id)', 'max').getRawOne<{ max: number | string | null }>();
    const saved = await m.getRepository(PlanRevision).save(
      m.getRepository(PlanRevision).create({ planId: plan.id, previousPlanId: previous.id, at: now, userId: actor.id, auditMark: Number(mark?.max ?? 0), links: applied, moves: this.moves }),
    );
    return { id: saved.id, diff, resolved: revision };
  }

  private async copyAssignments(itemId: number, carried: Assignment[]): Promise<void> {
    const roles = new Map<number, AssignmentRole>();
    for (const a of carried) if (!roles.has(a.departmentId)) roles.set(a.departmentId, a.role);
    await this.manager.getRepository(Assignment).insert([...roles].map(([departmentId, role]) => ({ itemId, departmentId, role })));
  }

  /** Moves the records of an old item to its successor; a record the successor already has (a merge's second report of a month) stays. */
  private async moveRecords(from: number, to: number): Promise<void> {
    const m = this.manager;
    const reports = await m.getRepository(ProgressReport).find({ where: { itemId: In([from, to]) }, select: { id: true, itemId: true, departmentId: true, period: true } });
    const taken = new Set(reports.filter((r) => r.itemId === to).map((r) => `${r.departmentId}/${r.period}`));
    const movable = reports.filter((r) => r.itemId === from && !taken.has(`${r.departmentId}/${r.period}`));
    await this.moveRows(ProgressReport, 'progress_report', movable.map((r) => r.id), from, to);
    for (const [entity, table] of [
      [ExtensionRequest, 'extension_request'],
      [Urge, 'urge'],
      [AuditLog, 'audit_log'],
    ] as const) {
      const rows = await m.getRepository(entity).find({ where: { itemId: from }, select: { id: true } });
      await this.moveRows(entity, table, rows.map((r) => r.id), from, to);
    }
    // A notification's key names its item: renamed, so the worker finds the reminders already sent
    // for the successor and sends none of them again (a changed deadline makes new keys).
    const notifications = m.getRepository(Notification);
    for (const n of await notifications.find({ where: { itemId: from }, select: { id: true, key: true, status: true } })) {
      const prefix = `item.${from}.`;
      const key = n.key.startsWith(prefix) ? `item.${to}.${n.key.slice(prefix.length)}` : n.key;
      if (key !== n.key && (await notifications.existsBy({ key }))) {
        // A merge: the successor already has this very reminder (same rule, deadline, occurrence); it goes out once.
        if (n.status === 'pending') {
          await notifications.update({ id: n.id }, { status: 'withdrawn', lastError: '事项已合并,此提醒与合并后事项的提醒相同' });
          this.moves.push({ table: 'notification', id: n.id, from, to: from, status: 'pending' });
        }
        continue;
      }
      await notifications.update({ id: n.id }, { itemId: to, key });
      this.moves.push({ table: 'notification', id: n.id, from, to, key: n.key });
    }
  }

  private async moveRows(entity: typeof ProgressReport | typeof ExtensionRequest | typeof Urge | typeof AuditLog, table: RevisionMove['table'], ids: number[], from: number, to: number): Promise<void> {
    if (ids.length === 0) return;
    for (let i = 0; i < ids.length; i += 500) await this.manager.getRepository(entity).update({ id: In(ids.slice(i, i + 500)) }, { itemId: to });
    for (const id of ids) this.moves.push({ table, id, from, to });
  }

  /**
   * Readings follow their indicator to the new version's indicator of the same name and path, and so
   * does the department the office made responsible for it (a copy: the old version keeps its own).
   */
  private async moveIndicatorReadings(previousPlanId: number, planId: number): Promise<void> {
    const m = this.manager;
    const repo = m.getRepository(Indicator);
    const olds = await repo.findBy({ planId: previousPlanId });
    if (olds.length === 0) return;
    const key = (i: Indicator) => JSON.stringify([i.name.trim(), i.path]);
    const news = new Map<string, Indicator>();
    for (const i of await repo.findBy({ planId })) if (!news.has(key(i))) news.set(key(i), i);
    for (const o of olds) {
      const n = news.get(key(o));
      if (!n) continue;
      if (o.departmentId !== null && n.departmentId === null) await repo.update({ id: n.id }, { departmentId: o.departmentId });
      const readings = await m.getRepository(IndicatorReading).find({ where: { indicatorId: o.id }, select: { id: true } });
      if (readings.length === 0) continue;
      await m.getRepository(IndicatorReading).update({ id: In(readings.map((r) => r.id)) }, { indicatorId: n.id });
      for (const r of readings) this.moves.push({ table: 'indicator_reading', id: r.id, from: o.id, to: n.id });
    }
  }
}

const MOVED_ENTITIES = { progress_report: ProgressReport, extension_request: ExtensionRequest, urge: Urge, audit_log: AuditLog } as const;

/**
 * Whether the revision that made `planId` may be undone now: the revision (null for a first import)
 * and, when it may not be undone, why not (in Chinese, for the coordinator).
 */
export async function revisionUndoCheck(manager: EntityManager, planId: number): Promise<{ revision: PlanRevision | null; plan: Plan; refusal: string | null }> {
  const plan = await manager.getRepository(Plan).findOneBy({ id: planId });
  if (!plan) throw new RevisionUndoError(`方案不存在:${planId}`);
  const revision = await manager.getRepository(PlanRevision).findOneBy({ planId });
  if (!revision) return { revision, plan, refusal: `第${plan.version}版不是修订导入的版本,无可撤销的修订` };
  if (!plan.current) return { revision, plan, refusal: `第${plan.version}版已被更新的版本替代,请先撤销更新的修订` };
  // Anything written on the new version since the revision is an audit entry on one of its items.
  const written = await manager
    .getRepository(AuditLog)
    .createQueryBuilder('a')
    .where('a.id > :mark', { mark: revision.auditMark })
    .andWhere((qb) => `a.itemId IN ${qb.subQuery().select('i.id').from(Item, 'i').where('i.planId = :planId', { planId }).getQuery()}`)
    .getCount();
  if (written > 0) return { revision, plan, refusal: `第${plan.version}版已有${written}条办理记录(进展、延期、催办、交办或状态变更),不能撤销修订` };
  return { revision, plan, refusal: null };
}

/**
 * Undoes the revision that made `planId`: every record goes back to its old item, removed items
 * get their status and pending reminders back, the new version is deleted and the old one is
 * current again. Refused once anybody wrote on the new version.
 */
export async function undoRevision(manager: EntityManager, planId: number, actor: { id: number | null; username: string }, now: Date): Promise<{ previousPlanId: number }> {
  const { revision, plan, refusal } = await revisionUndoCheck(manager, planId);
  if (!revision || refusal) throw new RevisionUndoError(refusal ?? '');
  const newIds = (await manager.getRepository(Item).find({ where: { planId }, select: { id: true } })).map((i) => i.id);

  // Reminders the worker recorded for the new items since: back to the old item, so none is sent twice.
  const primaryOld = new Map<number, number>();
  for (const l of revision.links) if (l.old.length > 0) for (const n of l.new) primaryOld.set(n, l.old[0]!);
  const movedNotifications = new Set(revision.moves.filter((mv) => mv.table === 'notification').map((mv) => mv.id));
  const notifications = manager.getRepository(Notification);
  if (newIds.length > 0) {
    for (const n of await notifications.find({ where: { itemId: In(newIds) }, select: { id: true, key: true, itemId: true } })) {
      if (movedNotifications.has(n.id)) continue;
      const back = primaryOld.get(n.itemId!);
      const prefix = `item.${n.itemId}.`;
      if (back === undefined || !n.key.startsWith(prefix)) continue;
      const key = `item.${back}.${n.key.slice(prefix.length)}`;
      if (await notifications.existsBy({ key })) await notifications.delete({ id: n.id });
      else await notifications.update({ id: n.id }, { itemId: back, key });
    }
  }
  for (const mv of [...revision.moves].reverse()) {
    if (mv.table === 'notification') {
      await notifications.update({ id: mv.id }, { itemId: mv.from, ...(mv.key ? { key: mv.key } : {}), ...(mv.status ? { status: mv.status as Notification['status'], lastError: null } : {}) });
    } else if (mv.table === 'indicator_reading') {
      await manager.getRepository(IndicatorReading).update({ id: mv.id }, { indicatorId: mv.from });
    } else {
      await manager.getRepository(MOVED_ENTITIES[mv.table]).update({ id: mv.id }, { itemId: mv.from });
    }
  }
  const items = manager.getRepository(Item);
  for (const l of revision.links) {
    if (l.kind === 'removed') await items.update({ id: In(l.old) }, { status: l.previousStatus ?? '未启动', statusReason: l.previousReason ?? null });
    else await items.update({ id: In(l.old) }, { successorId: null });
  }
  // What is left on the new items is the revision's own entries (nobody wrote since): they go with
  // them; so do the withdrawal entries on the removed old items.
  const audit = manager.getRepository(AuditLog);
  for (let i = 0; i < newIds.length; i += 500) await audit.delete({ itemId: In(newIds.slice(i, i + 500)) });
  const withdrawn = revision.links.filter((l) => l.kind === 'removed').flatMap((l) => l.old);
  for (let i = 0; i < withdrawn.length; i += 500) {
    await audit
      .createQueryBuilder()
      .delete()
      .where('id <= :mark AND action = :action', { mark: revision.auditMark, action: 'item.withdraw' })
      .andWhere('itemId IN (:...ids)', { ids: withdrawn.slice(i, i + 500) })
      .execute();
  }
  await manager.getRepository(Plan).delete({ id: planId });
  await manager.getRepository(Plan).update({ id: revision.previousPlanId }, { current: true, supersededById: null });
  await manager.getRepository(AuditLog).insert({
    at: now,
    userId: actor.id,
    username: actor.username,
    action: 'plan.revise.undo',
    entityType: 'plan',
    entityId: revision.previousPlanId,
    itemId: null,
    before: { planId, version: plan.version },
    after: { planId: revision.previousPlanId, version: plan.version - 1 },
  });
  return { previousPlanId: revision.previousPlanId };
}
