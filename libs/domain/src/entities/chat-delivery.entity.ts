import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending = to send (or being retried); sent; failed = the platform refused for good (robot removed,
 * bad signature): lastError says why, nothing is retried.
 */
export const CHAT_DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type ChatDeliveryStatus = (typeof CHAT_DELIVERY_STATUSES)[number];

/**
 * One notification through one chat robot: the row is inserted once under its key
 * (`<notification key>@chat.<channel id>`), which is also the BullMQ job id, and claimed before
 * sending; the same guarantees as the notification's mail.
 */
@Entity('chat_delivery')
@Index('UQ_chat_delivery_key', ['key'], { unique: true })
@Index('IDX_chat_delivery_status', ['status'])
export class ChatDelivery {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_chat_delivery' })
  id!: number;

  @Column({ type: 'varchar', length: 260 })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  notificationKey!: string;

  @Column({ type: 'integer' })
  channelId!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ChatDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  sentAt!: Date | null;

  /** Set while a worker sends it (a lease of the job lock's length). */
  @Column({ type: Date, nullable: true })
  claimedUntil!: Date | null;
}
