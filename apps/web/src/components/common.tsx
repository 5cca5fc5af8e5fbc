// Small shared pieces: page title, error box, traffic light, days left, kind and archived badges, departments.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { isCompletedStatus, KIND_LABELS, LIGHT_LABELS, type ItemKindValue, type TrafficLight } from '../../../../libs/contracts/src/index.js';
import { messagesOfError } from '../api.js';

export function PageTitle({ text, children }: { text: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${text} · 督办`;
  }, [text]);
  return (
    <div class="page-head">
      <h1>{text}</h1>
      {children}
    </div>
  );
}

export function ErrorBox({ error, fallback = '页面出错了,请刷新后重试。' }: { error: unknown; fallback?: string }) {
  return (
    <div class="error" role="alert">
      {messagesOfError(error, fallback).map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

export function Light({ value, reasons = [] }: { value: TrafficLight; reasons?: string[] }) {
  return (
    <span class={`light light-${value}`} title={reasons.join(';') || LIGHT_LABELS[value]}>
      <span class="dot" aria-hidden="true" />
      {LIGHT_LABELS[value] ?? value}
    </span>
  );
}

export interface DaysLeftRow {
  daysLeft: number | null;
  overdue: boolean;
  status: string;
  deadlineKind?: string | null;
}

export function DaysLeft({ row }: { row: DaysLeftRow }) {
  if (row.daysLeft === null || row.daysLeft === undefined) return <span class="muted">{row.deadlineKind === 'ongoing' ? '持续推进' : '—'}</span>;
  if (row.overdue) return <span class="overdue">逾期 {-row.daysLeft} 天</span>;
  if (isCompletedStatus(row.status) || row.status === '暂缓') return <span class="muted">—</span>;
  if (row.daysLeft === 0) return <span class="soon">今日到期</span>;
  return <span class={row.daysLeft <= 7 ? 'soon' : ''}>剩 {row.daysLeft} 天</span>;
}

export function KindBadge({ kind }: { kind: ItemKindValue }) {
  return <span class={`badge kind-${kind}`}>{KIND_LABELS[kind] ?? kind}</span>;
}

/** "已归档" beside a plan's name wherever the plan is shown. */
export function ArchivedBadge({ archived }: { archived: boolean }) {
  return archived ? (
    <span class="badge archived" title="已归档:其事项不在在办列表中,也不再发送提醒">
      已归档
    </span>
  ) : null;
}

export function Departments({ lead, co }: { lead: string[]; co: string[] }) {
  return (
    <span class="depts">
      {lead.length ? (
        <span class="lead" title="牵头单位">
          {lead.join('、')}
        </span>
      ) : null}
      {co.length ? (
        <span class="co" title="配合单位">
          {co.join('、')}
        </span>
      ) : null}
      {!lead.length && !co.length ? <span class="muted">未分配</span> : null}
    </span>
  );
}

/** A filter drop-down: "全部" (no filter) first, then [value, text] options. */
export function FilterSelect({ name, label, options, value }: { name: string; label: string; options: [string | number, string][]; value: string }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        <option value="">全部</option>
        {options.map(([v, t]) => (
          <option key={v} value={String(v)} selected={String(v) === value}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Loading() {
  return <p class="muted">正在加载…</p>;
}

/** A page's loaded data: "正在加载…" first, the error when it failed, else the page. */
export function Loaded<T>({ state, children }: { state: { data: T | undefined; error: unknown }; children: (data: T) => ComponentChildren }) {
  if (state.data === undefined) return state.error ? <ErrorBox error={state.error} /> : <Loading />;
  return (
    <>
      {state.error ? <ErrorBox error={state.error} /> : null}
      {children(state.data)}
    </>
  );
}
