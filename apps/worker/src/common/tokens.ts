import type { AppConfig } from '#config';
import {
  calendarFromOverrides,
  chinaCalendar,
  CLOCK,
  type Clock,
  FixedClock,
  parseReminderRules,
  type ReminderRuleSettings,
  systemClock,
  type WorkingCalendar,
} from '#domain';
import { createMailTransport, type MailTransport } from '#mail';
import type { Provider } from '@nestjs/common';

export const CONFIG = Symbol('CONFIG');
export const CALENDAR = Symbol('CALENDAR');
export const RULES = Symbol('RULES');
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export { CLOCK };

export interface WorkerOverrides {
  /** Tests move time with a FixedClock. */
  clock?: Clock;
}

/** The worker's configured singletons: config, clock, working-day calendar, reminder rules, mail transport. */
export function coreProviders(config: AppConfig, overrides: WorkerOverrides = {}): Provider[] {
  const clock = overrides.clock ?? (config.DUBAN_CLOCK ? new FixedClock(new Date(config.DUBAN_CLOCK)) : systemClock);
  const calendar: WorkingCalendar = chinaCalendar().withOverrides(calendarFromOverrides(config.DUBAN_CALENDAR_OVERRIDES));
  const rules: ReminderRuleSettings = parseReminderRules(config.DUBAN_REMINDER_RULES);
  return [
    { provide: CONFIG, useValue: config },
    { provide: CLOCK, useValue: clock },
    { provide: CALENDAR, useValue: calendar },
    { provide: RULES, useValue: rules },
    {
      provide: MAIL_TRANSPORT,
      useFactory: (): MailTransport => createMailTransport(config, () => clock.now()),
    },
  ];
}
