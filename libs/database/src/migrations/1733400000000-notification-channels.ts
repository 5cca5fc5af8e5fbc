import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** In-app notifications per user, departments' chat robots and their deliveries, a notification's audience. */
export class NotificationChannels1733400000000 implements MigrationInterface {
  name = 'NotificationChannels1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.driver;
    const timestamp = driver.normalizeType({ type: Date });
    const id = (table: string) => ({ name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: `PK_${table}`, isGenerated: true, generationStrategy: 'increment' as const });
    await queryRunner.addColumn('notification', new TableColumn({ name: 'audience', type: 'text', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'inbox_notification',
        columns: [
          id('inbox_notification'),
          { name: 'userId', type: 'integer', isNullable: false },
          { name: 'key', type: 'varchar', length: '200', isNullable: false },
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'title', type: 'varchar', length: '300', isNullable: false },
          { name: 'body', type: 'text', isNullable: false },
          { name: 'link', type: 'varchar', length: '300', isNullable: true },
          { name: 'itemId', type: 'integer', isNullable: true },
          { name: 'createdAt', type: timestamp, isNullable: false },
          { name: 'readAt', type: timestamp, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_inbox_notification_key_user', columnNames: ['key', 'userId'], isUnique: true }),
          new TableIndex({ name: 'IDX_inbox_notification_user', columnNames: ['userId', 'readAt'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_channel',
        columns: [
          id('chat_channel'),
          { name: 'departmentId', type: 'integer', isNullable: false },
          { name: 'platform', type: 'varchar', length: '16', isNullable: false },
          { name: 'webhookUrl', type: 'text', isNullable: false },
          { name: 'secret', type: 'text', isNullable: true },
          { name: 'active', type: 'boolean', isNullable: false, default: driver.normalizeDefault({ default: true } as never) },
          { name: 'createdAt', type: timestamp, isNullable: false },
          { name: 'lastError', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_chat_channel_department', columnNames: ['departmentId'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_delivery',
        columns: [
          id('chat_delivery'),
          { name: 'key', type: 'varchar', length: '260', isNullable: false },
          { name: 'notificationKey', type: 'varchar', length: '200', isNullable: false },
          { name: 'channelId', type: 'integer', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'attempts', type: 'integer', isNullable: false, default: 0 },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'createdAt', type: timestamp, isNullable: false },
          { name: 'sentAt', type: timestamp, isNullable: true },
          { name: 'claimedUntil', type: timestamp, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_chat_delivery_key', columnNames: ['key'], isUnique: true }),
          new TableIndex({ name: 'IDX_chat_delivery_status', columnNames: ['status'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('chat_delivery');
    await queryRunner.dropTable('chat_channel');
    await queryRunner.dropTable('inbox_notification');
    await queryRunner.dropColumn('notification', 'audience');
  }
}
