import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { ChatPlatform } from '../rules/chat-platforms.js';

/**
 * A department's group-chat robot: its webhook address and signing secret are kept server-side
 * (the API shows only a masked address and whether a secret is set).
 */
@Entity('chat_channel')
@Index('IDX_chat_channel_department', ['departmentId'])
export class ChatChannel {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_chat_channel' })
  id!: number;

  @Column({ type: 'integer' })
  departmentId!: number;

  @Column({ type: 'varchar', length: 16 })
  platform!: ChatPlatform;

  @Column({ type: 'text' })
  webhookUrl!: string;

  /** 钉钉 加签 secret (SEC…) or 飞书 签名校验 secret; null = the robot does not check signatures. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: Date })
  createdAt!: Date;

  /** The platform's last refusal (robot removed, bad signature…), cleared by the next success. */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
