import { session } from './session.js';

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A moment as Beijing time, 2024-10-09 09:30, wherever the browser is. */
export function fmtTime(value: string | null | undefined): string {
  if (!value) return '—';
  const parts = Object.fromEntries(TIME.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function thisMonth(): string {
  if (session.today) return session.today.slice(0, 7);
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Calendar days from the server's today to a date (negative when past). */
export function daysUntil(date: string): number {
  const base = session.today ?? new Date().toISOString().slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${base}T00:00:00Z`)) / 86400000);
}

export function planName(p: { title: string | null; sourceFileName: string }): string {
  return p.title ?? p.sourceFileName;
}

/** "2026-10" -> "2026年10月". */
export function monthTitle(m: string): string {
  return `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
}
