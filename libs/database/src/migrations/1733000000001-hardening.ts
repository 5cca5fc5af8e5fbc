import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 19: sign-in attempts counted atomically per (user name, address) row instead of one row per
 * failure; where and with what each session was opened (the owner's session list); the responsible
 * department of an indicator (who may enter its readings).
 */
export class Hardening1733000000001 implements MigrationInterface {
  name = 'Hardening1733000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_failure');
    await queryRunner.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          { name: 'username', type: 'varchar', length: '200', isPrimary: true, primaryKeyConstraintName: 'PK_login_throttle' },
          { name: 'ip', type: 'varchar', length: '64', isPrimary: true, primaryKeyConstraintName: 'PK_login_throttle' },
          { name: 'count', type: 'integer', isNullable: false },
          { name: 'firstMs', type: 'bigint', isNullable: false },
          { name: 'lastMs', type: 'bigint', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'IDX_login_throttle_last', columnNames: ['lastMs'] })],
      }),
    );
    await queryRunner.addColumns('api_token', [
      new TableColumn({ name: 'ip', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'userAgent', type: 'varchar', length: '300', isNullable: true }),
    ]);
    await queryRunner.addColumn('indicator', new TableColumn({ name: 'departmentId', type: 'integer', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('indicator', 'departmentId');
    await queryRunner.dropColumns('api_token', ['ip', 'userAgent']);
    await queryRunner.dropTable('login_throttle');
    await queryRunner.createTable(
      new Table({
        name: 'login_failure',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'PK_login_failure', isGenerated: true, generationStrategy: 'increment' },
          { name: 'username', type: 'varchar', length: '200', isNullable: false },
          { name: 'ip', type: 'varchar', length: '64', isNullable: false },
          { name: 'atMs', type: 'bigint', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'IDX_login_failure_user_ip', columnNames: ['username', 'ip'] }),
          new TableIndex({ name: 'IDX_login_failure_ip_at', columnNames: ['ip', 'atMs'] }),
          new TableIndex({ name: 'IDX_login_failure_at', columnNames: ['atMs'] }),
        ],
      }),
    );
  }
}
