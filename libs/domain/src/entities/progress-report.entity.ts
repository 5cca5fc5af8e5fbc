import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Department } from './department.entity.js';
import type { Item } from './item.entity.js';
import type { User } from './user.entity.js';

export const REPORT_STATES = ['draft', 'submitted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/**
 * 进展报送: one department's report on one item for one month ("2024-10").
 * The lead department's report (role "lead") is the consolidated one; co-departments'
 * reports (role "co") are their contributions. Drafts are visible to their own department only.
 */
@Entity('progress_report')
@Index('UQ_progress_report_item_department_period', ['itemId', 'departmentId', 'period'], { unique: true })
@Index('IDX_progress_report_period', ['period'])
// A department's reports of a month (工作台, reporting duty): 65 ms -> 0.5 ms at 100,000 items (bench/).
@Index('IDX_progress_report_department_period', ['departmentId', 'period'])
export class ProgressReport {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_progress_report' })
  id!: number;

  @ManyToOne('Item', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'FK_progress_report_item' })
  item!: Relation<Item>;

  @Column({ type: 'integer' })
  itemId!: number;

  @ManyToOne('Department', { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId', foreignKeyConstraintName: 'FK_progress_report_department' })
  department!: Relation<Department>;

  @Column({ type: 'integer' })
  departmentId!: number;

  /** The department's role on the item when the report was written: lead or co. */
  @Column({ type: 'varchar', length: 8 })
  role!: 'lead' | 'co';

  /** Reporting month, YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'text' })
  text!: string;

  /** Percent complete 0-100 (the lead's estimate; optional for contributions). */
  @Column({ type: 'integer', nullable: true })
  percent!: number | null;

  @Column({ type: 'varchar', length: 16 })
  state!: ReportState;

  @Column({ type: Date, nullable: true })
  submittedAt!: Date | null;

  /** Submitted after the monthly reporting deadline. */
  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @ManyToOne('User', { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authorId', foreignKeyConstraintName: 'FK_progress_report_author' })
  author!: Relation<User>;

  @Column({ type: 'integer' })
  authorId!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @VersionColumn()
  version!: number;

  @OneToMany('ReportAttachment', (a: ReportAttachment) => a.report)
  attachments!: Relation<ReportAttachment[]>;

  /** When the 质量强市办 read the submitted report (until then its department may withdraw and correct it). */
  @Column({ type: Date, nullable: true })
  readAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  readById!: number | null;

  /** Why the office sent the report back for completion (退回补充); cleared when it is submitted again. */
  @Column({ type: 'text', nullable: true })
  returnReason!: string | null;
}

/** Every submitted version of a progress report, kept when it is withdrawn, sent back and submitted again. */
@Entity('progress_report_version')
@Index('IDX_progress_report_version_report', ['reportId'])
export class ProgressReportVersion {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_progress_report_version' })
  id!: number;

  @ManyToOne('ProgressReport', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'FK_progress_report_version_report' })
  report!: Relation<ProgressReport>;

  @Column({ type: 'integer' })
  reportId!: number;

  /** 1 for the first submission, then 2, 3 … */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'integer', nullable: true })
  percent!: number | null;

  @Column({ type: Date })
  submittedAt!: Date;

  @Column({ type: 'integer' })
  submittedById!: number;

  /** What ended this version: withdrawn by its department, returned by the office, or null while current. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  endedBy!: 'withdrawn' | 'returned' | null;
}

/** A comment of the office on a submitted progress report. */
@Entity('report_comment')
@Index('IDX_report_comment_report', ['reportId'])
export class ReportComment {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_report_comment' })
  id!: number;

  @ManyToOne('ProgressReport', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'FK_report_comment_report' })
  report!: Relation<ProgressReport>;

  @Column({ type: 'integer' })
  reportId!: number;

  @Column({ type: 'integer' })
  authorId!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: Date })
  createdAt!: Date;
}

/** A file attached to a progress report, stored under the data folder. */
@Entity('report_attachment')
@Index('IDX_report_attachment_report', ['reportId'])
export class ReportAttachment {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_report_attachment' })
  id!: number;

  @ManyToOne('ProgressReport', (r: ProgressReport) => r.attachments, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'FK_report_attachment_report' })
  report!: Relation<ProgressReport>;

  @Column({ type: 'integer' })
  reportId!: number;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 100 })
  mimeType!: string;

  @Column({ type: 'integer' })
  size!: number;

  /** Path relative to the data folder. */
  @Column({ type: 'varchar', length: 500 })
  storagePath!: string;

  @Column({ type: 'integer' })
  uploadedById!: number;

  @CreateDateColumn()
  createdAt!: Date;
}
