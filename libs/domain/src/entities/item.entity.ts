import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Assignment } from './assignment.entity.js';
import type { Plan } from './plan.entity.js';

export const ITEM_KINDS = ['section', 'group', 'task', 'safeguard', 'context'] as const;
export type ItemKindValue = (typeof ITEM_KINDS)[number];

/** Default tracking status of a new item. */
export const INITIAL_ITEM_STATUS = '未启动';

/**
 * One numbered provision of a plan. Sections ("三、重点任务") are items of kind
 * "section" so that the whole document is one tree in one table.
 */
@Entity('item')
@Index('IDX_item_plan_order', ['planId', 'order'])
@Index('IDX_item_parent', ['parentId'])
@Index('IDX_item_successor', ['successorId'])
export class Item {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_item' })
  id!: number;

  @ManyToOne('Plan', (plan: Plan) => plan.items, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'planId', foreignKeyConstraintName: 'FK_item_plan' })
  plan!: Relation<Plan>;

  @Column({ type: 'integer' })
  planId!: number;

  @ManyToOne('Item', (item: Item) => item.children, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parentId', foreignKeyConstraintName: 'FK_item_parent' })
  parent!: Relation<Item> | null;

  @Column({ type: 'integer', nullable: true })
  parentId!: number | null;

  @OneToMany('Item', (item: Item) => item.parent)
  children!: Relation<Item[]>;

  /** Number as printed: "三、", "(一)", "26". */
  @Column({ type: 'varchar', length: 50 })
  number!: string;

  /** Canonical number for matching: "(1)" for "(一)", "26" for "26.". */
  @Column({ type: 'varchar', length: 50 })
  normalizedNumber!: string;

  /** Position in document order within the plan, from 0. */
  @Column({ type: 'integer' })
  order!: number;

  /** Numbering level: 0 = section, 1 = "(一)", 2 = "1.". */
  @Column({ type: 'integer' })
  level!: number;

  /** Printed ancestors, e.g. ["三、重点任务", "(一)推动经济质量效益型发展"], as a JSON array. */
  @Column({ type: 'simple-json' })
  path!: string[];

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ItemKindValue;

  @Column({ type: 'integer', nullable: true })
  sourceLineStart!: number | null;

  @Column({ type: 'integer', nullable: true })
  sourceLineEnd!: number | null;

  /** Tracking status, in the users' words (未启动, 推进中, 已完成, ...). */
  @Column({ type: 'varchar', length: 32, default: INITIAL_ITEM_STATUS })
  status!: string;

  /** Deadline as printed ("2024年12月底前", "持续推进"), or null. */
  @Column({ type: 'text', nullable: true })
  dueText!: string | null;

  /** Deadline as a date (YYYY-MM-DD) when the printed text names one. */
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  /** How the deadline is read (date, month_end, year_end, workdays, ongoing), or null when none is set. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  deadlineKind!: string | null;

  /** Day the lead department was (last) assigned (YYYY-MM-DD): the start of "N个工作日内". */
  @Column({ type: 'date', nullable: true })
  assignedOn!: string | null;

  /** Reason given with the last 退回 or 暂缓. */
  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  /** Deadline and departments as the document printed them (names as printed), for the next revision's proposals. */
  @Column({ type: 'simple-json', nullable: true })
  printed!: { due: string | null; lead: string[]; co: string[] } | null;

  /** The item of the next version of the plan this one became (set by a revision; the old item is then read-only). */
  @ManyToOne('Item', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'successorId', foreignKeyConstraintName: 'FK_item_successor' })
  successor!: Relation<Item> | null;

  @Column({ type: 'integer', nullable: true })
  successorId!: number | null;

  /** Optimistic locking. */
  @VersionColumn()
  version!: number;

  @OneToMany('Assignment', (assignment: Assignment) => assignment.item)
  assignments!: Relation<Assignment[]>;
}
