// 我的通知: one's in-app notifications (reminders, urges, decisions), with links, marked read.
import { NOTIFICATION_KIND_LABELS, type InboxResponse, type InboxRow } from '../../../../libs/contracts/src/index.js';
import { post, query } from '../api.js';
import { get } from '../api.js';
import { Loaded, PageTitle } from '../components/common.js';
import { INBOX_CHANGED } from '../components/notification-bell.js';
import { fmtTime } from '../format.js';
import { useLoad } from '../load.js';
import { toast } from '../toast.js';

const changed = () => window.dispatchEvent(new Event(INBOX_CHANGED));

export function InboxPage({ params }: { params: URLSearchParams }) {
  const unreadOnly = params.get('unread') === 'true';
  const state = useLoad(() => get<InboxResponse>(`/api/me/notifications${query({ unread: unreadOnly ? 'true' : '' })}`), [unreadOnly]);
  const markAll = async () => {
    await post('/api/me/notifications/read-all');
    toast('已全部标为已读', 'success');
    changed();
    state.reload();
  };
  return (
    <Loaded state={state}>
      {(data) => (
        <>
          <PageTitle text="我的通知">
            <a href={unreadOnly ? '#/inbox' : '#/inbox?unread=true'}>{unreadOnly ? '显示全部' : '只看未读'}</a>
            {data.unread > 0 ? (
              <button type="button" onClick={markAll}>
                全部标为已读
              </button>
            ) : null}
          </PageTitle>
          <p class="muted">{data.unread > 0 ? `${data.unread} 条未读。` : '没有未读通知。'}提醒、催办和办理结果(延期审批、退回、销号、配合进展、方案修订)都会在这里列出。</p>
          {data.items.length === 0 ? (
            <p>{unreadOnly ? '没有未读通知。' : '还没有通知。'}</p>
          ) : (
            <ul class="inbox" aria-label="我的通知">
              {data.items.map((n) => (
                <InboxEntry
                  key={n.id}
                  n={n}
                  onRead={() => {
                    changed();
                    state.reload();
                  }}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </Loaded>
  );
}

function InboxEntry({ n, onRead }: { n: InboxRow; onRead: () => void }) {
  const read = async () => {
    await post(`/api/me/notifications/${n.id}/read`);
    onRead();
  };
  return (
    <li class={n.readAt ? 'read' : 'unread'}>
      <div class="inbox-head">
        <span class="tag">{NOTIFICATION_KIND_LABELS[n.kind] ?? n.kind}</span>
        {n.link ? (
          <a href={n.link} onClick={() => void (n.readAt ? undefined : post(`/api/me/notifications/${n.id}/read`).then(changed, () => undefined))}>
            {n.title}
          </a>
        ) : (
          <strong>{n.title}</strong>
        )}
        {n.readAt ? null : <span class="sr-only">(未读)</span>}
      </div>
      {n.body ? <p class="small">{n.body}</p> : null}
      <div class="small muted">
        {fmtTime(n.createdAt)}
        {n.readAt ? (
          ` · 已读`
        ) : (
          <button type="button" class="link" onClick={read}>
            标为已读
          </button>
        )}
      </div>
    </li>
  );
}
