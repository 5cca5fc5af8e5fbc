import { AppConfig } from '#config';
import {
  calendarOverridesProblems,
  CLOCK,
  type Clock,
  DEFAULT_PUBLIC_URL,
  DEFAULT_REMINDER_RULES,
  issuingOfficeProblems,
  publicUrlProblems,
  publicUrlWarning,
  reportingDuty,
  type SettingKey,
  SettingsStore,
} from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, fieldError, forbidden, invalidFields } from '../common/errors.js';
import { today } from '../common/time.module.js';
import type { CalendarOverridesDto, IssuingOfficeDto, ReminderRulesDto } from './dto/settings.dto.js';

/**
 * The settings of the 管理 page: reminder rules (with the monthly reporting day) and holiday
 * adjustments, saved in the database and read by the API and the worker through SettingsStore;
 * the rest (schedules, session length, ...) is shown as configured in the environment.
 */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly store: SettingsStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async view(actor: Actor) {
    if (!this.access.isCoordinator(actor)) throw forbidden('只有质量强市办和系统管理员可以查看系统设置');
    const settings = await this.store.current();
    const period = today(this.clock).slice(0, 7);
    return {
      reminderRules: settings.reminderRules,
      calendarOverrides: settings.calendarOverrides,
      issuingOffice: settings.issuingOffice,
      publicUrl: settings.publicUrl,
      publicUrlWarning: publicUrlWarning(settings.publicUrl, this.config.SMTP_URL !== undefined),
      origin: settings.origin,
      fallback: this.fallback(),
      reportingDeadlineThisMonth: reportingDuty(period, settings.calendar, settings.reminderRules)?.deadline ?? null,
      calendarCoversThisYear: settings.calendar.covers(today(this.clock)),
      editable: actor.role === 'admin',
      warnWorkingDays: this.config.DUBAN_WARN_WORKING_DAYS,
      uploadMaxMb: this.config.DUBAN_UPLOAD_MAX_MB,
      sessionHours: this.config.DUBAN_SESSION_HOURS,
      cron: { reminderScan: this.config.REMINDER_SCAN_CRON, monthlyReport: this.config.MONTHLY_REPORT_CRON, reportDuty: this.config.REPORT_DUTY_CRON },
    };
  }

  async saveReminderRules(actor: Actor, rules: ReminderRulesDto) {
    const { beforeDays, onDay, overdueEvery, escalateFrom, copyCo, reportDueDay, reportDutyBefore, officeHours } = rules;
    const value = { beforeDays: [...new Set(beforeDays)].sort((a, b) => b - a), onDay, overdueEvery, escalateFrom, copyCo: [...new Set(copyCo)], reportDueDay, reportDutyBefore, officeHours };
    return this.write(actor, 'reminderRules', value);
  }

  async saveCalendar(actor: Actor, body: CalendarOverridesDto) {
    const problems = calendarOverridesProblems(body);
    // Each problem starts with the field it is about ("workdays: 同一天不能既放假又上班:…").
    if (problems.length) throw invalidFields(problems.map((p) => fieldError(/^(\w+): /.exec(p)?.[1] ?? 'holidays', p.replace(/^\w+: /, ''), 'invalid_format')));
    const value = { holidays: [...new Set(body.holidays)].sort(), workdays: [...new Set(body.workdays)].sort() };
    return this.write(actor, 'calendarOverrides', value);
  }

  /** 发文设置: the issuer, signature, 文号 patterns and 抄送 of the official documents. */
  async saveIssuingOffice(actor: Actor, body: IssuingOfficeDto) {
    const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
    const numbers = body.numbers as unknown as Record<string, { pattern?: unknown; start?: unknown }> | undefined;
    const value = {
      city: trim(body.city),
      issuer: trim(body.issuer),
      signature: trim(body.signature),
      cc: trim(body.cc ?? ''),
      contact: trim(body.contact ?? ''),
      numbers: numbers && typeof numbers === 'object' ? Object.fromEntries(Object.entries(numbers).map(([k, n]) => [k, { pattern: trim(n?.pattern), start: n?.start }])) : numbers,
    };
    const problems = issuingOfficeProblems(value);
    if (problems.length) throw badRequest(problems);
    return this.write(actor, 'issuingOffice', value);
  }

  /** The address users open duban at (the links in mails); admin only, like every setting. */
  async savePublicUrl(actor: Actor, url: string) {
    const value = url.trim().replace(/\/$/, '');
    const problems = publicUrlProblems(value);
    if (problems.length) throw badRequest(problems);
    return this.write(actor, 'publicUrl', value);
  }

  /** Back to the environment's value or the built-in default. */
  async reset(actor: Actor, key: SettingKey) {
    return this.write(actor, key, null);
  }

  /** What "恢复默认" goes back to: the environment's value, else the built-in default. */
  private fallback(): Record<SettingKey, unknown> {
    return {
      reminderRules: this.store.env.reminderRules ?? DEFAULT_REMINDER_RULES,
      calendarOverrides: this.store.env.calendarOverrides ?? { holidays: [], workdays: [] },
      issuingOffice: null,
      publicUrl: this.store.env.publicUrl ?? DEFAULT_PUBLIC_URL,
    };
  }

  private async write(actor: Actor, key: SettingKey, value: unknown) {
    this.access.assertAdmin(actor, '修改系统设置');
    const before = (await this.store.current())[key];
    const after = value ?? this.fallback()[key];
    await this.dataSource.transaction(async (manager) => {
      await this.store.write(manager, key, value, actor.username, this.clock);
      await this.audit.record(manager, actor, value === null ? 'setting.reset' : 'setting.update', 'setting', null, null, { key, value: before }, { key, value: after });
    });
    this.store.invalidate();
    return this.view(actor);
  }
}
