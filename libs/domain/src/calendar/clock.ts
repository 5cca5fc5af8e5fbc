/** The time source: every "now" in duban comes from an injected Clock, so tests can move time. */
export interface Clock {
  now(): Date;
}

/** Injection token for the Clock. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at an instant until moved (tests, demos: DUBAN_CLOCK). */
export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
}

export const TIME_ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Local date and hour in Asia/Shanghai of an instant. */
export function shanghai(instant: Date): { day: string; hour: number; minute: number; month: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  const day = `${p.year}-${p.month}-${p.day}`;
  return { day, hour: Number(p.hour), minute: Number(p.minute), month: day.slice(0, 7) };
}

/** The instant of a local Asia/Shanghai wall time (UTC+8, no daylight saving). */
export function shanghaiInstant(day: string, hour = 0, minute = 0): Date {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
}

/** "2026-10" -> "2026-09". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
