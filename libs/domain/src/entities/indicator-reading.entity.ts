import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Indicator } from './indicator.entity.js';

/** A measured value of an indicator for a period ("2024", "2024-06"), entered by a department. */
@Entity('indicator_reading')
@Index('UQ_indicator_reading_indicator_period', ['indicatorId', 'period'], { unique: true })
export class IndicatorReading {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_indicator_reading' })
  id!: number;

  @ManyToOne('Indicator', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicatorId', foreignKeyConstraintName: 'FK_indicator_reading_indicator' })
  indicator!: Relation<Indicator>;

  @Column({ type: 'integer' })
  indicatorId!: number;

  /** YYYY or YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @Column({ type: 'integer' })
  enteredById!: number;

  @CreateDateColumn()
  createdAt!: Date;
}
