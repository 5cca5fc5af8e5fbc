// 督办总览 (coordinating office): filters over every item, charts, overdue board, department
// ranking, one-click urge, bulk assignment and deadlines, extension requests, 销号 or 退回.
import { ApiError, download, get, post, query } from '../api.js';
import { filterSelect, h, mount, toast } from '../dom.js';
import { decideButtons, urgeDialog } from './item.js';
import {
  COLORS,
  columnChart,
  dataTable,
  daysLeft,
  dialog,
  errorBox,
  field,
  fmtTime,
  light,
  LIGHT_LABEL,
  pageTitle,
  stackedBars,
  STATUS_COLORS,
  STATUSES,
} from '../ui.js';

const FILTERS = ['plan', 'section', 'department', 'role', 'light', 'status', 'due', 'deadlineFrom', 'deadlineTo', 'q', 'sort', 'dir', 'page'];
const DUE = { overdue: '已逾期', week: '7 天内到期', month: '本月到期', quarter: '三个月内到期', none: '无期限' };

function flattenSections(nodes, out = [], depth = 0) {
  for (const n of nodes) {
    if (n.kind === 'section' || n.kind === 'group') out.push({ id: n.id, label: `${'  '.repeat(depth)}${n.number} ${n.title}` });
    if (n.children?.length) flattenSections(n.children, out, depth + 1);
  }
  return out;
}

export async function overviewPage(params) {
  const app = document.getElementById('app');
  const state = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']));
  const [plans, depts, summary] = await Promise.all([get('/api/plans'), get('/api/departments'), get(`/api/dashboard/summary${query({ plan: state.plan })}`)]);
  const sections = state.plan ? flattenSections((await get(`/api/plans/${state.plan}`)).items) : [];
  const go = (changes) => {
    const next = { ...state, ...changes };
    location.hash = `#/overview${query(next)}`;
  };
  const reload = () => overviewPage(params).catch((e) => mount(app, errorBox(e)));

  // ---- filters
  const select = (name, label, options) => filterSelect(name, label, options, state[name]);
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e) => {
        e.preventDefault();
        const data = new FormData(form);
        const next = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
        if (next.plan !== state.plan) next.section = '';
        go({ ...next, page: '' });
      },
    },
    select('plan', '方案', plans.filter((p) => p.current).map((p) => [p.id, p.title ?? p.sourceFileName])),
    sections.length ? select('section', '章节', sections.map((s) => [s.id, s.label])) : null,
    select('department', '单位', depts.map((d) => [d.id, d.name])),
    select('role', '角色', [['lead', '牵头'], ['co', '配合']]),
    select('light', '红绿灯', Object.entries(LIGHT_LABEL)),
    select('status', '状态', STATUSES.map((s) => [s, s])),
    select('due', '期限', Object.entries(DUE)),
    h('label', {}, '期限从', h('input', { type: 'date', name: 'deadlineFrom', value: state.deadlineFrom })),
    h('label', {}, '到', h('input', { type: 'date', name: 'deadlineTo', value: state.deadlineTo })),
    h('label', {}, '关键字', h('input', { type: 'search', name: 'q', value: state.q, maxlength: 100 })),
    h('button', { type: 'submit', class: 'primary' }, '筛选'),
    h('a', { class: 'button', href: '#/overview' }, '清除'),
  );

  // ---- numbers and charts
  const t = summary.totals;
  const tile = (label, value, cls, href) =>
    h('a', { class: `tile ${cls}`, href, onclick: href.startsWith('#ext') ? (e) => (e.preventDefault(), document.getElementById('ext')?.scrollIntoView()) : null }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
  const tiles = h(
    'div',
    { class: 'tiles' },
    tile('事项', t.items, '', '#/overview'),
    tile('逾期', t.overdue, t.overdue ? 'red' : '', `#/overview${query({ due: 'overdue' })}`),
    tile(LIGHT_LABEL.yellow, t.light.yellow, t.light.yellow ? 'yellow' : '', `#/overview${query({ light: 'yellow' })}`),
    tile('待审批延期', t.pendingExtensions, t.pendingExtensions ? 'yellow' : '', '#ext'),
    tile('待销号', t.waitingClose, t.waitingClose ? 'purple' : '', `#/overview${query({ status: '已完成(待审核)' })}`),
  );
  const charts = h(
    'div',
    { class: 'charts' },
    stackedBars(
      '各方案事项状态',
      summary.byPlan.map((p) => ({ label: p.title, parts: STATUSES.map((s) => ({ name: s, value: p.status[s] ?? 0, color: STATUS_COLORS[s] })) })),
      STATUSES.map((s) => [s, STATUS_COLORS[s]]),
    ),
    stackedBars(
      '各牵头单位红绿灯',
      summary.ranking.filter((d) => d.lead > 0).sort((a, b) => b.red - a.red || b.yellow - a.yellow).slice(0, 15).map((d) => ({ label: d.name, parts: [
        { name: '红灯', value: d.red, color: COLORS.red },
        { name: '黄灯', value: d.yellow, color: COLORS.yellow },
        { name: '绿灯', value: d.green, color: COLORS.green },
      ] })),
      [['红灯', COLORS.red], ['黄灯', COLORS.yellow], ['绿灯', COLORS.green]],
    ),
    columnChart('月度趋势', summary.trend.map((m) => `${Number(m.month.slice(5))}月`), [
      { name: '报送进展', color: COLORS.blue, values: summary.trend.map((m) => m.reports) },
      { name: '迟报', color: COLORS.yellow, values: summary.trend.map((m) => m.late) },
      { name: '催办', color: COLORS.red, values: summary.trend.map((m) => m.urges) },
      { name: '销号', color: COLORS.green, values: summary.trend.map((m) => m.closed) },
    ]),
  );

  const results = h('div', {}, h('p', { class: 'muted' }, '正在查询…'));
  mount(
    app,
    pageTitle('督办总览', h('span', { class: 'muted small' }, `统计截至 ${summary.today}`)),
    tiles,
    charts,
    h('h2', { id: 'ext' }, `延期申请待审批(${summary.extensions.length})`),
    summary.extensions.length
      ? dataTable({
          title: '待审批延期申请',
          rows: summary.extensions,
          filter: false,
          columns: [
            { label: '事项', value: (e) => `${e.number} ${e.title}`, render: (e) => h('a', { href: `#/items/${e.itemId}` }, `${e.number} ${e.title}`) },
            { label: '牵头单位', value: (e) => e.department },
            { label: '原期限', value: (e) => e.previousDeadline ?? '', class: 'nowrap' },
            { label: '申请期限', value: (e) => e.requestedDeadline, class: 'nowrap' },
            { label: '理由', value: (e) => e.reason },
            { label: '申请时间', value: (e) => fmtTime(e.createdAt), class: 'nowrap hide-sm' },
            { label: '审批', value: () => '', render: (e) => decideButtons(e, reload), class: 'nowrap' },
          ],
        })
      : h('p', { class: 'muted' }, '没有待审批的延期申请。'),
    h('h2', {}, `已完成待销号(${t.waitingClose})`),
    firstOf(summary.waitingClose.length, t.waitingClose, { status: '已完成(待审核)' }),
    summary.waitingClose.length
      ? dataTable({
          title: '待销号事项',
          rows: summary.waitingClose,
          filter: false,
          columns: [
            { label: '事项', value: (r) => `${r.number} ${r.title}`, render: (r) => h('a', { href: `#/items/${r.id}` }, `${r.number} ${r.title}`) },
            { label: '牵头单位', value: (r) => r.lead.join('、') },
            { label: '期限', value: (r) => r.deadline ?? '', class: 'nowrap' },
            { label: '处理', value: () => '', render: (r) => closeButtons(r, reload), class: 'nowrap' },
          ],
        })
      : h('p', { class: 'muted' }, '没有等待销号的事项。'),
    h('h2', {}, '事项'),
    form,
    results,
    h('h2', {}, `逾期清单(${t.overdue})`),
    firstOf(summary.overdue.length, t.overdue, { due: 'overdue' }),
    dataTable({
      title: '逾期清单',
      rows: summary.overdue,
      empty: '没有逾期事项',
      columns: [
        { label: '逾期', value: (r) => -(r.daysLeft ?? 0), render: (r) => h('span', { class: 'overdue' }, `${-(r.daysLeft ?? 0)} 天`), class: 'nowrap' },
        { label: '事项', value: (r) => `${r.number} ${r.title}`, render: (r) => [h('a', { href: `#/items/${r.id}` }, `${r.number} ${r.title}`), h('div', { class: 'muted small' }, r.planTitle)] },
        { label: '牵头单位', value: (r) => r.lead.join('、') },
        { label: '期限', value: (r) => r.deadline ?? '', class: 'nowrap' },
        { label: '状态', value: (r) => r.status, class: 'nowrap' },
        { label: '', value: () => '', render: (r) => urgeButton(r), class: 'nowrap' },
      ],
    }),
    h('h2', {}, '单位排名'),
    h('p', { class: 'muted small' }, '按时率 = 在办牵头事项中未逾期的比例;报送率 = 在办牵头事项中本月已报送进展的比例。'),
    dataTable({
      title: '单位排名',
      rows: summary.ranking,
      columns: [
        { label: '名次', value: (d) => d.rank, class: 'num' },
        { label: '单位', value: (d) => d.name, render: (d) => h('a', { href: `#/workbench${query({ department: d.departmentId })}` }, d.name) },
        { label: '牵头', value: (d) => d.lead, class: 'num' },
        { label: '配合', value: (d) => d.co, class: 'num hide-sm' },
        { label: '逾期', value: (d) => d.overdue, class: 'num' },
        { label: '红灯', value: (d) => d.red, class: 'num hide-sm' },
        { label: '黄灯', value: (d) => d.yellow, class: 'num hide-sm' },
        { label: '销号', value: (d) => d.closed, class: 'num hide-sm' },
        { label: '本月未报', value: (d) => d.missingThisMonth, class: 'num' },
        { label: '迟报', value: (d) => d.lateReports, class: 'num hide-sm' },
        { label: '按时率%', value: (d) => d.onTimeRate, class: 'num' },
        { label: '报送率%', value: (d) => d.reportRate, class: 'num hide-sm' },
      ],
    }),
  );

  try {
    const page = await get(`/api/dashboard/items${query({ ...state, pageSize: 50 })}`);
    mount(results, itemsTable(page, state, go, depts, reload));
    // After filtering, show the filtered list rather than the top of the page.
    if (FILTERS.some((k) => state[k])) form.scrollIntoView();
  } catch (e) {
    mount(results, errorBox(e));
  }
}

/** Under a capped list: how many of how many are shown, and a link to the full filtered list. */
function firstOf(shown, total, filters) {
  return shown < total ? h('p', { class: 'muted' }, `显示前 ${shown} 条,`, h('a', { href: `#/overview${query(filters)}` }, `查看全部 ${total} 条`)) : null;
}

function urgeButton(r) {
  return h('button', { type: 'button', class: 'button small', 'aria-label': `催办 ${r.number} ${r.title}`, onclick: () => urgeDialog(r.id, `${r.number} ${r.title}(${r.lead.join('、')})`) }, '催办');
}

function closeButtons(r, reload) {
  return [
    h('button', { type: 'button', class: 'button small primary', 'aria-label': `销号 ${r.number} ${r.title}`, onclick: async () => {
      try {
        const item = await get(`/api/items/${r.id}`);
        await post(`/api/items/${r.id}/transitions`, { action: 'close', version: item.version });
        toast(`已销号:${r.number} ${r.title}`, 'success');
        reload();
      } catch (e) {
        toast(e instanceof ApiError ? e.messages.join(';') : '销号失败', 'error');
      }
    } }, '销号'),
    ' ',
    h('button', { type: 'button', class: 'button small', onclick: async () => {
      const item = await get(`/api/items/${r.id}`);
      const ok = await dialog(`退回:${r.number} ${r.title}`, () => {
        const reason = h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 2000 });
        return { body: field('退回理由', reason, ['reason', '理由']), label: '退回', submit: () => post(`/api/items/${r.id}/transitions`, { action: 'return', reason: reason.value.trim(), version: item.version }) };
      });
      if (ok) (toast('已退回', 'success'), reload());
    } }, '退回'),
  ];
}

function itemsTable(page, state, go, depts, reload) {
  const selected = new Set();
  const sortHead = (label, key) => {
    const active = state.sort === key;
    const dir = active && state.dir !== 'desc' ? 'desc' : 'asc';
    return h('th', { scope: 'col', 'aria-sort': active ? (state.dir === 'desc' ? 'descending' : 'ascending') : 'none' }, h('button', { type: 'button', class: 'sort', onclick: () => go({ sort: key, dir, page: '' }) }, label));
  };
  const all = h('input', { type: 'checkbox', 'aria-label': '全选本页', onchange: () => {
    for (const box of table.querySelectorAll('tbody input[type=checkbox]')) {
      box.checked = all.checked;
      box.dispatchEvent(new Event('change'));
    }
  } });
  const count = h('span', { class: 'muted' }, '未选择');
  const table = h(
    'table',
    { class: 'data', 'aria-label': '事项总览' },
    h('thead', {}, h('tr', {}, h('th', {}, all), sortHead('灯', 'light'), sortHead('事项', 'order'), sortHead('牵头单位', 'lead'), h('th', { class: 'hide-sm' }, '配合单位'), sortHead('期限', 'deadline'), sortHead('剩余/逾期', 'daysLeft'), sortHead('状态', 'status'), h('th', {}, ''))),
    h(
      'tbody',
      {},
      page.items.length === 0 ? h('tr', {}, h('td', { colspan: 9, class: 'muted' }, '没有符合条件的事项')) : null,
      page.items.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, h('input', { type: 'checkbox', 'aria-label': `选择 ${r.number} ${r.title}`, onchange: (e) => {
            if (e.target.checked) selected.add(r.id);
            else selected.delete(r.id);
            count.textContent = selected.size ? `已选 ${selected.size} 项` : '未选择';
          } })),
          h('td', {}, light(r.light, r.lightReasons)),
          h('td', {}, h('a', { href: `#/items/${r.id}` }, `${r.number} ${r.title}`), h('div', { class: 'muted small' }, r.planTitle, r.section ? ` / ${r.section}` : '')),
          h('td', {}, r.lead.join('、') || h('span', { class: 'muted' }, '未分配')),
          h('td', { class: 'hide-sm small' }, r.co.join('、') || '—'),
          h('td', { class: 'nowrap' }, r.dueText ?? '—', r.deadline && r.deadline !== r.dueText ? h('div', { class: 'muted small' }, r.deadline) : null),
          h('td', { class: 'nowrap' }, daysLeft(r)),
          h('td', { class: 'nowrap' }, r.status),
          h('td', {}, r.status !== '已销号' && r.lead.length ? urgeButton(r) : null),
        ),
      ),
    ),
  );
  // bulk assignment and deadlines for the selected items
  const lead = h('select', { name: 'lead', 'aria-label': '新的牵头单位' }, h('option', { value: '' }, '牵头单位不变'), depts.map((d) => h('option', { value: d.id }, d.name)));
  const co = h('select', { name: 'co', multiple: true, size: 3, 'aria-label': '新的配合单位', title: '按住 Ctrl 多选;不选则配合单位不变' }, depts.map((d) => h('option', { value: d.id }, d.name)));
  const deadline = h('input', { type: 'text', name: 'deadline', placeholder: '新期限:2025-06-30、年内…', maxlength: 50, 'aria-label': '新的期限' });
  const bulkError = h('div');
  const bulk = h(
    'form',
    {
      class: 'bulk',
      onsubmit: async (e) => {
        e.preventDefault();
        bulkError.replaceChildren();
        if (!selected.size) return mount(bulkError, h('div', { class: 'error', role: 'alert' }, '请先勾选事项'));
        const coIds = [...co.selectedOptions].map((o) => Number(o.value));
        if (!lead.value && !coIds.length && !deadline.value.trim()) return mount(bulkError, h('div', { class: 'error', role: 'alert' }, '请选择牵头单位、配合单位或填写期限'));
        const body = { itemIds: [...selected] };
        if (lead.value) body.lead = Number(lead.value);
        if (coIds.length) body.co = coIds;
        if (deadline.value.trim()) body.deadline = deadline.value.trim();
        try {
          const result = await post('/api/assignments/bulk', body);
          toast(`已更新 ${result.updated} 个事项`, 'success');
          reload();
        } catch (err) {
          mount(bulkError, errorBox(err));
        }
      },
    },
    h('strong', {}, '批量:'),
    count,
    lead,
    co,
    deadline,
    h('button', { type: 'submit' }, '应用到所选事项'),
  );
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const c = page.counts;
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'table-tools' },
      h('span', {}, `共 ${page.total} 条:`, h('span', { class: 'light-count red' }, `红 ${c.light.red}`), h('span', { class: 'light-count yellow' }, `黄 ${c.light.yellow}`), h('span', { class: 'light-count green' }, `绿 ${c.light.green}`)),
      h('button', { type: 'button', class: 'button small', onclick: () => download('GET', `/api/dashboard/items.xlsx${query({ ...state, page: '' })}`, undefined, '事项总览.xlsx').catch((e) => toast(e.messages?.join(';') ?? '导出失败', 'error')) }, '导出全部筛选结果'),
    ),
    bulk,
    bulkError,
    h('div', { class: 'table-wrap' }, table),
    pages > 1
      ? h('nav', { class: 'pager' }, page.page > 1 ? h('button', { type: 'button', class: 'button small', onclick: () => go({ page: page.page - 1 }) }, '上一页') : null, ` 第 ${page.page} / ${pages} 页 `, page.page < pages ? h('button', { type: 'button', class: 'button small', onclick: () => go({ page: page.page + 1 }) }, '下一页') : null)
      : null,
  );
}
