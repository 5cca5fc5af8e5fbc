import { Indicator, indicatorProgress, INDICATOR_PROGRESS_LABELS, type IndicatorProgress, IndicatorReading } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { conflict, forbidden } from '../common/errors.js';

export interface ReadingsView {
  indicatorId: number;
  name: string;
  op: string;
  targetValue: number;
  unit: string | null;
  targetYear: number | null;
  readings: { id: number; period: string; value: number; note: string | null; departmentId: number | null; enteredById: number }[];
  progress: IndicatorProgress;
  progressLabel: string;
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
      op: indicator.op,
      targetValue: Number(indicator.targetValue),
      unit: indicator.unit,
      targetYear: indicator.targetYear,
      readings: readings.map((r) => ({ id: r.id, period: r.period, value: Number(r.value), note: r.note, departmentId: r.departmentId, enteredById: r.enteredById })),
      progress,
      progressLabel: INDICATOR_PROGRESS_LABELS[progress],
    };
  }

  /** Departments (editors) and coordinators enter a reading; an editor cannot overwrite another department's. */
  async put(actor: Actor, indicatorId: number, period: string, value: number, note: string | undefined): Promise<ReadingsView> {
    this.access.assertCanWrite(actor);
    const coordinator = this.access.isCoordinator(actor);
    if (!coordinator && actor.departmentId === null) throw forbidden('您的账号未归属任何单位,不能填报指标');
    await this.dataSource.transaction(async (manager) => {
      const indicator = await manager.getRepository(Indicator).findOne({ where: { id: indicatorId }, relations: { plan: true } });
      if (!indicator) throw new NotFoundException(`指标不存在:${indicatorId}`);
      if (!indicator.plan.current) throw conflict(`该指标属于已被替代的第${indicator.plan.version}版方案,只能查看,请在新版方案的指标上填报`);
      if (indicator.plan.archived) throw conflict('该指标所属方案已归档,只能查看,不能再填报');
      const repo = manager.getRepository(IndicatorReading);
      const existing = await repo.findOneBy({ indicatorId, period });
      if (existing && !coordinator && existing.departmentId !== actor.departmentId) throw forbidden('该期数值由其他单位填报,不能修改');
      const before = existing ? { value: Number(existing.value), note: existing.note, departmentId: existing.departmentId } : null;
      const saved = await repo.save({ ...(existing ?? {}), indicatorId, period, value, note: note ?? null, departmentId: existing?.departmentId ?? actor.departmentId, enteredById: actor.id });
      await this.audit.record(manager, actor, 'indicator.reading', 'indicator_reading', saved.id, null, before, { indicatorId, period, value, note: note ?? null });
    });
    return this.get(indicatorId);
  }
}
