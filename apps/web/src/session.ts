// The signed-in user and the server's today, shared by every page.
import type { SessionUser } from '../../../libs/contracts/src/index.js';
import { get } from './api.js';

export const session: { user: SessionUser | null; today: string | null } = { user: null, today: null };

const listeners = new Set<() => void>();

/** Tells the shell (header, navigation) that the user changed. */
export function sessionChanged(): void {
  for (const l of listeners) l();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const isCoordinator = (): boolean => session.user?.role === 'coordinator' || session.user?.role === 'admin';
export const isAdmin = (): boolean => session.user?.role === 'admin';
/** Reads what the 质量强市办 reads (督办总览, 提醒记录, every 工作台, the log): the office, admins and 领导 (who write nothing). */
export const readsAsOffice = (): boolean => isCoordinator() || session.user?.role === 'leader';

/** The server's today, so dates and months on the pages follow its clock. */
export async function loadToday(): Promise<void> {
  try {
    session.today = (await get<{ today: string }>('/api/dashboard/today')).today;
  } catch {
    session.today = null;
  }
}
