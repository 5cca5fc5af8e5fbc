import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Department } from './department.entity.js';
import type { Item } from './item.entity.js';

export const ASSIGNMENT_ROLES = ['lead', 'co'] as const;
/** lead = 牵头单位, co = 配合单位. */
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** A department's part in an item: one row per (item, department). */
@Entity('assignment')
@Index('UQ_assignment_item_department', ['itemId', 'departmentId'], { unique: true })
@Index('IDX_assignment_department', ['departmentId'])
export class Assignment {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_assignment' })
  id!: number;

  @ManyToOne('Item', (item: Item) => item.assignments, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'FK_assignment_item' })
  item!: Relation<Item>;

  @Column({ type: 'integer' })
  itemId!: number;

  @ManyToOne('Department', (department: Department) => department.assignments, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId', foreignKeyConstraintName: 'FK_assignment_department' })
  department!: Relation<Department>;

  @Column({ type: 'integer' })
  departmentId!: number;

  @Column({ type: 'varchar', length: 8 })
  role!: AssignmentRole;
}
