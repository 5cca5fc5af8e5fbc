import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Item } from './item.entity.js';

/**
 * 催办: a coordinator urges the lead (and optionally the co) departments of an item.
 * Recorded in the request's transaction; the worker delivers it and sets deliveredAt.
 */
@Entity('urge')
@Index('IDX_urge_item', ['itemId'])
@Index('IDX_urge_delivered', ['deliveredAt'])
export class Urge {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_urge' })
  id!: number;

  @ManyToOne('Item', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'FK_urge_item' })
  item!: Relation<Item>;

  @Column({ type: 'integer' })
  itemId!: number;

  /** The coordinator who urged. */
  @Column({ type: 'integer' })
  fromUserId!: number;

  @Column({ type: 'text' })
  message!: string;

  /** 牵头单位 urged. */
  @Column({ type: 'integer' })
  leadDepartmentId!: number;

  /** 配合单位 urged as well (empty when only the lead was urged), JSON array of ids. */
  @Column({ type: 'simple-json' })
  coDepartmentIds!: number[];

  /** From the injected clock. */
  @Column({ type: Date })
  createdAt!: Date;

  /** Set by the worker once the urge was sent; null = still to deliver. */
  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;
}
