// 督办总览 (coordinating office): filters over every item, charts, overdue board, department
// ranking, one-click urge, bulk assignment and deadlines, extension requests, 销号 or 退回.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ITEM_STATUSES,
  LIGHT_LABELS,
  type BulkAssignmentRequest,
  type DashboardItemRow,
  type RankingRow,
  type DashboardItemsPage,
  type DepartmentRow,
  type ItemDetail,
  type PlanDetail,
  type PlanSummary,
  type PlanTreeNode,
  type SummaryResponse,
} from '../../../../libs/contracts/src/index.js';
import { download, get, messagesOfError, post, query } from '../api.js';
import { ColumnChart, StackedBars } from '../components/charts.js';
import { DaysLeft, ErrorBox, FilterSelect, Light, Loaded, Loading, PageTitle } from '../components/common.js';
import { DataTable } from '../components/data-table.js';
import { NoticeButton } from '../components/notice-button.js';
import { COLORS, STATUS_COLORS } from '../colors.js';
import { fmtTime, planName } from '../format.js';
import { useLoad } from '../load.js';
import { formDialog } from '../components/dialog.js';
import { Field } from '../components/form.js';
import { isCoordinator } from '../session.js';
import { toast } from '../toast.js';
import { DecideButtons, transitionDialog, urgeDialog } from './item.js';

const FILTERS = ['plan', 'section', 'department', 'role', 'light', 'status', 'due', 'deadlineFrom', 'deadlineTo', 'q', 'sort', 'dir', 'page'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const DUE: Record<string, string> = { overdue: '已逾期', week: '7 天内到期', month: '本月到期', quarter: '三个月内到期', none: '无期限' };

function flattenSections(nodes: PlanTreeNode[], out: { id: number; label: string }[] = [], depth = 0) {
  for (const n of nodes) {
    if (n.kind === 'section' || n.kind === 'group') out.push({ id: n.id, label: `${'  '.repeat(depth)}${n.number} ${n.title}` });
    if (n.children?.length) flattenSections(n.children, out, depth + 1);
  }
  return out;
}

const overviewHref = (filters: Partial<Filters>) => `#/overview${query(filters)}`;

export function OverviewPage({ params }: { params: URLSearchParams }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const state = useLoad(async () => {
    const [plans, depts, summary] = await Promise.all([
      get<PlanSummary[]>('/api/plans'),
      get<DepartmentRow[]>('/api/departments'),
      get<SummaryResponse>(`/api/dashboard/summary${query({ plan: filters.plan })}`),
    ]);
    const sections = filters.plan ? flattenSections((await get<PlanDetail>(`/api/plans/${filters.plan}`)).items) : [];
    return { plans, depts, summary, sections };
  });
  return <Loaded state={state}>{(d) => <Overview key={state.generation} {...d} filters={filters} reload={state.reload} />}</Loaded>;
}

function Tile({ label, value, cls, href, onClick }: { label: string; value: number; cls: string; href: string; onClick?: (e: Event) => void }) {
  return (
    <a class={`tile ${cls}`} href={href} onClick={onClick}>
      <span class="tile-value">{value}</span>
      <span class="tile-label">{label}</span>
    </a>
  );
}

/** Under a capped list: how many of how many are shown, and a link to the full filtered list. */
function FirstOf({ shown, total, filters }: { shown: number; total: number; filters: Partial<Filters> }) {
  return shown < total ? (
    <p class="muted">
      {`显示前 ${shown} 条,`}
      <a href={overviewHref(filters)}>{`查看全部 ${total} 条`}</a>
    </p>
  ) : null;
}

function UrgeButton({ r }: { r: DashboardItemRow }) {
  return (
    <button type="button" class="button small" aria-label={`催办 ${r.number} ${r.title}`} onClick={() => urgeDialog(r.id, `${r.number} ${r.title}(${r.lead.join('、')})`)}>
      催办
    </button>
  );
}

/** Write buttons are the office's; a 领导 reads the same page without them. */
const writes = isCoordinator;

/** 一键催办: every overdue item the department leads, one action, after a confirmation that says how many. */
function UrgeOverdueButton({ d, reload }: { d: RankingRow; reload: () => void }) {
  const run = async () => {
    const result = await formDialog({
      title: `一键催办:${d.name}`,
      label: '发送催办',
      body: (
        <>
          <p>{`将对${d.name}牵头的 ${d.overdue} 项逾期事项逐项发出催办。`}</p>
          <Field label="催办内容" names={['催办内容']}>
            <textarea name="message" rows={4} required maxLength={2000} defaultValue="以下事项已逾期,请抓紧办理,并于本月报送日前报送最新进展。" />
          </Field>
        </>
      ),
      submit: (data) => post<{ urged: number }>(`/api/departments/${d.departmentId}/urges/overdue`, { message: String(data.get('message') ?? '').trim() }),
    });
    if (result) {
      toast(`已催办${d.name}的 ${(result as { urged: number }).urged} 项逾期事项`, 'success');
      reload();
    }
  };
  return (
    <button type="button" class="button small" aria-label={`一键催办 ${d.name}`} onClick={run}>
      一键催办
    </button>
  );
}

function CloseButtons({ r, reload }: { r: DashboardItemRow; reload: () => void }) {
  // Both through the item's confirmation dialog: the coordinator reads the 办结情况 and evidence, writes the 销号意见 or 退回理由.
  const decide = async (action: 'close' | 'return') => {
    try {
      const item = await get<ItemDetail>(`/api/items/${r.id}`);
      if (await transitionDialog(item, action)) reload();
    } catch (e) {
      toast(messagesOfError(e, action === 'close' ? '销号失败' : '退回失败').join(';'), 'error');
    }
  };
  const close = () => decide('close');
  const giveBack = () => decide('return');
  return (
    <>
      <button type="button" class="button small primary" aria-label={`销号 ${r.number} ${r.title}`} onClick={close}>
        销号
      </button>{' '}
      <button type="button" class="button small" aria-label={`退回 ${r.number} ${r.title}`} onClick={giveBack}>
        退回
      </button>
    </>
  );
}

function Overview({
  plans,
  depts,
  summary,
  sections,
  filters,
  reload,
}: {
  plans: PlanSummary[];
  depts: DepartmentRow[];
  summary: SummaryResponse;
  sections: { id: number; label: string }[];
  filters: Filters;
  reload: () => void;
}) {
  const go = (changes: Partial<Filters>) => {
    location.hash = overviewHref({ ...filters, ...changes });
  };
  const formRef = useRef<HTMLFormElement>(null);
  const items = useLoad(() => get<DashboardItemsPage>(`/api/dashboard/items${query({ ...filters, pageSize: 50 })}`));
  useEffect(() => {
    // After filtering, show the filtered list rather than the top of the page.
    if (items.data && FILTERS.some((k) => filters[k])) formRef.current?.scrollIntoView();
  }, [items.data]);
  const submit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const next = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])) as Partial<Filters>;
    if (next.plan !== filters.plan) next.section = '';
    go({ ...next, page: '' });
  };
  const select = (name: keyof Filters, label: string, options: [string | number, string][]) => <FilterSelect name={name} label={label} options={options} value={filters[name]} />;
  const t = summary.totals;
  return (
    <>
      <PageTitle text="督办总览">
        <span class="muted small">{`统计截至 ${summary.today}`}</span>
      </PageTitle>
      <div class="tiles">
        <Tile label="事项" value={t.items} cls="" href="#/overview" />
        <Tile label="逾期" value={t.overdue} cls={t.overdue ? 'red' : ''} href={overviewHref({ due: 'overdue' })} />
        <Tile label={LIGHT_LABELS.yellow} value={t.light.yellow} cls={t.light.yellow ? 'yellow' : ''} href={overviewHref({ light: 'yellow' })} />
        <Tile
          label="待审批延期"
          value={t.pendingExtensions}
          cls={t.pendingExtensions ? 'yellow' : ''}
          href="#ext"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('ext')?.scrollIntoView();
          }}
        />
        <Tile label="待销号" value={t.waitingClose} cls={t.waitingClose ? 'purple' : ''} href={overviewHref({ status: '已完成(待审核)' })} />
      </div>
      <div class="charts">
        <StackedBars
          title="各方案事项状态"
          data={summary.byPlan.map((p) => ({ label: p.title, parts: ITEM_STATUSES.map((s) => ({ name: s, value: p.status[s] ?? 0, color: STATUS_COLORS[s] })) }))}
          legend={ITEM_STATUSES.map((s) => [s, STATUS_COLORS[s]])}
        />
        <StackedBars
          title="各牵头单位红绿灯"
          data={summary.ranking
            .filter((d) => d.lead > 0)
            .sort((a, b) => b.red - a.red || b.yellow - a.yellow)
            .slice(0, 15)
            .map((d) => ({
              label: d.name,
              parts: [
                { name: LIGHT_LABELS.red, value: d.red, color: COLORS.red },
                { name: LIGHT_LABELS.yellow, value: d.yellow, color: COLORS.yellow },
                { name: LIGHT_LABELS.green, value: d.green, color: COLORS.green },
              ],
            }))}
          legend={[
            [LIGHT_LABELS.red, COLORS.red],
            [LIGHT_LABELS.yellow, COLORS.yellow],
            [LIGHT_LABELS.green, COLORS.green],
          ]}
        />
        <ColumnChart
          title="月度趋势"
          labels={summary.trend.map((m) => `${Number(m.month.slice(5))}月`)}
          series={[
            { name: '报送进展', color: COLORS.blue, values: summary.trend.map((m) => m.reports) },
            { name: '迟报', color: COLORS.yellow, values: summary.trend.map((m) => m.late) },
            { name: '催办', color: COLORS.red, values: summary.trend.map((m) => m.urges) },
            { name: '销号', color: COLORS.green, values: summary.trend.map((m) => m.closed) },
          ]}
        />
      </div>
      <h2 id="ext">{`延期申请待审批(${summary.extensions.length})`}</h2>
      {summary.extensions.length ? (
        <DataTable
          title="待审批延期申请"
          rows={summary.extensions}
          filter={false}
          rowKey={(e) => e.id}
          columns={[
            { label: '事项', value: (e) => `${e.number} ${e.title}`, render: (e) => <a href={`#/items/${e.itemId}`}>{`${e.number} ${e.title}`}</a> },
            { label: '牵头单位', value: (e) => e.department },
            { label: '原期限', value: (e) => e.previousDeadline ?? '', class: 'nowrap' },
            { label: '申请期限', value: (e) => e.requestedDeadline, class: 'nowrap' },
            { label: '理由', value: (e) => e.reason },
            { label: '申请时间', value: (e) => fmtTime(e.createdAt), class: 'nowrap hide-sm' },
            ...(writes() ? [{ label: '审批', value: () => '', render: (e: (typeof summary.extensions)[number]) => <DecideButtons ext={e} done={reload} />, class: 'nowrap' }] : []),
          ]}
        />
      ) : (
        <p class="muted">没有待审批的延期申请。</p>
      )}
      <h2>{`已完成待销号(${t.waitingClose})`}</h2>
      <FirstOf shown={summary.waitingClose.length} total={t.waitingClose} filters={{ status: '已完成(待审核)' }} />
      {summary.waitingClose.length ? (
        <DataTable
          title="待销号事项"
          rows={summary.waitingClose}
          filter={false}
          rowKey={(r) => r.id}
          columns={[
            { label: '事项', value: (r) => `${r.number} ${r.title}`, render: (r) => <a href={`#/items/${r.id}`}>{`${r.number} ${r.title}`}</a> },
            { label: '牵头单位', value: (r) => r.lead.join('、') },
            { label: '期限', value: (r) => r.deadline ?? '', class: 'nowrap' },
            ...(writes() ? [{ label: '处理', value: () => '', render: (r: DashboardItemRow) => <CloseButtons r={r} reload={reload} />, class: 'nowrap' }] : []),
          ]}
        />
      ) : (
        <p class="muted">没有等待销号的事项。</p>
      )}
      <h2>事项</h2>
      <form class="filters" noValidate onSubmit={submit} ref={formRef}>
        {select(
          'plan',
          '方案',
          plans.filter((p) => p.current).map((p) => [p.id, planName(p)]),
        )}
        {sections.length
          ? select(
              'section',
              '章节',
              sections.map((s) => [s.id, s.label]),
            )
          : null}
        {select(
          'department',
          '单位',
          depts.map((d) => [d.id, d.name]),
        )}
        {select('role', '角色', [
          ['lead', '牵头'],
          ['co', '配合'],
        ])}
        {select('light', '红绿灯', Object.entries(LIGHT_LABELS))}
        {select(
          'status',
          '状态',
          ITEM_STATUSES.map((s) => [s, s]),
        )}
        {select('due', '期限', Object.entries(DUE))}
        <label>
          期限从
          <input type="date" name="deadlineFrom" defaultValue={filters.deadlineFrom} />
        </label>
        <label>
          到
          <input type="date" name="deadlineTo" defaultValue={filters.deadlineTo} />
        </label>
        <label>
          关键字
          <input type="search" name="q" defaultValue={filters.q} maxLength={100} />
        </label>
        <button type="submit" class="primary">
          筛选
        </button>
        <a class="button" href="#/overview">
          清除
        </a>
      </form>
      <div>{items.error ? <ErrorBox error={items.error} /> : items.data ? <ItemsTable page={items.data} filters={filters} go={go} depts={depts} reload={reload} /> : <Loading />}</div>
      <h2>{`逾期清单(${t.overdue})`}</h2>
      <FirstOf shown={summary.overdue.length} total={t.overdue} filters={{ due: 'overdue' }} />
      <DataTable
        title="逾期清单"
        rows={summary.overdue}
        empty="没有逾期事项"
        rowKey={(r) => r.id}
        columns={[
          { label: '逾期', value: (r) => -(r.daysLeft ?? 0), render: (r) => <span class="overdue">{`${-(r.daysLeft ?? 0)} 天`}</span>, class: 'nowrap' },
          {
            label: '事项',
            value: (r) => `${r.number} ${r.title}`,
            render: (r) => (
              <>
                <a href={`#/items/${r.id}`}>{`${r.number} ${r.title}`}</a>
                <div class="muted small">{r.planTitle}</div>
              </>
            ),
          },
          { label: '牵头单位', value: (r) => r.lead.join('、') },
          { label: '期限', value: (r) => r.deadline ?? '', class: 'nowrap' },
          { label: '状态', value: (r) => r.status, class: 'nowrap' },
          ...(writes()
            ? [{ label: '', value: () => '', render: (r: DashboardItemRow) => (r.lead.length ? <UrgeButton r={r} /> : <span class="muted small">未分配牵头单位</span>), class: 'nowrap' }]
            : []),
        ]}
      />
      <h2>单位排名</h2>
      <p class="muted small">按时率 = 在办牵头事项中未逾期的比例;报送率 = 在办牵头事项中本月已报送进展的比例。</p>
      <DataTable
        title="单位排名"
        rows={summary.ranking}
        rowKey={(d) => d.departmentId}
        columns={[
          { label: '名次', value: (d) => d.rank, class: 'num' },
          { label: '单位', value: (d) => d.name, render: (d) => <a href={`#/workbench${query({ department: d.departmentId })}`}>{d.name}</a> },
          { label: '牵头', value: (d) => d.lead, class: 'num' },
          { label: '配合', value: (d) => d.co, class: 'num hide-sm' },
          { label: '逾期', value: (d) => d.overdue, class: 'num' },
          { label: LIGHT_LABELS.red, value: (d) => d.red, class: 'num hide-sm' },
          { label: LIGHT_LABELS.yellow, value: (d) => d.yellow, class: 'num hide-sm' },
          { label: '销号', value: (d) => d.closed, class: 'num hide-sm' },
          { label: '本月未报', value: (d) => d.missingThisMonth, class: 'num' },
          { label: '迟报', value: (d) => d.lateReports, class: 'num hide-sm' },
          { label: '按时率%', value: (d) => d.onTimeRate, class: 'num' },
          { label: '报送率%', value: (d) => d.reportRate, class: 'num hide-sm' },
          ...(writes() ? [{ label: '一键催办', value: () => '', render: (d: RankingRow) => (d.overdue > 0 ? <UrgeOverdueButton d={d} reload={reload} /> : null), class: 'nowrap' }] : []),
        ]}
      />
    </>
  );
}

function ItemsTable({ page, filters, go, depts, reload }: { page: DashboardItemsPage; filters: Filters; go: (c: Partial<Filters>) => void; depts: DepartmentRow[]; reload: () => void }) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulkError, setBulkError] = useState<unknown>(null);
  const lead = useRef<HTMLSelectElement>(null);
  const co = useRef<HTMLSelectElement>(null);
  const deadline = useRef<HTMLInputElement>(null);
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const sortHead = (label: string, key: string) => {
    const active = filters.sort === key;
    const dir = active && filters.dir !== 'desc' ? 'desc' : 'asc';
    return (
      <th scope="col" aria-sort={active ? (filters.dir === 'desc' ? 'descending' : 'ascending') : 'none'}>
        <button type="button" class="sort" onClick={() => go({ sort: key, dir, page: '' })}>
          {label}
        </button>
      </th>
    );
  };
  const bulk = async (e: Event) => {
    e.preventDefault();
    setBulkError(null);
    if (!selected.size) return setBulkError('请先勾选事项');
    const coIds = [...(co.current?.selectedOptions ?? [])].map((o) => Number(o.value));
    const leadId = lead.current?.value ?? '';
    const due = deadline.current?.value.trim() ?? '';
    if (!leadId && !coIds.length && !due) return setBulkError('请选择牵头单位、配合单位或填写期限');
    const body: BulkAssignmentRequest = { itemIds: [...selected] };
    if (leadId) body.lead = Number(leadId);
    if (coIds.length) body.co = coIds;
    if (due) body.deadline = due;
    try {
      const result = await post<{ updated: number }>('/api/assignments/bulk', body);
      toast(`已更新 ${result.updated} 个事项`, 'success');
      reload();
    } catch (err) {
      setBulkError(err);
    }
  };
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const c = page.counts;
  const allChecked = page.items.length > 0 && page.items.every((r) => selected.has(r.id));
  return (
    <div>
      <div class="table-tools">
        <span>
          {`共 ${page.total} 条:`}
          <span class="light-count red">{`红 ${c.light.red}`}</span>
          <span class="light-count yellow">{`黄 ${c.light.yellow}`}</span>
          <span class="light-count green">{`绿 ${c.light.green}`}</span>
        </span>
        <button
          type="button"
          class="button small"
          onClick={() =>
            download('GET', `/api/dashboard/items.xlsx${query({ ...filters, page: '' })}`, undefined, '事项总览.xlsx').catch((e: unknown) => toast(messagesOfError(e, '导出失败').join(';'), 'error'))
          }
        >
          导出全部筛选结果
        </button>
      </div>
      {writes() ? (
        <form class="bulk" noValidate onSubmit={bulk} aria-label="批量分配">
          <strong>批量:</strong>
          <span class="muted">{selected.size ? `已选 ${selected.size} 项` : '未选择'}</span>
          <select ref={lead} name="lead" aria-label="新的牵头单位">
            <option value="">牵头单位不变</option>
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <select ref={co} name="co" multiple size={3} aria-label="新的配合单位" title="按住 Ctrl 多选;不选则配合单位不变">
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <input ref={deadline} type="text" name="deadline" placeholder="新期限:2025-06-30、年内…" maxLength={50} aria-label="新的期限" />
          <button type="submit">应用到所选事项</button>
        </form>
      ) : null}
      {writes() ? <NoticeButton itemIds={[...selected]} perDepartment label="为所选事项生成督办通知单(按牵头单位)" /> : null}
      <div>
        {typeof bulkError === 'string' ? (
          <div class="error" role="alert">
            {bulkError}
          </div>
        ) : bulkError ? (
          <ErrorBox error={bulkError} />
        ) : null}
      </div>
      <div class="table-wrap">
        <table class="data" aria-label="事项总览">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="全选本页"
                  checked={allChecked}
                  onChange={(e) => setSelected((e.currentTarget as HTMLInputElement).checked ? new Set(page.items.map((r) => r.id)) : new Set())}
                />
              </th>
              {sortHead('灯', 'light')}
              {sortHead('事项', 'order')}
              {sortHead('牵头单位', 'lead')}
              <th class="hide-sm">配合单位</th>
              {sortHead('期限', 'deadline')}
              {sortHead('剩余/逾期', 'daysLeft')}
              {sortHead('状态', 'status')}
              <th>
                <span class="sr-only">催办</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.length === 0 ? (
              <tr>
                <td colSpan={9} class="muted">
                  没有符合条件的事项
                </td>
              </tr>
            ) : null}
            {page.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <input type="checkbox" aria-label={`选择 ${r.number} ${r.title}`} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, (e.currentTarget as HTMLInputElement).checked)} />
                </td>
                <td>
                  <Light value={r.light} reasons={r.lightReasons} />
                </td>
                <td>
                  <a href={`#/items/${r.id}`}>{`${r.number} ${r.title}`}</a>
                  <div class="muted small">
                    {r.planTitle}
                    {r.section ? ` / ${r.section}` : ''}
                  </div>
                </td>
                <td>{r.lead.join('、') || <span class="muted">未分配</span>}</td>
                <td class="hide-sm small">{r.co.join('、') || '—'}</td>
                <td class="nowrap">
                  {r.dueText ?? '—'}
                  {r.deadline && r.deadline !== r.dueText ? <div class="muted small">{r.deadline}</div> : null}
                </td>
                <td class="nowrap">
                  <DaysLeft row={r} />
                </td>
                <td class="nowrap">{r.status}</td>
                <td>{writes() && r.status !== '已销号' && r.lead.length ? <UrgeButton r={r} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav class="pager" aria-label="分页">
          {page.page > 1 ? (
            <button type="button" class="button small" onClick={() => go({ page: String(page.page - 1) })}>
              上一页
            </button>
          ) : null}
          {` 第 ${page.page} / ${pages} 页 `}
          {page.page < pages ? (
            <button type="button" class="button small" onClick={() => go({ page: String(page.page + 1) })}>
              下一页
            </button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
