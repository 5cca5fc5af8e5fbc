import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** The notification log (reminders, urges, reporting duty, report mails) and generated monthly reports. */
export class NotificationsAndReports1732500000000 implements MigrationInterface {
  name = 'NotificationsAndReports1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    const id = (table: string): TableColumnOptions => ({
      name: 'id',
      type: 'integer',
      isPrimary: true,
      primaryKeyConstraintName: `PK_${table}`,
      isGenerated: true,
      generationStrategy: 'increment',
    });
    const col = (name: string, type: string, isNullable = false, length?: number): TableColumnOptions => ({
      name,
      type,
      isNullable,
      ...(length ? { length: String(length) } : {}),
    });

    await queryRunner.createTable(
      new Table({
        name: 'notification',
        columns: [
          id('notification'),
          col('key', 'varchar', false, 200),
          col('kind', 'varchar', false, 16),
          col('rule', 'varchar', true, 32),
          col('itemId', 'integer', true),
          col('departmentId', 'integer', true),
          col('day', 'varchar', false, 10),
          col('to', 'text'),
          col('cc', 'text'),
          col('missingContacts', 'text'),
          col('subject', 'text'),
          col('html', 'text'),
          col('text', 'text'),
          col('attachments', 'text'),
          col('status', 'varchar', false, 16),
          { name: 'attempts', type: 'integer', isNullable: false, default: 0 },
          col('lastError', 'text', true),
          col('messageId', 'varchar', true, 300),
          col('createdAt', timestamp),
          col('sentAt', timestamp, true),
        ],
        indices: [
          new TableIndex({ name: 'UQ_notification_key', columnNames: ['key'], isUnique: true }),
          new TableIndex({ name: 'IDX_notification_status', columnNames: ['status'] }),
          new TableIndex({ name: 'IDX_notification_item', columnNames: ['itemId'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'monthly_report',
        columns: [
          id('monthly_report'),
          col('key', 'varchar', false, 120),
          col('month', 'varchar', false, 7),
          col('planId', 'integer', true),
          col('title', 'text'),
          col('trigger', 'varchar', false, 16),
          col('summary', 'text'),
          col('html', 'text'),
          col('xlsxPath', 'varchar', false, 500),
          col('docxPath', 'varchar', false, 500),
          col('createdAt', timestamp),
        ],
        indices: [
          new TableIndex({ name: 'UQ_monthly_report_key', columnNames: ['key'], isUnique: true }),
          new TableIndex({ name: 'IDX_monthly_report_month', columnNames: ['month'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('monthly_report');
    await queryRunner.dropTable('notification');
  }
}
