import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Settings changed on the 管理 page (reminder rules, holiday adjustments), read by the API and the worker. */
export class Settings1732600000000 implements MigrationInterface {
  name = 'Settings1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.createTable(
      new Table({
        name: 'setting',
        columns: [
          { name: 'key', type: 'varchar', length: '40', isPrimary: true, primaryKeyConstraintName: 'PK_setting' },
          { name: 'value', type: 'text', isNullable: false },
          { name: 'updatedAt', type: timestamp, isNullable: false },
          { name: 'updatedBy', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('setting');
  }
}
