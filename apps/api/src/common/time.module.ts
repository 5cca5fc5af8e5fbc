import { AppConfig } from '#config';
import { CLOCK, type Clock, envSettings, FixedClock, SettingsStore, shanghai, systemClock } from '#domain';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Today's date (YYYY-MM-DD, Asia/Shanghai) from the injected clock. */
export function today(clock: Clock): string {
  return shanghai(clock.now()).day;
}

/**
 * The configuration, the clock (DUBAN_CLOCK fixes it) and the settings store (reminder rules and
 * the working-day calendar with holidays and 调休: 管理 page, else environment, else default), for every feature.
 */
@Global()
@Module({})
export class TimeModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Parsed here so a bad DUBAN_REMINDER_RULES / DUBAN_CALENDAR_OVERRIDES stops the boot with its name.
    const env = envSettings(config.DUBAN_REMINDER_RULES, config.DUBAN_CALENDAR_OVERRIDES, config.DUBAN_PUBLIC_URL);
    return {
      module: TimeModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useValue: config.DUBAN_CLOCK ? new FixedClock(new Date(config.DUBAN_CLOCK)) : systemClock },
        { provide: SettingsStore, useFactory: (ds: DataSource) => new SettingsStore(ds, env), inject: [DataSource] },
      ],
      exports: [AppConfig, CLOCK, SettingsStore],
    };
  }
}
