import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Item } from './item.entity.js';
import type { User } from './user.entity.js';

/** 佐证材料: a file the lead department (or the office) attaches to an item as evidence of its completion. */
@Entity('item_evidence')
@Index('IDX_item_evidence_item', ['itemId'])
export class ItemEvidence {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_item_evidence' })
  id!: number;

  @ManyToOne('Item', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'FK_item_evidence_item' })
  item!: Relation<Item>;

  @Column({ type: 'integer' })
  itemId!: number;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 100 })
  mimeType!: string;

  @Column({ type: 'integer' })
  size!: number;

  /** Path relative to the data folder. */
  @Column({ type: 'varchar', length: 500 })
  storagePath!: string;

  @ManyToOne('User', { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploadedById', foreignKeyConstraintName: 'FK_item_evidence_user' })
  uploadedBy!: Relation<User>;

  @Column({ type: 'integer' })
  uploadedById!: number;

  @CreateDateColumn()
  createdAt!: Date;
}
