// 工作台: a department's start page.
import { EXTENSION_STATE_LABELS, LIGHT_LABELS, REPORT_STATE_LABELS, type DepartmentRow, type WorkbenchResponse, type WorkbenchRow } from '../../../../libs/contracts/src/index.js';
import { get, query } from '../api.js';
import { DaysLeft, Light, Loaded, PageTitle } from '../components/common.js';
import { type Column, DataTable } from '../components/data-table.js';
import { fmtTime } from '../format.js';
import { useLoad } from '../load.js';
import { readsAsOffice, session } from '../session.js';

const LIGHT_ORDER = { red: 0, yellow: 1, green: 2 } as const;

function ReportState({ r }: { r: Pick<WorkbenchRow, 'myReport'> }) {
  if (!r.myReport) return <span class="tag warn">未填写</span>;
  if (r.myReport.state === 'draft') return <span class="tag warn">{REPORT_STATE_LABELS.draft}</span>;
  return <span class="tag ok">{r.myReport.late ? `${REPORT_STATE_LABELS.submitted}(迟报)` : REPORT_STATE_LABELS.submitted}</span>;
}

function itemColumns(withReport: boolean): (Column<WorkbenchRow> | null)[] {
  return [
    { label: '灯', value: (r) => LIGHT_ORDER[r.light], render: (r) => <Light value={r.light} reasons={r.lightReasons} /> },
    { label: '编号', value: (r) => r.number, class: 'nowrap' },
    {
      label: '事项',
      value: (r) => r.title,
      render: (r) => (
        <>
          <a href={`#/items/${r.id}`}>{r.title}</a>
          <div class="muted small">{r.planTitle}</div>
        </>
      ),
    },
    { label: '牵头单位', value: (r) => r.lead.join('、'), class: 'hide-sm' },
    {
      label: '完成时限',
      value: (r) => r.deadline ?? '',
      render: (r) => (
        <>
          {r.dueText ?? '—'}
          {r.deadline && r.deadline !== r.dueText ? <div class="muted small">{r.deadline}</div> : null}
        </>
      ),
      class: 'nowrap',
    },
    { label: '剩余/逾期', value: (r) => r.daysLeft ?? 99999, render: (r) => <DaysLeft row={r} />, class: 'nowrap' },
    { label: '状态', value: (r) => r.status, class: 'nowrap' },
    withReport ? { label: '本月进展', value: (r) => (r.myReport ? REPORT_STATE_LABELS[r.myReport.state] : '未填写'), render: (r) => <ReportState r={r} />, class: 'nowrap' } : null,
  ];
}

function DepartmentPicker({ depts, current }: { depts: DepartmentRow[]; current: number | '' }) {
  return (
    <select aria-label="选择单位" onChange={(e) => (location.hash = `#/workbench${query({ department: (e.currentTarget as HTMLSelectElement).value })}`)}>
      <option value="">选择单位…</option>
      {depts.map((d) => (
        <option key={d.id} value={d.id} selected={d.id === current}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

type Data = { kind: 'pick'; depts: DepartmentRow[] } | { kind: 'page'; data: WorkbenchResponse; depts: DepartmentRow[] };

export function WorkbenchPage({ params }: { params: URLSearchParams }) {
  const chosen = params.get('department');
  const state = useLoad<Data>(async () => {
    if (!session.user?.departmentId && !chosen) return { kind: 'pick', depts: await get<DepartmentRow[]>('/api/departments') };
    const data = await get<WorkbenchResponse>(`/api/dashboard/workbench${query({ department: chosen ?? '' })}`);
    const depts = readsAsOffice() ? await get<DepartmentRow[]>('/api/departments') : [];
    return { kind: 'page', data, depts };
  }, [chosen]);
  return (
    <Loaded state={state}>
      {(d) =>
        d.kind === 'pick' ? (
          <>
            <PageTitle text="工作台" />
            <p class="muted">您的账号不属于任何单位。请选择要查看的单位:</p>
            <DepartmentPicker depts={d.depts} current="" />
          </>
        ) : (
          <Workbench data={d.data} depts={d.depts} />
        )
      }
    </Loaded>
  );
}

function Tile({ label, value, cls = '' }: { label: string; value: number; cls?: string }) {
  return (
    <div class={`tile ${cls}`}>
      <span class="tile-value">{value}</span>
      <span class="tile-label">{label}</span>
    </div>
  );
}

function Workbench({ data, depts }: { data: WorkbenchResponse; depts: DepartmentRow[] }) {
  const c = data.counts;
  return (
    <>
      <PageTitle text={`工作台 · ${data.department.name}`}>{readsAsOffice() ? <DepartmentPicker depts={depts} current={data.department.id} /> : null}</PageTitle>
      <div class="tiles">
        <Tile label="牵头事项" value={c.lead} />
        <Tile label="配合事项" value={c.co} />
        <Tile label="牵头事项逾期" value={c.overdue} cls={c.overdue ? 'red' : ''} />
        <Tile label={`牵头事项${LIGHT_LABELS.yellow}`} value={c.yellow} cls={c.yellow ? 'yellow' : ''} />
        <Tile label={`${data.period} 待报送`} value={c.due} cls={c.due ? 'yellow' : ''} />
      </div>
      <h2>{`本月应报送(${data.period},报送截止 ${data.reportDueDate})`}</h2>
      {data.due.length ? (
        <ul class="due-list">
          {data.due.map((r) => (
            <li key={r.id}>
              <Light value={r.light} reasons={r.lightReasons} /> <a href={`#/items/${r.id}`}>{`${r.number} ${r.title}`}</a>
              <span class="badge">{r.role === 'lead' ? '牵头:汇总进展' : '配合:分工进展'}</span> <ReportState r={r} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="success">本月进展已全部报送。</p>
      )}
      <h2>{`最新催办(${data.urges.length})`}</h2>
      {data.urges.length ? (
        <ul class="urges">
          {data.urges.map((u) => (
            <li key={u.id}>
              <span class="muted small nowrap">{fmtTime(u.createdAt)}</span> <a href={`#/items/${u.itemId}`}>{`${u.number} ${u.title}`}</a>
              <span class="badge">{u.role === 'lead' ? '牵头' : '配合'}</span>
              <div class="urge-text">{u.message}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">没有收到催办。</p>
      )}
      <h2>{`牵头事项(${data.lead.length})`}</h2>
      <DataTable title={`${data.department.name}牵头事项`} columns={itemColumns(true)} rows={data.lead} empty="没有牵头事项" rowKey={(r) => r.id} />
      <h2>{`配合事项(${data.co.length})`}</h2>
      <DataTable title={`${data.department.name}配合事项`} columns={itemColumns(true)} rows={data.co} empty="没有配合事项" rowKey={(r) => r.id} />
      {data.extensions.length ? (
        <>
          <h2>延期申请</h2>
          <DataTable
            title="延期申请"
            filter={false}
            rows={data.extensions}
            rowKey={(e) => e.id}
            columns={[
              { label: '事项', value: (e) => `${e.number} ${e.title}`, render: (e) => <a href={`#/items/${e.itemId}`}>{`${e.number} ${e.title}`}</a> },
              { label: '原期限', value: (e) => e.previousDeadline ?? '', class: 'nowrap' },
              { label: '申请期限', value: (e) => e.requestedDeadline, class: 'nowrap' },
              { label: '结果', value: (e) => EXTENSION_STATE_LABELS[e.state], class: 'nowrap' },
              { label: '意见', value: (e) => e.decisionReason ?? '' },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
