import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One notification as a user sees it in duban (the bell and 我的通知): written by the worker's
 * delivery pipeline when the notification it belongs to goes out, once per notification key and
 * user (unique index), whatever channel also carries it.
 */
@Entity('inbox_notification')
@Index('UQ_inbox_notification_key_user', ['key', 'userId'], { unique: true })
@Index('IDX_inbox_notification_user', ['userId', 'readAt'])
export class InboxNotification {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_inbox_notification' })
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  /** The notification's key (see notificationKey). */
  @Column({ type: 'varchar', length: 200 })
  key!: string;

  /** The notification's kind (deadline, duty, urge, report, decision). */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** A page of the web interface (`#/items/12`), or null. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  link!: string | null;

  @Column({ type: 'integer', nullable: true })
  itemId!: number | null;

  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  readAt!: Date | null;
}
