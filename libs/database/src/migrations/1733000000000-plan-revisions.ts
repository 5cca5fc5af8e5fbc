import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Plan revisions that keep every record on the item it really is: an item's successor in the
 * next version, the revision's record (links, moved rows) for undo, and a plan's own details
 * (city, dates) and archiving.
 */
export class PlanRevisions1733000000000 implements MigrationInterface {
  name = 'PlanRevisions1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('plan', [
      new TableColumn({ name: 'city', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'startDate', type: 'date', isNullable: true }),
      new TableColumn({ name: 'endDate', type: 'date', isNullable: true }),
      // The driver's own form of false ("0" on SQLite), as the entity's default is compared.
      new TableColumn({ name: 'archived', type: 'boolean', isNullable: false, default: queryRunner.connection.driver.normalizeDefault({ default: false } as never) }),
    ]);
    await queryRunner.addColumns('item', [
      new TableColumn({ name: 'successorId', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'printed', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createIndex('item', new TableIndex({ name: 'IDX_item_successor', columnNames: ['successorId'] }));
    await queryRunner.createForeignKey(
      'item',
      new TableForeignKey({ name: 'FK_item_successor', columnNames: ['successorId'], referencedTableName: 'item', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_revision',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'PK_plan_revision', isGenerated: true, generationStrategy: 'increment' },
          { name: 'planId', type: 'integer', isNullable: false },
          { name: 'previousPlanId', type: 'integer', isNullable: false },
          { name: 'at', type: queryRunner.connection.driver.normalizeType({ type: Date }), isNullable: false },
          { name: 'userId', type: 'integer', isNullable: true },
          { name: 'auditMark', type: 'integer', isNullable: false },
          { name: 'links', type: 'text', isNullable: false },
          { name: 'moves', type: 'text', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'UQ_plan_revision_plan', columnNames: ['planId'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({ name: 'FK_plan_revision_plan', columnNames: ['planId'], referencedTableName: 'plan', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ name: 'FK_plan_revision_previous', columnNames: ['previousPlanId'], referencedTableName: 'plan', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('plan_revision');
    await queryRunner.dropForeignKey('item', 'FK_item_successor');
    await queryRunner.dropIndex('item', 'IDX_item_successor');
    await queryRunner.dropColumn('item', 'printed');
    await queryRunner.dropColumn('item', 'successorId');
    for (const c of ['archived', 'endDate', 'startDate', 'city']) await queryRunner.dropColumn('plan', c);
  }
}
