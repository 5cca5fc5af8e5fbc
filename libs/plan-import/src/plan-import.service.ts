import {
  Assignment,
  type AssignmentRole,
  Department,
  DepartmentAlias,
  Indicator,
  INITIAL_ITEM_STATUS,
  Item,
  parseDue,
  Plan,
  seriesKeyOf,
} from '#domain';
import { parseDocumentIsolated, type ParsedItem, type ParsedPlan } from '#importer';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { ResolvedRevision, RevisionDecisions } from './revision-decisions.js';
import { RevisionApplier, RevisionDecisionError } from './revision-apply.js';

/** An item as listed in a revision diff. */
export interface DiffEntry {
  number: string;
  path: string[];
  title: string;
}

export interface ChangedEntry extends DiffEntry {
  previousTitle: string;
}

export interface PlanDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: ChangedEntry[];
}

export type ImportResult =
  | { status: 'created'; plan: Plan }
  | { status: 'unchanged'; plan: Plan }
  | { status: 'revised'; plan: Plan; previous: Plan; diff: PlanDiff; revision: ResolvedRevision; revisionId: number };

/** How a document is saved: the coordinator's decisions on a revision, and who saves it when. */
export interface ImportOptions {
  decisions?: RevisionDecisions;
  /** Refuse a revision whose uncertain matches nobody confirmed (the API; the command line accepts them). */
  requireConfirmation?: boolean;
  actor?: { id: number | null; username: string };
  now?: Date;
  /**
   * The plan this document revises, chosen by the coordinator where the titles do not show it (a re-issue
   * titled "关于修订《…》的通知", a renamed plan); otherwise the current plan of the title's series.
   */
  revisesPlanId?: number;
}

export type DocumentParser = (buffer: Buffer, fileName: string) => Promise<ParsedPlan>;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e.message ?? '');
}

/** The current version of a plan chosen to be revised; a Chinese refusal when there is none. */
export async function revisablePlan(manager: EntityManager, planId: number): Promise<Plan> {
  const plan = await manager.getRepository(Plan).findOneBy({ id: planId });
  if (!plan) throw new RevisionDecisionError([`要修订的方案不存在(ID ${planId})`]);
  if (!plan.current) throw new RevisionDecisionError([`“${plan.title}”第${plan.version}版已被新版本替代,请选择它的现行版本进行修订`]);
  return plan;
}

/**
 * Turns plan documents into Plans, Items, Departments, Assignments and Indicators.
 * One transaction per document; the same bytes twice create nothing; a new document
 * of an existing series becomes the next version and inherits the tracking state of
 * its unchanged items.
 */
export class PlanImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parse: DocumentParser = (buffer, fileName) => parseDocumentIsolated(buffer, fileName),
  ) {}

  async importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    return this.importBuffer(await readFile(path), basename(path), options);
  }

  async importBuffer(buffer: Buffer, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const known = await this.dataSource.getRepository(Plan).findOneBy({ sha256 });
    if (known) return { status: 'unchanged', plan: known };

    const parsed = await this.parse(buffer, fileName);
    try {
      return await this.dataSource.transaction((manager) => this.store(manager, parsed, fileName, sha256, options));
    } catch (error) {
      // Someone imported the same bytes at the same time.
      if (isUniqueViolation(error)) {
        const plan = await this.dataSource.getRepository(Plan).findOneBy({ sha256 });
        if (plan) return { status: 'unchanged', plan };
      }
      throw error;
    }
  }

  private async store(manager: EntityManager, parsed: ParsedPlan, fileName: string, sha256: string, options: ImportOptions): Promise<ImportResult> {
    const title = parsed.title?.trim() || basename(fileName, extname(fileName));
    const planRepo = manager.getRepository(Plan);
    const previous =
      options.revisesPlanId === undefined
        ? await planRepo.findOne({ where: { seriesKey: seriesKeyOf(title), current: true }, order: { version: 'DESC' } })
        : await revisablePlan(manager, options.revisesPlanId);
    const seriesKey = previous?.seriesKey ?? seriesKeyOf(title);

    // What the office set on the plan stays with its next version: a name it gave (one that no longer
    // normalises to the series), city, dates and the archive state; the details the new document
    // prints win over the old ones.
    // A revision that prints no title of its own (a notice, a table) keeps the plan's name too.
    const keepName = previous !== null && (seriesKeyOf(previous.title) !== previous.seriesKey || !parsed.title?.trim());
    const plan = await planRepo.save(
      planRepo.create({
        title: keepName ? previous.title : title,
        issuer: parsed.issuer ?? previous?.issuer ?? null,
        docNumber: parsed.docNumber ?? previous?.docNumber ?? null,
        issued: parsed.issued ?? previous?.issued ?? null,
        city: previous?.city ?? null,
        startDate: previous?.startDate ?? null,
        endDate: previous?.endDate ?? null,
        archived: previous?.archived ?? false,
        sourceFileName: fileName,
        sha256,
        version: previous ? previous.version + 1 : 1,
        seriesKey,
        current: true,
        supersededById: null,
        warnings: parsed.warnings,
      }),
    );
    const planYear = parsed.issued ? Number(parsed.issued.slice(0, 4)) : null;

    const itemRepo = manager.getRepository(Item);
    let order = 0;
    const sectionRows: Item[] = [];
    const itemRows: Item[] = new Array<Item>(parsed.items.length);

    const saveItem = async (fields: Partial<Item>): Promise<Item> => itemRepo.save(itemRepo.create({ ...fields, order: order++ }));
    const saveParsedItem = async (index: number): Promise<void> => {
      const p = parsed.items[index]!;
      const parent = p.parent !== null ? itemRows[p.parent] : p.section !== null ? sectionRows[p.section] : undefined;
      const due = parseDue(p.due, planYear);
      itemRows[index] = await saveItem({
        planId: plan.id,
        parentId: parent?.id ?? null,
        number: p.number,
        normalizedNumber: p.normalizedNumber,
        level: p.level,
        path: p.path,
        title: p.title,
        body: p.body,
        kind: p.kind,
        sourceLineStart: p.lineStart,
        sourceLineEnd: p.lineEnd,
        status: INITIAL_ITEM_STATUS,
        dueText: p.due,
        deadline: due?.date ?? null,
        printed: { due: p.due, lead: p.lead, co: p.co },
      });
    };

    // Document order: items before the first section, then each section followed by its items.
    // A parent always precedes its children in the importer's list.
    const bySection = new Map<number | null, number[]>();
    parsed.items.forEach((item, index) => {
      const list = bySection.get(item.section) ?? [];
      list.push(index);
      bySection.set(item.section, list);
    });
    for (const index of bySection.get(null) ?? []) await saveParsedItem(index);
    for (const [s, section] of parsed.sections.entries()) {
      sectionRows[s] = await saveItem({
        planId: plan.id,
        parentId: null,
        number: section.number,
        normalizedNumber: section.number,
        level: 0,
        path: [],
        title: section.title,
        body: section.body,
        kind: 'section',
        sourceLineStart: section.lineStart,
        sourceLineEnd: section.lineEnd,
        status: INITIAL_ITEM_STATUS,
        dueText: null,
        deadline: null,
      });
      for (const index of bySection.get(s) ?? []) await saveParsedItem(index);
    }

    const departments = new DepartmentResolver(manager);
    await departments.prepare(parsed.items.flatMap((p) => [...p.lead, ...p.co]));
    const assignmentRepo = manager.getRepository(Assignment);
    const printedAssignments = async (row: Item, p: ParsedItem): Promise<void> => {
      const roles = new Map<number, AssignmentRole>();
      for (const name of p.lead) roles.set((await departments.resolve(name)).id, 'lead');
      for (const name of p.co) {
        const id = (await departments.resolve(name)).id;
        if (!roles.has(id)) roles.set(id, 'co');
      }
      if (roles.size > 0) {
        await assignmentRepo.insert([...roles].map(([departmentId, role]) => ({ itemId: row.id, departmentId, role })));
      }
    };

    const indicatorRepo = manager.getRepository(Indicator);
    if (parsed.indicators.length > 0) {
      await indicatorRepo.insert(
        parsed.indicators.map((x, i) => ({
          planId: plan.id,
          name: x.name,
          op: x.op,
          targetValue: x.value,
          unit: x.unit,
          targetYear: x.year,
          path: x.path,
          order: i,
        })),
      );
    }

    if (!previous) {
      for (const [i, row] of itemRows.entries()) await printedAssignments(row, parsed.items[i]!);
      return { status: 'created', plan };
    }

    // A revised version: pair items by what they are, carry every record of an old item to its successor.
    const revision = await new RevisionApplier(manager, options, departments).apply(previous, plan, parsed, itemRows, printedAssignments);
    await planRepo.update({ id: previous.id }, { current: false, supersededById: plan.id });
    await planRepo.update({ id: plan.id }, { city: previous.city, startDate: previous.startDate, endDate: previous.endDate });
    previous.current = false;
    previous.supersededById = plan.id;
    return { status: 'revised', plan, previous, diff: revision.diff, revision: revision.resolved, revisionId: revision.id };
  }
}

/** Finds departments by alias or canonical name within one transaction, creating unknown ones. */
export class DepartmentResolver {
  private readonly cache = new Map<string, Department>();
  /** Names looked up by prepare() and found nowhere: resolve() creates them without asking again. */
  private readonly unknown = new Set<string>();

  constructor(private readonly manager: EntityManager) {}

  /** Looks up all the names a document prints at once (two queries), instead of two per name. */
  async prepare(printedNames: string[]): Promise<void> {
    const names = [...new Set(printedNames.map((n) => n.trim()))].filter((n) => !this.cache.has(n) && !this.unknown.has(n));
    if (names.length === 0) return;
    const aliases = await this.manager.getRepository(DepartmentAlias).find({ where: { alias: In(names) }, relations: { department: true } });
    for (const a of aliases) this.cache.set(a.alias, a.department);
    const rest = names.filter((n) => !this.cache.has(n));
    if (rest.length > 0) for (const d of await this.manager.getRepository(Department).findBy({ name: In(rest) })) this.cache.set(d.name, d);
    for (const n of rest) if (!this.cache.has(n)) this.unknown.add(n);
  }

  /** The department a prepared name resolves to, or undefined when it is unknown (nothing is created). */
  known(printedName: string): Department | undefined {
    return this.cache.get(printedName.trim());
  }

  async resolve(printedName: string): Promise<Department> {
    const name = printedName.trim();
    const cached = this.cache.get(name);
    if (cached) return cached;
    const repo = this.manager.getRepository(Department);
    const known = this.unknown.has(name)
      ? null
      : ((await this.manager.getRepository(DepartmentAlias).findOne({ where: { alias: name }, relations: { department: true } }))?.department ?? (await repo.findOneBy({ name })));
    const department = known ?? (await repo.save(repo.create({ name, contactEmails: null })));
    this.unknown.delete(name);
    this.cache.set(name, department);
    return department;
  }
}
