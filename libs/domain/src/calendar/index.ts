export {
  calendarFromOverrides,
  calendarOverridesProblems,
  chinaCalendar,
  isCalendarDay,
  MAX_CALENDAR_OVERRIDES,
  WorkingCalendar,
  type CalendarData,
  type CalendarOverrides,
} from './working-days.js';
export { CLOCK, FixedClock, previousMonth, shanghai, shanghaiInstant, systemClock, TIME_ZONE, type Clock } from './clock.js';
