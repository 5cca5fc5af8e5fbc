import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Indicator } from './indicator.entity.js';
import type { Item } from './item.entity.js';

/** One imported version of a plan document (质量强市建设实施方案). */
@Entity('plan')
@Index('UQ_plan_sha256', ['sha256'], { unique: true })
@Index('IDX_plan_series', ['seriesKey', 'current'])
export class Plan {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_plan' })
  id!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  /** 发文字号, e.g. "渝两江党发〔2024〕13号". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  docNumber!: string | null;

  /** Date the plan was signed or issued (YYYY-MM-DD). */
  @Column({ type: 'date', nullable: true })
  issued!: string | null;

  @Column({ type: 'text' })
  sourceFileName!: string;

  /** sha256 of the imported bytes, hex. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** 1 for the first import of a series, +1 for each revised document. */
  @Column({ type: 'integer' })
  version!: number;

  /** Normalised title: documents with the same key are versions of one plan. */
  @Column({ type: 'varchar', length: 500 })
  seriesKey!: string;

  /** False once a newer version of the same series was imported. */
  @Column({ type: 'boolean' })
  current!: boolean;

  @ManyToOne('Plan', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'supersededById', foreignKeyConstraintName: 'FK_plan_superseded_by' })
  supersededBy!: Relation<Plan> | null;

  @Column({ type: 'integer', nullable: true })
  supersededById!: number | null;

  @CreateDateColumn()
  importedAt!: Date;

  /** City (or district) the plan is for, set by the coordinator. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  /** Period the plan covers (YYYY-MM-DD), set by the coordinator. */
  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  /** Archived: its items leave the active lists and get no reminders. */
  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  /** Importer warnings (Chinese), as a JSON array. */
  @Column({ type: 'simple-json' })
  warnings!: string[];

  @OneToMany('Item', (item: Item) => item.plan)
  items!: Relation<Item[]>;

  @OneToMany('Indicator', (indicator: Indicator) => indicator.plan)
  indicators!: Relation<Indicator[]>;
}
