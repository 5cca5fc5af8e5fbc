import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { ExtensionKind } from '../rules/extension.js';
import type { Item } from './item.entity.js';

export const EXTENSION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** 延期申请 or 逾期说明: the lead department asks for a new deadline; a coordinator approves or rejects. */
@Entity('extension_request')
@Index('IDX_extension_request_item', ['itemId'])
export class ExtensionRequest {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_extension_request' })
  id!: number;

  @ManyToOne('Item', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'FK_extension_request_item' })
  item!: Relation<Item>;

  @Column({ type: 'integer' })
  itemId!: number;

  /** The lead department that asked. */
  @Column({ type: 'integer' })
  departmentId!: number;

  @Column({ type: 'integer' })
  requestedById!: number;

  /** Deadline when the request was made (YYYY-MM-DD). */
  @Column({ type: 'date', nullable: true })
  previousDeadline!: string | null;

  @Column({ type: 'date' })
  requestedDeadline!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: ExtensionState;

  /** 延期申请 (asked before the deadline) or 逾期说明 (after it, with a proposed new date): see rules/extension.ts. */
  @Column({ type: 'varchar', length: 16, default: 'extension' })
  kind!: ExtensionKind;

  @Column({ type: 'integer', nullable: true })
  decidedById!: number | null;

  @Column({ type: Date, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @CreateDateColumn()
  createdAt!: Date;
}
