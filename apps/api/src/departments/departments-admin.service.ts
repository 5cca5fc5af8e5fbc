import { Assignment, ChatChannel, Department, DepartmentAlias, ExtensionRequest, IndicatorReading, ProgressReport, User } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { conflict, refusedField } from '../common/errors.js';
import { fieldLabelFor } from '../common/validation.js';
import { CreateDepartmentDto } from './dto/department.dto.js';

export interface DepartmentAdminView {
  id: number;
  name: string;
  aliases: string[];
  contactEmails: string[];
}

/** The admin's side of departments: create, rename, contact e-mails, aliases, merge. */
@Injectable()
export class DepartmentsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, name: string, contactEmails: string[] | undefined): Promise<DepartmentAdminView> {
    this.access.assertAdmin(actor, '管理单位');
    return this.dataSource.transaction(async (manager) => {
      await this.nameFree(manager, name.trim(), 'name');
      const repo = manager.getRepository(Department);
      const saved = await repo.save(repo.create({ name: name.trim(), contactEmails: contactEmails?.length ? contactEmails : null }));
      const view = await this.view(manager, saved.id);
      await this.audit.record(manager, actor, 'department.create', 'department', saved.id, null, null, view);
      return view;
    });
  }

  async update(actor: Actor, id: number, body: { name?: string; contactEmails?: string[] }): Promise<DepartmentAdminView> {
    this.access.assertAdmin(actor, '管理单位');
    return this.dataSource.transaction(async (manager) => {
      const before = await this.view(manager, id);
      const repo = manager.getRepository(Department);
      const department = await repo.findOneByOrFail({ id });
      if (body.name !== undefined && body.name.trim() !== department.name) {
        await this.nameFree(manager, body.name.trim(), 'name');
        department.name = body.name.trim();
      }
      if (body.contactEmails !== undefined) department.contactEmails = body.contactEmails.length ? body.contactEmails : null;
      await repo.save(department);
      const after = await this.view(manager, id);
      await this.audit.record(manager, actor, 'department.update', 'department', id, null, before, after);
      return after;
    });
  }

  async addAlias(actor: Actor, id: number, alias: string): Promise<DepartmentAdminView> {
    this.access.assertAdmin(actor, '管理单位');
    return this.dataSource.transaction(async (manager) => {
      const before = await this.view(manager, id);
      await this.nameFree(manager, alias.trim(), 'alias');
      await manager.getRepository(DepartmentAlias).insert({ alias: alias.trim(), departmentId: id });
      const after = await this.view(manager, id);
      await this.audit.record(manager, actor, 'department.alias', 'department', id, null, before, after);
      return after;
    });
  }

  /**
   * Merges department `fromId` into `intoId` everywhere: assignments (an item that had both
   * keeps one assignment, lead winning over co), users, progress reports, extension requests,
   * indicator readings and aliases; the old name becomes an alias, so future imports map it.
   */
  async merge(actor: Actor, intoId: number, fromId: number): Promise<DepartmentAdminView & { movedAssignments: number }> {
    this.access.assertAdmin(actor, '合并单位');
    if (intoId === fromId) throw conflict('不能把单位并入它自己');
    return this.dataSource.transaction(async (manager) => {
      const into = await this.view(manager, intoId);
      const from = await this.view(manager, fromId);
      // Whole sets at a time, never a statement per assignment or report.
      const assignments = manager.getRepository(Assignment);
      const moving = await assignments.findBy({ departmentId: fromId });
      const existing = new Map(
        (moving.length ? await assignments.findBy({ departmentId: intoId, itemId: In(moving.map((a) => a.itemId)) }) : []).map((e) => [e.itemId, e]),
      );
      const promote: number[] = [];
      const drop: number[] = [];
      const move: number[] = [];
      for (const a of moving) {
        const both = existing.get(a.itemId);
        if (both) {
          if (a.role === 'lead' && both.role !== 'lead') promote.push(both.id);
          drop.push(a.id);
        } else {
          move.push(a.id);
        }
      }
      if (promote.length) await assignments.update({ id: In(promote) }, { role: 'lead' });
      if (drop.length) await assignments.delete({ id: In(drop) });
      if (move.length) await assignments.update({ id: In(move) }, { departmentId: intoId });
      const reports = manager.getRepository(ProgressReport);
      const fromReports = await reports.find({ where: { departmentId: fromId }, select: { id: true, itemId: true, period: true }, order: { id: 'ASC' } });
      const intoReports = fromReports.length
        ? await reports.find({ where: { departmentId: intoId, itemId: In([...new Set(fromReports.map((r) => r.itemId))]) }, select: { id: true, itemId: true, period: true } })
        : [];
      const taken = new Set(intoReports.map((r) => `${r.itemId}|${r.period}`));
      const clash = fromReports.find((r) => taken.has(`${r.itemId}|${r.period}`));
      if (clash) throw conflict(`两个单位都有事项 ${clash.itemId} 在 ${clash.period} 的进展报告,请先处理后再合并`);
      await reports.update({ departmentId: fromId }, { departmentId: intoId });
      await manager.getRepository(User).update({ departmentId: fromId }, { departmentId: intoId });
      await manager.getRepository(ExtensionRequest).update({ departmentId: fromId }, { departmentId: intoId });
      await manager.getRepository(IndicatorReading).update({ departmentId: fromId }, { departmentId: intoId });
      await manager.getRepository(ChatChannel).update({ departmentId: fromId }, { departmentId: intoId });
      const aliases = manager.getRepository(DepartmentAlias);
      await aliases.update({ departmentId: fromId }, { departmentId: intoId });
      await manager.getRepository(Department).delete({ id: fromId });
      await aliases.insert({ alias: from.name, departmentId: intoId });
      const target = await manager.getRepository(Department).findOneByOrFail({ id: intoId });
      const emails = [...new Set([...(target.contactEmails ?? []), ...from.contactEmails])];
      if (emails.length) await manager.getRepository(Department).update({ id: intoId }, { contactEmails: emails });
      const after = await this.view(manager, intoId);
      await this.audit.record(manager, actor, 'department.merge', 'department', intoId, null, { into, from }, { ...after, movedAssignments: moving.length });
      return { ...after, movedAssignments: moving.length };
    });
  }

  /** Refuses a name or alias another department has (409 about that field). */
  private async nameFree(manager: EntityManager, name: string, field: 'name' | 'alias'): Promise<void> {
    if (await manager.getRepository(Department).existsBy({ name })) throw refusedField(409, field, `已有名为“${name}”的单位`, 'duplicate', fieldLabelFor(CreateDepartmentDto, field));
    if (await manager.getRepository(DepartmentAlias).existsBy({ alias: name })) throw refusedField(409, field, `“${name}”已是某单位的别名`, 'duplicate', fieldLabelFor(CreateDepartmentDto, field));
  }

  private async view(manager: EntityManager, id: number): Promise<DepartmentAdminView> {
    const d = await manager.getRepository(Department).findOneBy({ id });
    if (!d) throw new NotFoundException(`单位不存在:${id}`);
    const aliases = await manager.getRepository(DepartmentAlias).find({ where: { departmentId: id }, order: { alias: 'ASC' } });
    return { id: d.id, name: d.name, aliases: aliases.map((a) => a.alias), contactEmails: d.contactEmails ?? [] };
  }
}
