import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Jobs the API could not enqueue while Redis was unreachable, enqueued when it answers again. */
export class PendingJobs1732700000000 implements MigrationInterface {
  name = 'PendingJobs1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.createTable(
      new Table({
        name: 'pending_job',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'PK_pending_job', isGenerated: true, generationStrategy: 'increment' },
          { name: 'queue', type: 'varchar', length: '64', isNullable: false },
          { name: 'name', type: 'varchar', length: '64', isNullable: false },
          { name: 'jobId', type: 'varchar', length: '200', isNullable: false },
          { name: 'data', type: 'text', isNullable: false },
          { name: 'createdAt', type: timestamp, isNullable: false },
          { name: 'attempts', type: 'integer', isNullable: false, default: 0 },
          { name: 'lastError', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'UQ_pending_job_job', columnNames: ['jobId'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pending_job');
  }
}
