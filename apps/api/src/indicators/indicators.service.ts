import { Indicator } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlansService } from '../plans/plans.service.js';

export interface IndicatorView {
  id: number;
  name: string;
  op: string;
  targetValue: number;
  unit: string | null;
  targetYear: number | null;
  path: string[];
}

@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
  ) {}

  async forPlan(planId: number): Promise<IndicatorView[]> {
    await this.plans.find(planId);
    const rows = await this.dataSource.getRepository(Indicator).find({ where: { planId }, order: { order: 'ASC' } });
    return rows.map((x) => ({
      id: x.id,
      name: x.name,
      op: x.op,
      targetValue: Number(x.targetValue),
      unit: x.unit,
      targetYear: x.targetYear,
      path: x.path,
    }));
  }
}
