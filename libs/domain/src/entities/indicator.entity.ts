import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Plan } from './plan.entity.js';

export const INDICATOR_OPS = ['>=', '<=', '=', '>', '<', 'top'] as const;
export type IndicatorOpValue = (typeof INDICATOR_OPS)[number];

/** A quantified target of a plan, e.g. 国家级创新平台 >= 180 家 by 2025. */
@Entity('indicator')
@Index('IDX_indicator_plan_order', ['planId', 'order'])
export class Indicator {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_indicator' })
  id!: number;

  @ManyToOne('Plan', (plan: Plan) => plan.indicators, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'planId', foreignKeyConstraintName: 'FK_indicator_plan' })
  plan!: Relation<Plan>;

  @Column({ type: 'integer' })
  planId!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 4 })
  op!: IndicatorOpValue;

  @Column({ type: 'double precision' })
  targetValue!: number;

  @Column({ type: 'varchar', length: 50, nullable: true })
  unit!: string | null;

  @Column({ type: 'integer', nullable: true })
  targetYear!: number | null;

  @Column({ type: 'simple-json' })
  path!: string[];

  @Column({ type: 'integer' })
  order!: number;

  /** The department responsible for the indicator: its editors enter the readings (set by the 质量强市办). */
  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;
}
