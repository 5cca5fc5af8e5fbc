import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A department's progress reports of a month, read by every 工作台 and by the reporting-duty reminder. */
export class ReportDepartmentIndex1732800000000 implements MigrationInterface {
  name = 'ReportDepartmentIndex1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('progress_report', new TableIndex({ name: 'IDX_progress_report_department_period', columnNames: ['departmentId', 'period'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('progress_report', 'IDX_progress_report_department_period');
  }
}
