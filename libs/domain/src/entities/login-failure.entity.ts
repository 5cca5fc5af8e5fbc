import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed sign-in, kept in the database so that every API process counts the same failures
 * (LoginLimiter in apps/api). Rows of a user name and address go when that user signs in there;
 * rows older than a day are deleted as new ones arrive.
 */
@Entity('login_failure')
@Index('IDX_login_failure_user_ip', ['username', 'ip'])
@Index('IDX_login_failure_ip_at', ['ip', 'atMs'])
@Index('IDX_login_failure_at', ['atMs'])
export class LoginFailure {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_login_failure' })
  id!: number;

  /** The user name as typed, trimmed and lower-cased. */
  @Column({ type: 'varchar', length: 200 })
  username!: string;

  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  /** When, in milliseconds since the epoch (compared as numbers on both databases). */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  atMs!: number;
}
