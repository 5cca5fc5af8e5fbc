import { Assignment, Department, DepartmentAlias } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DepartmentView {
  id: number;
  name: string;
  aliases: string[];
  contactEmails: string[];
  leadCount: number;
  coCount: number;
}

@Injectable()
export class DepartmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<DepartmentView[]> {
    const departments = await this.dataSource.getRepository(Department).find({ order: { name: 'ASC' } });
    const aliases = await this.dataSource.getRepository(DepartmentAlias).find({ order: { alias: 'ASC' } });
    const counts: { departmentId: number; role: string; n: string | number }[] = await this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .select('a.departmentId', 'departmentId')
      .addSelect('a.role', 'role')
      .addSelect('COUNT(*)', 'n')
      .groupBy('a.departmentId')
      .addGroupBy('a.role')
      .getRawMany();
    const count = (id: number, role: string) => Number(counts.find((c) => Number(c.departmentId) === id && c.role === role)?.n ?? 0);
    return departments.map((d) => ({
      id: d.id,
      name: d.name,
      aliases: aliases.filter((a) => a.departmentId === d.id).map((a) => a.alias),
      contactEmails: d.contactEmails ?? [],
      leadCount: count(d.id, 'lead'),
      coCount: count(d.id, 'co'),
    }));
  }
}
