import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Department workflow: users and tokens, item steering columns, progress reports and
 * attachments, extension requests, urges, indicator readings and the audit log.
 * QueryRunner Table API only, so the one file runs on SQLite and PostgreSQL.
 */
export class DepartmentWorkflow1732400000000 implements MigrationInterface {
  name = 'DepartmentWorkflow1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.driver;
    const timestamp = driver.mappedDataTypes.createDate as string;
    const id = (table: string): TableColumnOptions => ({
      name: 'id',
      type: 'integer',
      isPrimary: true,
      primaryKeyConstraintName: `PK_${table}`,
      isGenerated: true,
      generationStrategy: 'increment',
    });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable });
    const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
    const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    const date = (name: string, isNullable = true): TableColumnOptions => ({ name, type: 'date', isNullable });
    const time = (name: string, isNullable = true): TableColumnOptions => ({ name, type: timestamp, isNullable });
    const created = (name = 'createdAt'): TableColumnOptions => ({
      name,
      type: timestamp,
      isNullable: false,
      default: driver.mappedDataTypes.createDateDefault,
    });
    const bool = (name: string, value: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: false,
      default: driver.normalizeDefault({ default: value } as never),
    });
    const fk = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL') =>
      new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await queryRunner.addColumns('item', [
      new TableColumn(varchar('deadlineKind', 16, true)),
      new TableColumn(date('assignedOn')),
      new TableColumn(text('statusReason', true)),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'user',
        columns: [
          id('user'),
          varchar('username', 64),
          varchar('displayName', 100),
          varchar('passwordHash', 255),
          varchar('role', 16),
          int('departmentId', true),
          varchar('email', 200, true),
          bool('active', true),
          created(),
        ],
        indices: [new TableIndex({ name: 'UQ_user_username', columnNames: ['username'], isUnique: true })],
        foreignKeys: [fk('FK_user_department', 'departmentId', 'department', 'RESTRICT')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_token',
        columns: [
          id('api_token'),
          int('userId'),
          varchar('kind', 16),
          varchar('name', 100),
          varchar('tokenHash', 64),
          created(),
          time('expiresAt'),
          time('revokedAt'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_api_token_hash', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_api_token_user', columnNames: ['userId'] }),
        ],
        foreignKeys: [fk('FK_api_token_user', 'userId', 'user', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'progress_report',
        columns: [
          id('progress_report'),
          int('itemId'),
          int('departmentId'),
          varchar('role', 8),
          varchar('period', 7),
          text('text'),
          int('percent', true),
          varchar('state', 16),
          time('submittedAt'),
          bool('late', false),
          int('authorId'),
          created(),
          { ...created('updatedAt'), type: driver.mappedDataTypes.updateDate as string, default: driver.mappedDataTypes.updateDateDefault },
          int('version'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_progress_report_item_department_period',
            columnNames: ['itemId', 'departmentId', 'period'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_progress_report_period', columnNames: ['period'] }),
        ],
        foreignKeys: [
          fk('FK_progress_report_item', 'itemId', 'item', 'CASCADE'),
          fk('FK_progress_report_department', 'departmentId', 'department', 'RESTRICT'),
          fk('FK_progress_report_author', 'authorId', 'user', 'RESTRICT'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'report_attachment',
        columns: [
          id('report_attachment'),
          int('reportId'),
          varchar('fileName', 255),
          varchar('mimeType', 100),
          int('size'),
          varchar('storagePath', 500),
          int('uploadedById'),
          created(),
        ],
        indices: [new TableIndex({ name: 'IDX_report_attachment_report', columnNames: ['reportId'] })],
        foreignKeys: [fk('FK_report_attachment_report', 'reportId', 'progress_report', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'extension_request',
        columns: [
          id('extension_request'),
          int('itemId'),
          int('departmentId'),
          int('requestedById'),
          date('previousDeadline'),
          date('requestedDeadline', false),
          text('reason'),
          varchar('state', 16),
          int('decidedById', true),
          time('decidedAt'),
          text('decisionReason', true),
          created(),
        ],
        indices: [new TableIndex({ name: 'IDX_extension_request_item', columnNames: ['itemId'] })],
        foreignKeys: [fk('FK_extension_request_item', 'itemId', 'item', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'urge',
        columns: [
          id('urge'),
          int('itemId'),
          int('fromUserId'),
          text('message'),
          int('leadDepartmentId'),
          text('coDepartmentIds'),
          time('createdAt', false),
          time('deliveredAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_urge_item', columnNames: ['itemId'] }),
          new TableIndex({ name: 'IDX_urge_delivered', columnNames: ['deliveredAt'] }),
        ],
        foreignKeys: [fk('FK_urge_item', 'itemId', 'item', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'indicator_reading',
        columns: [
          id('indicator_reading'),
          int('indicatorId'),
          varchar('period', 7),
          { name: 'value', type: 'double precision', isNullable: false },
          text('note', true),
          int('departmentId', true),
          int('enteredById'),
          created(),
        ],
        indices: [
          new TableIndex({ name: 'UQ_indicator_reading_indicator_period', columnNames: ['indicatorId', 'period'], isUnique: true }),
        ],
        foreignKeys: [fk('FK_indicator_reading_indicator', 'indicatorId', 'indicator', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id('audit_log'),
          time('at', false),
          int('userId', true),
          varchar('username', 64),
          varchar('action', 64),
          varchar('entityType', 32),
          int('entityId', true),
          int('itemId', true),
          text('before', true),
          text('after', true),
        ],
        indices: [
          new TableIndex({ name: 'IDX_audit_log_item', columnNames: ['itemId'] }),
          new TableIndex({ name: 'IDX_audit_log_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'indicator_reading', 'urge', 'extension_request', 'report_attachment', 'progress_report', 'api_token', 'user']) {
      await queryRunner.dropTable(table);
    }
    for (const column of ['statusReason', 'assignedOn', 'deadlineKind']) await queryRunner.dropColumn('item', column);
  }
}
