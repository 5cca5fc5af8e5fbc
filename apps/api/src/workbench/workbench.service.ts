import { AppConfig } from '#config';
import { Assignment, CLOCK, type Clock, Department, ExtensionRequest, isActiveStatus, Item, Plan, ProgressReport, reportingDuty, SettingsStore, trafficLight, Urge, type WorkingCalendar } from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, forbidden } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { type DashboardRow, daysBetween, itemLabels, LEAD_SUBMITTED, leadSubmitted } from '../overview/overview.service.js';

/** An item on a department's 工作台: as on 督办总览 (lead names only), with the department's role and its own report of the month. */
type WorkbenchRow = Pick<DashboardRow, 'id' | 'planId' | 'planTitle' | 'number' | 'title' | 'status' | 'dueText' | 'deadline' | 'daysLeft' | 'overdue' | 'light' | 'lightReasons' | 'lead'> & {
  role: 'lead' | 'co';
  myReport: { id: number; state: 'draft' | 'submitted'; late: boolean } | null;
};

/** 工作台: a department's start page (what it leads and supports, what it owes this month, urges); nothing here writes. */
@Injectable()
export class WorkbenchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
    private readonly config: AppConfig,
    private readonly access: AccessService,
  ) {}

  private esc(name: string): string {
    return this.dataSource.driver.escape(name);
  }


  /**
   * The tracked items of current plans a department leads or supports, for its 工作台, in one
   * query: its role, the lead department, whether the lead reported this month (the light), and
   * the department's own report of the month. (Other departments' assignments are not read: the
   * page shows the lead only.)
   */
  private async workbenchItems(departmentId: number, today: string, calendar: WorkingCalendar): Promise<WorkbenchRow[]> {
    const period = today.slice(0, 7);
    const e = (name: string) => this.esc(name);
    const rows = await this.dataSource
      .createQueryBuilder()
      .from(Assignment, 'da')
      .innerJoin(Item, 'item', 'item.id = da.itemId')
      .innerJoin(Plan, 'plan', 'plan.id = item.planId')
      .leftJoin(Assignment, 'lead', 'lead.itemId = item.id AND lead.role = :lead')
      .leftJoin(Department, 'ld', 'ld.id = lead.departmentId')
      .leftJoin(ProgressReport, 'mine', 'mine.itemId = item.id AND mine.departmentId = da.departmentId AND mine.period = :period')
      .select([
        'item.id AS "id"',
        'item.planId AS "planId"',
        `COALESCE(plan.title, plan.${e('sourceFileName')}) AS "planTitle"`,
        'item.number AS "number"',
        'item.title AS "title"',
        'item.status AS "status"',
        'item.dueText AS "dueText"',
        // A DATE column: PostgreSQL's driver would make it a Date at local midnight.
        'CAST(item.deadline AS VARCHAR(10)) AS "deadline"',
        'da.role AS "role"',
        'ld.name AS "leadName"',
        `CASE WHEN EXISTS (SELECT 1 FROM ${e('progress_report')} r WHERE r.${e('itemId')} = item.id AND ${leadSubmitted('r')} AND r.period = :period) THEN 1 ELSE 0 END AS "reported"`,
        'mine.id AS "reportId"',
        'mine.state AS "reportState"',
        'mine.late AS "reportLate"',
      ])
      .where('da.departmentId = :departmentId AND item.kind = :task AND plan.current = :current AND plan.archived = :archived', { departmentId, task: 'task', current: true, archived: false })
      .setParameters({ ...LEAD_SUBMITTED, period })
      .orderBy('item.planId', 'ASC')
      .addOrderBy('item.order', 'ASC')
      .addOrderBy('lead.id', 'ASC')
      .getRawMany<
        Pick<WorkbenchRow, 'planTitle' | 'number' | 'title' | 'status' | 'dueText' | 'deadline' | 'role'> & {
          id: number | string;
          planId: number | string;
          leadName: string | null;
          reported: number | string;
          reportId: number | string | null;
          reportState: 'draft' | 'submitted' | null;
          reportLate: boolean | number | null;
        }
      >();
    // One row per lead department: an item with two leads comes twice.
    const byId = new Map<number, WorkbenchRow>();
    const warnWorkingDays = this.config.DUBAN_WARN_WORKING_DAYS;
    for (const r of rows) {
      const id = Number(r.id);
      const known = byId.get(id);
      if (known) {
        if (r.leadName !== null) known.lead.push(r.leadName);
        continue;
      }
      const light = trafficLight({ status: r.status, deadline: r.deadline, today, reportedThisMonth: Number(r.reported) === 1, hasLead: r.leadName !== null, warnWorkingDays, calendar });
      // Fields listed, not spread: copying row objects with rest and spread took a fifth of the request's time.
      byId.set(id, {
        id,
        planId: Number(r.planId),
        planTitle: r.planTitle,
        number: r.number,
        title: r.title,
        status: r.status,
        dueText: r.dueText,
        deadline: r.deadline,
        daysLeft: r.deadline === null ? null : daysBetween(today, r.deadline),
        overdue: light.overdue,
        light: light.light,
        lightReasons: light.reasons,
        lead: r.leadName === null ? [] : [r.leadName],
        role: r.role,
        myReport: r.reportId === null ? null : { id: Number(r.reportId), state: r.reportState!, late: Boolean(Number(r.reportLate)) },
      });
    }
    return [...byId.values()];
  }

  /** 工作台: what a department leads and supports, what it owes this month, the urges it received. */
  async workbench(actor: Actor, departmentId?: number) {
    const own = actor.departmentId;
    let id: number;
    if (departmentId !== undefined) {
      if (!this.access.readsAsOffice(actor) && departmentId !== own) throw forbidden('只能查看本单位的工作台');
      id = departmentId;
    } else if (own !== null) {
      id = own;
    } else {
      throw badRequest('您的账号未归属任何单位,请选择要查看的单位');
    }
    const department = await this.dataSource.getRepository(Department).findOneBy({ id });
    if (!department) throw badRequest(`单位不存在:${id}`);
    const { today: now, period } = this.today();
    const { reminderRules: rules, calendar } = await this.settings.current();
    const duty = reportingDuty(period, calendar, rules);
    const dueDate = duty?.deadline ?? `${period}-${String(rules.reportDueDay).padStart(2, '0')}`;
    const rows = await this.workbenchItems(id, now, calendar);
    const lead = rows.filter((r) => r.role === 'lead');
    const co = rows.filter((r) => r.role === 'co');
    const due = [...lead, ...co]
      .filter((r) => isActiveStatus(r.status) && r.myReport?.state !== 'submitted')
      .map(({ id: itemId, number, title, light, lightReasons, role, myReport, deadline }) => ({ id: itemId, number, title, light, lightReasons, role, myReport, deadline }));

    // coDepartmentIds is a JSON list ("[12,116]"): matched as ",12,116," so that 15 does not match 150.
    const urges = await this.dataSource
      .getRepository(Urge)
      .createQueryBuilder('u')
      .where(`u.leadDepartmentId = :id OR (',' || substr(u.${this.esc('coDepartmentIds')}, 2, length(u.${this.esc('coDepartmentIds')}) - 2) || ',') LIKE :co`, { id, co: `%,${id},%` })
      .orderBy('u.id', 'DESC')
      .take(20)
      .getMany();
    const extensions = await this.dataSource.getRepository(ExtensionRequest).find({ where: { departmentId: id }, order: { id: 'DESC' }, take: 20 });
    const labels = await itemLabels(this.dataSource, [...urges, ...extensions].map((u) => u.itemId));
    return {
      today: now,
      period,
      reportDueDate: dueDate,
      department: { id: department.id, name: department.name },
      counts: {
        lead: lead.length,
        co: co.length,
        overdue: lead.filter((r) => r.overdue).length,
        red: lead.filter((r) => r.light === 'red').length,
        yellow: lead.filter((r) => r.light === 'yellow').length,
        green: lead.filter((r) => r.light === 'green').length,
        due: due.length,
      },
      lead,
      co,
      due,
      urges: urges.map((u) => ({
        id: u.id,
        itemId: u.itemId,
        number: labels.get(u.itemId)?.number ?? '',
        title: labels.get(u.itemId)?.title ?? '',
        message: u.message,
        role: u.leadDepartmentId === id ? 'lead' : 'co',
        createdAt: u.createdAt,
        deliveredAt: u.deliveredAt,
      })),
      extensions: extensions.map((e) => ({
        id: e.id,
        itemId: e.itemId,
        number: labels.get(e.itemId)?.number ?? '',
        title: labels.get(e.itemId)?.title ?? '',
        requestedDeadline: e.requestedDeadline,
        previousDeadline: e.previousDeadline,
        state: e.state,
        decisionReason: e.decisionReason,
        createdAt: e.createdAt,
      })),
    };
  }

  today(): { today: string; period: string } {
    const now = today(this.clock);
    return { today: now, period: now.slice(0, 7) };
  }
}
