import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Department } from './department.entity.js';

export const USER_ROLES = ['admin', 'coordinator', 'editor', 'viewer', 'leader'] as const;
/** admin; coordinator = 质量强市办; editor = writes for its department; viewer = read-only; leader = 领导, reads what a coordinator reads, writes nothing. */
export type UserRole = (typeof USER_ROLES)[number];

/** A person who signs in. Belongs to one department (coordinators to the coordinating office). */
@Entity('user')
@Index('UQ_user_username', ['username'], { unique: true })
export class User {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_user' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  /** argon2id hash. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @ManyToOne('Department', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId', foreignKeyConstraintName: 'FK_user_department' })
  department!: Relation<Department> | null;

  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email!: string | null;

  /** Disabled users cannot sign in and their tokens stop working. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn()
  createdAt!: Date;
}
