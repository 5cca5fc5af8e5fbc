import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = ['deadline', 'duty', 'urge', 'report', 'decision'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * pending = to send (or being retried); sent; no_recipients = nobody to send to (listed for
 * coordinators); withdrawn = a deadline reminder no longer due when its turn came (the item was
 * completed, suspended or given a new deadline; lastError says which).
 */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'no_recipients', 'withdrawn'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** The departments a notification goes to (lead first) and whether the coordinating office gets it too. */
export interface NotificationAudience {
  departments: number[];
  office: boolean;
}

/**
 * The notification log: one row per mail that must go out once. The row is inserted before
 * sending under a deterministic key (item, rule, deadline, occurrence), which is also the
 * BullMQ job id; the unique index makes a second insert fail, so nothing is sent twice, and
 * pending rows are what a rescan re-enqueues after Redis lost its jobs.
 */
@Entity('notification')
@Index('UQ_notification_key', ['key'], { unique: true })
@Index('IDX_notification_status', ['status'])
@Index('IDX_notification_item', ['itemId'])
export class Notification {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_notification' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: NotificationKind;

  /** Reminder rule (before, due, overdue, escalation) for deadline reminders. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  rule!: string | null;

  @Column({ type: 'integer', nullable: true })
  itemId!: number | null;

  /** The department addressed first (lead department; the reminded department for duty mails). */
  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  /** Asia/Shanghai day (YYYY-MM-DD) on which the notification became due. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'simple-json' })
  to!: string[];

  @Column({ type: 'simple-json' })
  cc!: string[];

  /** Departments that should have received this mail but have no contact address. */
  @Column({ type: 'simple-json' })
  missingContacts!: string[];

  /** Empty for a deadline reminder not yet sent: its mail is written on the first attempt (the scan records keys only). */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  html!: string;

  @Column({ type: 'text' })
  text!: string;

  /** Files to attach, relative to the data folder. */
  @Column({ type: 'simple-json' })
  attachments!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  /** From the injected clock. */
  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  sentAt!: Date | null;

  /**
   * Who the notification is for beyond mail addresses: the departments (their users in duban and
   * their chat robots) and whether the coordinating office is included. Null for a deadline reminder
   * or a decision not yet written (worked out when sent).
   */
  @Column({ type: 'simple-json', nullable: true })
  audience!: NotificationAudience | null;

  /** Set while a worker sends the mail (wall-clock lease of the job lock's length): no second worker sends it meanwhile. */
  @Column({ type: Date, nullable: true })
  claimedUntil!: Date | null;
}
