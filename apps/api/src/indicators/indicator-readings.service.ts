import { AuditLog, Department, Indicator, indicatorProgress, INDICATOR_PROGRESS_LABELS, type IndicatorProgress, IndicatorReading, readingWriteRefusal } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, conflict, forbidden } from '../common/errors.js';

export interface ReadingsView {
  indicatorId: number;
  name: string;
  /** The department responsible for the indicator (it enters the readings), or null while none is set. */
  departmentId: number | null;
  op: string;
  targetValue: number;
  unit: string | null;
  targetYear: number | null;
  readings: { id: number; period: string; value: number; note: string | null; departmentId: number | null; enteredById: number }[];
  progress: IndicatorProgress;
  progressLabel: string;
}

export interface ReadingHistoryEntry {
  at: Date;
  userId: number | null;
  username: string;
  value: number;
  note: string | null;
  /** The value before this write, null for the first. */
  previous: number | null;
}

/** A period as a point in time, in years: "2024" = the end of 2024, "2024-06" = the end of June 2024. */
export function periodEnd(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number | undefined];
  return m === undefined ? y + 1 : y + m / 12;
}

/** 指标 readings per period, and where each indicator stands against its target and year. */
@Injectable()
export class IndicatorReadingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async get(indicatorId: number): Promise<ReadingsView> {
    const indicator = await this.dataSource.getRepository(Indicator).findOneBy({ id: indicatorId });
    if (!indicator) throw new NotFoundException(`指标不存在:${indicatorId}`);
    const readings = await this.dataSource.getRepository(IndicatorReading).find({ where: { indicatorId } });
    readings.sort((a, b) => periodEnd(a.period) - periodEnd(b.period));
    const first = readings[0];
    const last = readings.at(-1);
    const progress = indicatorProgress({
      op: indicator.op,
      target: Number(indicator.targetValue),
      targetYear: indicator.targetYear,
      baseline: readings.length > 1 && first ? Number(first.value) : null,
      baselineYear: readings.length > 1 && first ? periodEnd(first.period) : null,
      latest: last ? Number(last.value) : null,
      latestAt: last ? periodEnd(last.period) : null,
    });
    return {
      indicatorId: indicator.id,
      name: indicator.name,
      departmentId: indicator.departmentId,
      op: indicator.op,
      targetValue: Number(indicator.targetValue),
      unit: indicator.unit,
      targetYear: indicator.targetYear,
      readings: readings.map((r) => ({ id: r.id, period: r.period, value: Number(r.value), note: r.note, departmentId: r.departmentId, enteredById: r.enteredById })),
      progress,
      progressLabel: INDICATOR_PROGRESS_LABELS[progress],
    };
  }

  /**
   * The responsible department's editors and the 质量强市办 enter a reading; an existing one is
   * corrected by the department that wrote it or the office (readingWriteRefusal). Every write is
   * in the audit log, which is the reading's history.
   */
  async put(actor: Actor, indicatorId: number, period: string, value: number, note: string | undefined): Promise<ReadingsView> {
    await this.dataSource.transaction(async (manager) => {
      const indicator = await manager.getRepository(Indicator).findOne({ where: { id: indicatorId }, relations: { plan: true } });
      if (!indicator) throw new NotFoundException(`指标不存在:${indicatorId}`);
      if (!indicator.plan.current) throw conflict(`该指标属于已被替代的第${indicator.plan.version}版方案,只能查看,请在新版方案的指标上填报`);
      if (indicator.plan.archived) throw conflict('该指标所属方案已归档,只能查看,不能再填报');
      const responsible = indicator.departmentId === null ? null : await manager.getRepository(Department).findOneBy({ id: indicator.departmentId });
      const repo = manager.getRepository(IndicatorReading);
      const existing = await repo.findOneBy({ indicatorId, period });
      const refusal = readingWriteRefusal({
        role: actor.role,
        departmentId: actor.departmentId,
        responsible: responsible ? { id: responsible.id, name: responsible.name } : null,
        existingDepartmentId: existing ? existing.departmentId : undefined,
      });
      if (refusal) throw forbidden(refusal);
      const before = existing ? { value: Number(existing.value), note: existing.note, departmentId: existing.departmentId, enteredById: existing.enteredById } : null;
      const saved = await repo.save({ ...(existing ?? {}), indicatorId, period, value, note: note ?? null, departmentId: existing?.departmentId ?? actor.departmentId, enteredById: actor.id });
      await this.audit.record(manager, actor, 'indicator.reading', 'indicator_reading', saved.id, null, before, { indicatorId, period, value, note: note ?? null });
    });
    return this.get(indicatorId);
  }

  /** Every value a period's reading has had, oldest first, with who wrote it (from the audit log). */
  async history(indicatorId: number, period: string): Promise<ReadingHistoryEntry[]> {
    const reading = await this.dataSource.getRepository(IndicatorReading).findOneBy({ indicatorId, period });
    if (!reading) {
      if (!(await this.dataSource.getRepository(Indicator).existsBy({ id: indicatorId }))) throw new NotFoundException(`指标不存在:${indicatorId}`);
      return [];
    }
    const rows = await this.dataSource.getRepository(AuditLog).find({ where: { entityType: 'indicator_reading', entityId: reading.id, action: 'indicator.reading' }, order: { id: 'ASC' } });
    return rows.map((r) => {
      const after = r.after as { value: number; note: string | null };
      return { at: r.at, userId: r.userId, username: r.username, value: after.value, note: after.note, previous: (r.before as { value: number } | null)?.value ?? null };
    });
  }

  /** The 质量强市办 names the department responsible for an indicator (or none). */
  async setDepartment(actor: Actor, indicatorId: number, departmentId: number | null): Promise<ReadingsView> {
    this.access.assertCoordinator(actor, '指定指标的责任单位');
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Indicator);
      const indicator = await repo.findOneBy({ id: indicatorId });
      if (!indicator) throw new NotFoundException(`指标不存在:${indicatorId}`);
      if (departmentId !== null && !(await manager.getRepository(Department).existsBy({ id: departmentId }))) throw badRequest(`单位不存在:${departmentId}`);
      const before = { departmentId: indicator.departmentId };
      await repo.update({ id: indicatorId }, { departmentId });
      await this.audit.record(manager, actor, 'indicator.department', 'indicator', indicatorId, null, before, { departmentId });
    });
    return this.get(indicatorId);
  }
}
