import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Plans, their item tree, departments, assignments and indicators.
 * Written with the QueryRunner Table API so one file runs on SQLite and PostgreSQL.
 */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.driver;
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
    const date = (name: string): TableColumnOptions => ({ name, type: 'date', isNullable: true });

    await queryRunner.createTable(
      new Table({
        name: 'plan',
        columns: [
          id('plan'),
          text('title'),
          text('issuer', true),
          varchar('docNumber', 200, true),
          date('issued'),
          text('sourceFileName'),
          varchar('sha256', 64),
          int('version'),
          varchar('seriesKey', 500),
          { name: 'current', type: 'boolean', isNullable: false },
          int('supersededById', true),
          {
            name: 'importedAt',
            type: driver.mappedDataTypes.createDate as string,
            isNullable: false,
            default: driver.mappedDataTypes.createDateDefault,
          },
          text('warnings'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_plan_sha256', columnNames: ['sha256'], isUnique: true }),
          new TableIndex({ name: 'IDX_plan_series', columnNames: ['seriesKey', 'current'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_plan_superseded_by',
            columnNames: ['supersededById'],
            referencedTableName: 'plan',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'item',
        columns: [
          id('item'),
          int('planId'),
          int('parentId', true),
          varchar('number', 50),
          varchar('normalizedNumber', 50),
          int('order'),
          int('level'),
          text('path'),
          text('title'),
          text('body'),
          varchar('kind', 16),
          int('sourceLineStart', true),
          int('sourceLineEnd', true),
          { ...varchar('status', 32), default: "'未启动'" },
          text('dueText', true),
          date('deadline'),
          int('version'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_item_plan_order', columnNames: ['planId', 'order'] }),
          new TableIndex({ name: 'IDX_item_parent', columnNames: ['parentId'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_item_plan',
            columnNames: ['planId'],
            referencedTableName: 'plan',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'FK_item_parent',
            columnNames: ['parentId'],
            referencedTableName: 'item',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'department',
        columns: [id('department'), varchar('name', 200), text('contactEmails', true)],
        indices: [new TableIndex({ name: 'UQ_department_name', columnNames: ['name'], isUnique: true })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'department_alias',
        columns: [id('department_alias'), varchar('alias', 200), int('departmentId')],
        indices: [new TableIndex({ name: 'UQ_department_alias_alias', columnNames: ['alias'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_department_alias_department',
            columnNames: ['departmentId'],
            referencedTableName: 'department',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'assignment',
        columns: [id('assignment'), int('itemId'), int('departmentId'), varchar('role', 8)],
        indices: [
          new TableIndex({ name: 'UQ_assignment_item_department', columnNames: ['itemId', 'departmentId'], isUnique: true }),
          new TableIndex({ name: 'IDX_assignment_department', columnNames: ['departmentId'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_assignment_item',
            columnNames: ['itemId'],
            referencedTableName: 'item',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'FK_assignment_department',
            columnNames: ['departmentId'],
            referencedTableName: 'department',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'indicator',
        columns: [
          id('indicator'),
          int('planId'),
          text('name'),
          varchar('op', 4),
          { name: 'targetValue', type: 'double precision', isNullable: false },
          varchar('unit', 50, true),
          int('targetYear', true),
          text('path'),
          int('order'),
        ],
        indices: [new TableIndex({ name: 'IDX_indicator_plan_order', columnNames: ['planId', 'order'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_indicator_plan',
            columnNames: ['planId'],
            referencedTableName: 'plan',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['indicator', 'assignment', 'department_alias', 'department', 'item', 'plan']) {
      await queryRunner.dropTable(table);
    }
  }
}
