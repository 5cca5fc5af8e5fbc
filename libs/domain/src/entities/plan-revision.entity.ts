import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Plan } from './plan.entity.js';

/** One record moved by a revision from an old item to its successor (kept so the revision can be undone). */
export interface RevisionMove {
  table: 'progress_report' | 'extension_request' | 'urge' | 'notification' | 'audit_log' | 'indicator_reading';
  id: number;
  /** Old and new item id (indicator id for readings). */
  from: number;
  to: number;
  /** A notification's key before it moved (its key names the item). */
  key?: string;
  /** A notification's status before the revision withdrew it. */
  status?: string;
}

/** A link the revision applied: old item ids to new item ids, with the matcher's kind, reasons and confidence. */
export interface AppliedLink {
  kind: string;
  old: number[];
  new: number[];
  reasons: string[];
  confidence: number;
  /** Confirmed or paired by the coordinator. */
  byHand: boolean;
  /** A removed item's status before the revision withdrew it. */
  previousStatus?: string;
  previousReason?: string | null;
}

/** A revision of a plan: which items became which, and what moved, so it can be undone. */
@Entity('plan_revision')
@Index('UQ_plan_revision_plan', ['planId'], { unique: true })
export class PlanRevision {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_plan_revision' })
  id!: number;

  /** The new version. */
  @ManyToOne('Plan', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'planId', foreignKeyConstraintName: 'FK_plan_revision_plan' })
  plan!: Relation<Plan>;

  @Column({ type: 'integer' })
  planId!: number;

  @ManyToOne('Plan', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'previousPlanId', foreignKeyConstraintName: 'FK_plan_revision_previous' })
  previousPlan!: Relation<Plan>;

  @Column({ type: 'integer' })
  previousPlanId!: number;

  /** From the injected clock. */
  @Column({ type: Date })
  at!: Date;

  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  /** Highest audit_log id when the revision was saved: a later entry on the new version means someone wrote on it. */
  @Column({ type: 'integer' })
  auditMark!: number;

  @Column({ type: 'simple-json' })
  links!: AppliedLink[];

  @Column({ type: 'simple-json' })
  moves!: RevisionMove[];
}
