/** The reporting month of a day: "2024-10" for "2024-10-03". */
export function periodOf(day: string): string {
  return day.slice(0, 7);
}

/** A report for `period` submitted on `day` is late when submitted after the period's reporting day (e.g. the 25th). */
export function isLateReport(period: string, day: string, dueDay: number): boolean {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const due = `${period}-${String(Math.min(dueDay, last)).padStart(2, '0')}`;
  return day > due;
}
