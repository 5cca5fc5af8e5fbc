// The bell in the header: one's unread in-app notifications, refreshed on every page change and each minute.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { session } from '../session.js';

/** Pages that change the count (marking read) tell the bell at once. */
export const INBOX_CHANGED = 'duban:inbox-changed';

export function NotificationBell() {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      if (!session.user) return;
      get<{ unread: number }>('/api/me/notifications/unread-count').then(
        (r) => live && setUnread(r.unread),
        () => undefined,
      );
    };
    load();
    const timer = setInterval(load, 60_000);
    window.addEventListener('hashchange', load);
    window.addEventListener(INBOX_CHANGED, load);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('hashchange', load);
      window.removeEventListener(INBOX_CHANGED, load);
    };
  }, []);
  if (!session.user) return null;
  const label = unread ? `我的通知,${unread} 条未读` : '我的通知';
  return (
    <a href="#/inbox" class="bell" aria-label={label} title={label}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread ? (
        <span class="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </a>
  );
}
