import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 14, reports the office reviews: when a submitted report was read and by whom, why it was sent
 * back (退回补充), every submitted version, and the office's comments.
 */
export class ReportReview1733100000001 implements MigrationInterface {
  name = 'ReportReview1733100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.mappedDataTypes.createDate as string;
    await queryRunner.addColumns('progress_report', [
      new TableColumn({ name: 'readAt', type: timestamp, isNullable: true }),
      new TableColumn({ name: 'readById', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'returnReason', type: 'text', isNullable: true }),
    ]);
    const id = (table: string) => ({ name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: `PK_${table}`, isGenerated: true, generationStrategy: 'increment' as const });
    const toReport = (name: string) => new TableForeignKey({ name, columnNames: ['reportId'], referencedTableName: 'progress_report', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await queryRunner.createTable(
      new Table({
        name: 'progress_report_version',
        columns: [
          id('progress_report_version'),
          { name: 'reportId', type: 'integer', isNullable: false },
          { name: 'number', type: 'integer', isNullable: false },
          { name: 'text', type: 'text', isNullable: false },
          { name: 'percent', type: 'integer', isNullable: true },
          { name: 'submittedAt', type: timestamp, isNullable: false },
          { name: 'submittedById', type: 'integer', isNullable: false },
          { name: 'endedBy', type: 'varchar', length: '16', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_progress_report_version_report', columnNames: ['reportId'] })],
        foreignKeys: [toReport('FK_progress_report_version_report')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_comment',
        columns: [
          id('report_comment'),
          { name: 'reportId', type: 'integer', isNullable: false },
          { name: 'authorId', type: 'integer', isNullable: false },
          { name: 'text', type: 'text', isNullable: false },
          { name: 'createdAt', type: timestamp, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'IDX_report_comment_report', columnNames: ['reportId'] })],
        foreignKeys: [toReport('FK_report_comment_report')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_comment');
    await queryRunner.dropTable('progress_report_version');
    await queryRunner.dropColumns('progress_report', ['readAt', 'readById', 'returnReason']);
  }
}
