// 提醒记录: the notification log, departments without contacts, and the outbox.
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_STATUS_LABELS, type MissingContactRow, type NotificationRow, type NotificationStatus, type OutboxRow } from '../../../../libs/contracts/src/index.js';
import { get, query } from '../api.js';
import { Loaded, PageTitle } from '../components/common.js';
import { DataTable } from '../components/data-table.js';
import { fmtTime } from '../format.js';
import { useLoad } from '../load.js';

// A deadline reminder's mail is written when it is sent; a withdrawn one never is.
const noteSubject = (n: NotificationRow) => n.subject || (n.status === 'pending' ? '(发送时生成)' : '(未生成)');
const STATUS_TAG: Partial<Record<NotificationStatus, string>> = { no_recipients: 'bad', sent: 'ok' };

export function NotificationsPage({ params }: { params: URLSearchParams }) {
  const status = params.get('status') ?? '';
  const state = useLoad(() =>
    Promise.all([
      get<NotificationRow[]>(`/api/notifications${query({ status })}`),
      get<MissingContactRow[]>('/api/notifications/missing-contacts'),
      get<OutboxRow[]>('/api/outbox').catch(() => [] as OutboxRow[]),
    ]),
  );
  return (
    <Loaded state={state}>
      {([list, missing, outbox]) => (
        <>
          <PageTitle text="提醒记录">
            <select aria-label="发送状态" onChange={(e) => (location.hash = `#/notifications${query({ status: (e.currentTarget as HTMLSelectElement).value })}`)}>
              <option value="">全部</option>
              {Object.entries(NOTIFICATION_STATUS_LABELS).map(([k, v]) => (
                <option key={k} value={k} selected={k === status}>
                  {v}
                </option>
              ))}
            </select>
          </PageTitle>
          <h2>{`发送记录(最近 ${list.length} 条)`}</h2>
          <DataTable
            title="提醒记录"
            rows={list}
            empty="还没有发送过提醒。"
            rowKey={(n) => n.id}
            columns={[
              { label: '时间', value: (n) => fmtTime(n.sentAt ?? n.createdAt), class: 'nowrap' },
              { label: '类型', value: (n) => NOTIFICATION_KIND_LABELS[n.kind] ?? n.kind, class: 'nowrap' },
              { label: '主题', value: noteSubject, render: (n) => (n.itemId ? <a href={`#/items/${n.itemId}`}>{noteSubject(n)}</a> : noteSubject(n)) },
              { label: '收件人', value: (n) => [...(n.to ?? []), ...(n.cc ?? [])].join('、'), class: 'small' },
              {
                label: '状态',
                value: (n) => NOTIFICATION_STATUS_LABELS[n.status] ?? n.status,
                render: (n) => <span class={`tag ${STATUS_TAG[n.status] ?? 'warn'}`}>{NOTIFICATION_STATUS_LABELS[n.status] ?? n.status}</span>,
                class: 'nowrap',
              },
              { label: '次数', value: (n) => n.attempts, class: 'num hide-sm' },
              { label: '说明', value: (n) => [n.lastError, n.missingContacts?.length ? `缺少联系人:${n.missingContacts.join('、')}` : ''].filter(Boolean).join(';'), class: 'small' },
            ]}
          />
          <h2>{`缺少联系人的单位(${missing.length})`}</h2>
          {missing.length ? (
            <>
              <p class="notice">
                这些单位没有联系人邮箱,提醒和催办发不到它们。请在<a href="#/admin">管理</a>中补充联系邮箱。
              </p>
              <DataTable
                title="缺少联系人的单位"
                rows={missing}
                filter={false}
                rowKey={(m) => m.department}
                columns={[
                  { label: '单位', value: (m) => m.department },
                  { label: '因此未送达的提醒', value: (m) => m.notifications.length, class: 'num' },
                  { label: '最近', value: (m) => m.notifications[0]?.subject ?? '' },
                ]}
              />
            </>
          ) : (
            <p class="success">所有单位都设置了联系人邮箱。</p>
          )}
          {outbox.length ? (
            <>
              <h2>{`发件箱(未配置 SMTP 时保存的邮件,${outbox.length} 封)`}</h2>
              <DataTable
                title="发件箱"
                rows={outbox}
                rowKey={(o) => o.key}
                columns={[
                  { label: '保存时间', value: (o) => fmtTime(o.storedAt), class: 'nowrap' },
                  { label: '主题', value: (o) => o.subject, render: (o) => <a href={`/api/outbox/${encodeURIComponent(o.key)}`}>{o.subject}</a> },
                  { label: '收件人', value: (o) => [...o.to, ...o.cc].join('、') },
                ]}
              />
            </>
          ) : null}
        </>
      )}
    </Loaded>
  );
}
