import { AppConfig } from '#config';
import { calendarFromOverrides, chinaCalendar, CLOCK, type Clock, FixedClock, shanghai, systemClock, WorkingCalendar } from '#domain';
import { type DynamicModule, Global, Module } from '@nestjs/common';

/** Injection token of the working-day calendar (holidays and 调休 included). */
export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');

/** Today's date (YYYY-MM-DD, Asia/Shanghai) from the injected clock. */
export function today(clock: Clock): string {
  return shanghai(clock.now()).day;
}

/** The configuration, the clock (DUBAN_CLOCK fixes it) and the working-day calendar, for every feature. */
@Global()
@Module({})
export class TimeModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TimeModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useValue: config.DUBAN_CLOCK ? new FixedClock(new Date(config.DUBAN_CLOCK)) : systemClock },
        {
          provide: WORKING_CALENDAR,
          useFactory: (): WorkingCalendar => chinaCalendar().withOverrides(calendarFromOverrides(config.DUBAN_CALENDAR_OVERRIDES)),
        },
      ],
      exports: [AppConfig, CLOCK, WORKING_CALENDAR],
    };
  }
}
