import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A notification being sent is claimed until a moment, so two workers never send it at the same time. */
export class NotificationClaim1732500000001 implements MigrationInterface {
  name = 'NotificationClaim1732500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.addColumn('notification', new TableColumn({ name: 'claimedUntil', type: timestamp, isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('notification', 'claimedUntil');
  }
}
