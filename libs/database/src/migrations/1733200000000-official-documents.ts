import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Official documents (通报, 督办通知单, 催办函): their 文号 sequence per kind and year, and their files. */
export class OfficialDocuments1733200000000 implements MigrationInterface {
  name = 'OfficialDocuments1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.createTable(
      new Table({
        name: 'official_document',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'PK_official_document', isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '20', isNullable: false },
          { name: 'year', type: 'integer', isNullable: false },
          { name: 'seq', type: 'integer', isNullable: false },
          { name: 'number', type: 'varchar', length: '100', isNullable: false },
          { name: 'title', type: 'text', isNullable: false },
          { name: 'itemIds', type: 'text', isNullable: false },
          { name: 'departmentId', type: 'integer', isNullable: true },
          { name: 'urgeId', type: 'integer', isNullable: true },
          { name: 'reportId', type: 'integer', isNullable: true },
          { name: 'issuedOn', type: 'varchar', length: '10', isNullable: false },
          { name: 'docxPath', type: 'text', isNullable: false },
          { name: 'html', type: 'text', isNullable: false },
          { name: 'createdAt', type: timestamp, isNullable: false },
          { name: 'createdBy', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_official_document_number', columnNames: ['kind', 'year', 'seq'], isUnique: true }),
          new TableIndex({ name: 'IDX_official_document_urge', columnNames: ['urgeId'] }),
          new TableIndex({ name: 'IDX_official_document_report', columnNames: ['reportId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('official_document');
  }
}
