export { calendarFromOverrides, chinaCalendar, WorkingCalendar, type CalendarData } from './working-days.js';
export { CLOCK, FixedClock, previousMonth, shanghai, shanghaiInstant, systemClock, TIME_ZONE, type Clock } from './clock.js';
