import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A setting changed on the 管理 page (reminder rules, holiday adjustments), stored as JSON.
 * A key with no row falls back to its environment variable, then to the built-in default.
 */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'PK_setting' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  /** From the injected clock. */
  @Column({ type: Date })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;
}
