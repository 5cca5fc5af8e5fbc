import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintMs = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * The sign-in attempts of one user name from one address (or, with username '', of the address
 * as a whole), kept in the database so every API process counts the same attempts
 * (LoginLimiter in apps/api). An attempt is counted before its password is checked, by an UPDATE
 * that succeeds only if the row is still as read, so simultaneous guesses are counted one by one.
 */
@Entity('login_throttle')
@Index('IDX_login_throttle_last', ['lastMs'])
export class LoginThrottle {
  /** The user name as typed, trimmed and lower-cased; '' for the address as a whole. */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'PK_login_throttle' })
  username!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_login_throttle' })
  ip!: string;

  /** Attempts counted since the last success (user rows) or since firstMs (the address row). */
  @Column({ type: 'integer' })
  count!: number;

  /** When the counting window of the address row began, ms since the epoch. */
  @Column({ type: 'bigint', transformer: bigintMs })
  firstMs!: number;

  /** When the last attempt was counted, ms since the epoch. */
  @Column({ type: 'bigint', transformer: bigintMs })
  lastMs!: number;
}
