import type { AppConfig } from '#config';
import { CLOCK, type Clock, envSettings, FixedClock, SettingsStore, systemClock } from '#domain';
import { createMailTransport, type MailTransport } from '#mail';
import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const CONFIG = Symbol('CONFIG');
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export { CLOCK };

export interface WorkerOverrides {
  /** Tests move time with a FixedClock. */
  clock?: Clock;
}

/** The worker's configured singletons: config, clock, settings (reminder rules, working-day calendar), mail transport. */
export function coreProviders(config: AppConfig, overrides: WorkerOverrides = {}): Provider[] {
  const clock = overrides.clock ?? (config.DUBAN_CLOCK ? new FixedClock(new Date(config.DUBAN_CLOCK)) : systemClock);
  // Parsed here so a bad DUBAN_REMINDER_RULES / DUBAN_CALENDAR_OVERRIDES stops the boot with its name.
  const env = envSettings(config.DUBAN_REMINDER_RULES, config.DUBAN_CALENDAR_OVERRIDES, config.DUBAN_PUBLIC_URL);
  return [
    { provide: CONFIG, useValue: config },
    { provide: CLOCK, useValue: clock },
    { provide: SettingsStore, useFactory: (ds: DataSource) => new SettingsStore(ds, env), inject: [DataSource] },
    {
      provide: MAIL_TRANSPORT,
      useFactory: (): MailTransport => createMailTransport(config, () => clock.now()),
    },
  ];
}
