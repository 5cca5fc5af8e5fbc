import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { User } from './user.entity.js';

export const API_TOKEN_KINDS = ['session', 'personal'] as const;
/** session = created by a password login (cookie and bearer); personal = created by the user for scripts. */
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

/** A bearer credential, stored as the sha256 of the secret only. Revocable. */
@Entity('api_token')
@Index('UQ_api_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_api_token_user', ['userId'])
export class ApiToken {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_api_token' })
  id!: number;

  @ManyToOne('User', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_api_token_user' })
  user!: Relation<User>;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: ApiTokenKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** sha256 (hex) of the secret token. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: Date, nullable: true })
  revokedAt!: Date | null;

  /** Where the session or token was created (client address), for the owner's session list. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** The browser or client that signed in (User-Agent, cut to 300 characters). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;
}
