import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Failed sign-ins, shared by every API process (the login slowing). */
export class LoginFailures1732900000000 implements MigrationInterface {
  name = 'LoginFailures1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
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

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_failure');
  }
}
