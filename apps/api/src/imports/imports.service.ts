import { CLOCK, type Clock, Department, DepartmentAlias, Plan, seriesKeyOf } from '#domain';
import { AppConfig } from '#config';
import { ImportError, parseDocumentIsolated, toPreviewJson, type PreviewPlanJson } from '#importer';
import {
  compareRevision,
  DepartmentResolver,
  type ImportResult,
  PlanImportService,
  revisablePlan,
  RevisionDecisionError,
  type RevisionComparison,
  type RevisionDecisions,
} from '#plan-import';
import { BadRequestException, Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { DataSource, In } from 'typeorm';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { AuditService } from '../audit/audit.service.js';
import { DecisionNotifier } from '../queue/decision-notifier.service.js';

/** How a department named in a document relates to the departments duban knows. */
export interface PreviewDepartment {
  name: string;
  /** The known department the name resolves to (itself or through an alias), or null when new. */
  departmentId: number | null;
  departmentName: string | null;
  /** Items naming it. */
  items: number;
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  /** The same bytes were imported before: saving changes nothing. */
  alreadyImported: { planId: number; title: string | null; version: number } | null;
  /** The current plan this document revises (same normalised title): saving makes the next version. */
  revises: { planId: number; title: string | null; version: number } | null;
  /** The items with the note each one's units were read from, so a coordinator sees why. */
  plan: PreviewPlanJson;
  departments: PreviewDepartment[];
  /** Saving revises the current plan: the full comparison with it (categories, side-by-side text, proposals). */
  revision: RevisionComparison | null;
}

/** Turns an ImportError into the HTTP error a user sees (Chinese message). */
function asHttpError(error: unknown): never {
  if (error instanceof ImportError) {
    if (error.code === 'TOO_LARGE') throw new PayloadTooLargeException({ statusCode: 413, error: '文件过大', message: [error.message] });
    throw new BadRequestException({ statusCode: 400, error: '无法导入该文件', message: [error.message] });
  }
  if (error instanceof RevisionDecisionError) throw new BadRequestException({ statusCode: 400, error: '修订对应有误', message: error.errors });
  throw error;
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly decisions: DecisionNotifier,
  ) {}

  /** Parses in a worker thread within the configured time and memory (the event loop keeps answering). */
  private parse(buffer: Buffer, fileName: string) {
    return parseDocumentIsolated(buffer, fileName, this.config.importLimits).catch(asHttpError);
  }

  /** `revisesPlanId`: the plan the coordinator says this document revises (else found by its title). */
  async preview(actor: Actor, buffer: Buffer, fileName: string, revisesPlanId?: number): Promise<ImportPreview> {
    this.access.assertCoordinator(actor, '导入方案');
    const parsed = await this.parse(buffer, fileName);
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const plans = this.dataSource.getRepository(Plan);
    const same = await plans.findOneBy({ sha256 });
    const title = parsed.title?.trim() || basename(fileName, extname(fileName));
    const revised =
      revisesPlanId === undefined
        ? await plans.findOneBy({ seriesKey: seriesKeyOf(title), current: true })
        : await revisablePlan(this.dataSource.manager, revisesPlanId).catch(asHttpError);

    const counts = new Map<string, number>();
    for (const item of parsed.items) for (const name of [...item.lead, ...item.co]) counts.set(name, (counts.get(name) ?? 0) + 1);
    const known = await this.resolveNames([...counts.keys()]);
    const revision = revised && !same ? await compareRevision(this.dataSource.manager, revised, parsed, new DepartmentResolver(this.dataSource.manager)).catch(asHttpError) : null;
    return {
      revision,
      fileName,
      sha256,
      alreadyImported: same ? { planId: same.id, title: same.title, version: same.version } : null,
      revises: revised && !same ? { planId: revised.id, title: revised.title, version: revised.version } : null,
      plan: toPreviewJson(parsed),
      departments: [...counts].map(([name, items]) => {
        const d = known.get(name) ?? null;
        return { name, departmentId: d?.id ?? null, departmentName: d?.name ?? null, items };
      }),
    };
  }

  /**
   * Saves a document. `mapping` maps department names the system does not know to an existing
   * department (recorded as an alias, so later documents resolve too); names left out are created.
   */
  async save(actor: Actor, buffer: Buffer, fileName: string, mapping: Record<string, number>, decisions?: RevisionDecisions, revisesPlanId?: number): Promise<ImportResult> {
    this.access.assertCoordinator(actor, '导入方案');
    const entries = Object.entries(mapping);
    if (entries.length > 0) {
      const ids = [...new Set(entries.map(([, id]) => id))];
      const found = await this.dataSource.getRepository(Department).findBy({ id: In(ids) });
      const missing = ids.filter((id) => !found.some((d) => d.id === id));
      if (missing.length > 0) throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: [`单位不存在:${missing.join('、')}`] });
    }
    // Parse (and so validate) the document once, before recording any alias; the import reuses it.
    const parsed = await this.parse(buffer, fileName);
    const service = new PlanImportService(this.dataSource, async () => parsed);
    const added: { alias: string; departmentId: number }[] = [];
    await this.dataSource.transaction(async (manager) => {
      const aliases = manager.getRepository(DepartmentAlias);
      const departments = manager.getRepository(Department);
      for (const [name, departmentId] of entries) {
        const alias = name.trim();
        if (!alias || (await departments.findOneBy({ name: alias })) || (await aliases.findOneBy({ alias }))) continue;
        await aliases.insert({ alias, departmentId });
        added.push({ alias, departmentId });
      }
      if (added.length > 0) await this.audit.record(manager, actor, 'department.alias.add', 'department_alias', null, null, null, added);
    });
    const result = await service
      .importBuffer(buffer, fileName, { decisions, revisesPlanId, requireConfirmation: true, actor: { id: actor.id, username: actor.username }, now: this.clock.now() })
      .catch(asHttpError);
    if (result.status !== 'unchanged') {
      await this.audit.record(
        this.dataSource.manager,
        actor,
        result.status === 'revised' ? 'plan.revise' : 'plan.import',
        'plan',
        result.plan.id,
        null,
        result.status === 'revised' ? { planId: result.previous.id, version: result.previous.version } : null,
        { planId: result.plan.id, title: result.plan.title, version: result.plan.version, fileName, sha256: result.plan.sha256 },
      );
    }
    if (result.status === 'revised') await this.decisions.record(this.dataSource.manager, { event: 'plan-revised', refId: result.plan.id, itemId: null });
    return result;
  }

  private async resolveNames(names: string[]): Promise<Map<string, Department>> {
    const out = new Map<string, Department>();
    if (names.length === 0) return out;
    for (const d of await this.dataSource.getRepository(Department).findBy({ name: In(names) })) out.set(d.name, d);
    const aliases = await this.dataSource.getRepository(DepartmentAlias).find({ where: { alias: In(names) }, relations: { department: true } });
    for (const a of aliases) out.set(a.alias, a.department);
    return out;
  }
}
