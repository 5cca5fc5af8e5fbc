import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 月报: a generated monthly status report, stored with its files under data/reports/. */
@Entity('monthly_report')
@Index('UQ_monthly_report_key', ['key'], { unique: true })
@Index('IDX_monthly_report_month', ['month'])
export class MonthlyReport {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_monthly_report' })
  id!: number;

  /** Once-only key: "schedule.2026-10.all" for the scheduled run, "manual.<job id>" on demand. */
  @Column({ type: 'varchar', length: 120 })
  key!: string;

  /** Reporting month, YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  /** The plan reported on; null = all current plans. */
  @Column({ type: 'integer', nullable: true })
  planId!: number | null;

  @Column({ type: 'text' })
  title!: string;

  /** schedule, api or cli. */
  @Column({ type: 'varchar', length: 16 })
  trigger!: string;

  /** Headline figures (counts by status and light, overdue, missing reports), JSON. */
  @Column({ type: 'simple-json' })
  summary!: Record<string, unknown>;

  @Column({ type: 'text' })
  html!: string;

  /** Paths relative to the data folder. */
  @Column({ type: 'varchar', length: 500 })
  xlsxPath!: string;

  @Column({ type: 'varchar', length: 500 })
  docxPath!: string;

  @Column({ type: Date })
  createdAt!: Date;
}
