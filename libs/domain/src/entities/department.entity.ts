import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Assignment } from './assignment.entity.js';

/** A government department (单位) that leads or supports items. */
@Entity('department')
@Index('UQ_department_name', ['name'], { unique: true })
export class Department {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_department' })
  id!: number;

  /** Canonical name, e.g. "市市场监管局". */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Contact e-mail addresses for reminders, comma-separated in the database. */
  @Column({ type: 'simple-array', nullable: true })
  contactEmails!: string[] | null;

  @OneToMany('DepartmentAlias', (alias: DepartmentAlias) => alias.department)
  aliases!: Relation<DepartmentAlias[]>;

  @OneToMany('Assignment', (assignment: Assignment) => assignment.department)
  assignments!: Relation<Assignment[]>;
}

/** Another name a document may use for a department (old names, abbreviations). */
@Entity('department_alias')
@Index('UQ_department_alias_alias', ['alias'], { unique: true })
export class DepartmentAlias {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_department_alias' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  alias!: string;

  @ManyToOne('Department', (department: Department) => department.aliases, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'departmentId', foreignKeyConstraintName: 'FK_department_alias_department' })
  department!: Relation<Department>;

  @Column({ type: 'integer' })
  departmentId!: number;
}
