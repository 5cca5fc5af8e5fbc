import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every write: who, when, what, before and after. */
@Entity('audit_log')
@Index('IDX_audit_log_item', ['itemId'])
@Index('IDX_audit_log_at', ['at'])
export class AuditLog {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_audit_log' })
  id!: number;

  /** From the injected clock. */
  @Column({ type: Date })
  at!: Date;

  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** e.g. "item.assign", "item.transition", "report.submit". */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ type: 'integer', nullable: true })
  entityId!: number | null;

  /** The item concerned, when there is one. */
  @Column({ type: 'integer', nullable: true })
  itemId!: number | null;

  @Column({ type: 'simple-json', nullable: true })
  before!: unknown;

  @Column({ type: 'simple-json', nullable: true })
  after!: unknown;
}
