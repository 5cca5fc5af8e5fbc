import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 14, decisions: evidence of completion attached to an item (佐证材料), and the kind of a
 * deadline request (延期申请 before the deadline, 逾期说明 after it).
 */
export class OfficeDecisions1733100000000 implements MigrationInterface {
  name = 'OfficeDecisions1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.driver;
    await queryRunner.createTable(
      new Table({
        name: 'item_evidence',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'PK_item_evidence', isGenerated: true, generationStrategy: 'increment' },
          { name: 'itemId', type: 'integer', isNullable: false },
          { name: 'fileName', type: 'varchar', length: '255', isNullable: false },
          { name: 'mimeType', type: 'varchar', length: '100', isNullable: false },
          { name: 'size', type: 'integer', isNullable: false },
          { name: 'storagePath', type: 'varchar', length: '500', isNullable: false },
          { name: 'uploadedById', type: 'integer', isNullable: false },
          { name: 'createdAt', type: driver.mappedDataTypes.createDate as string, isNullable: false, default: driver.mappedDataTypes.createDateDefault },
        ],
        indices: [new TableIndex({ name: 'IDX_item_evidence_item', columnNames: ['itemId'] })],
        foreignKeys: [
          new TableForeignKey({ name: 'FK_item_evidence_item', columnNames: ['itemId'], referencedTableName: 'item', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ name: 'FK_item_evidence_user', columnNames: ['uploadedById'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
      }),
    );
    await queryRunner.addColumn('extension_request', new TableColumn({ name: 'kind', type: 'varchar', length: '16', isNullable: false, default: "'extension'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('extension_request', 'kind');
    await queryRunner.dropTable('item_evidence');
  }
}
