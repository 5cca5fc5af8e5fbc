// 工作台: a department's start page.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';
import { dataTable, daysLeft, fmtTime, isCoordinator, light, LIGHT_LABEL, pageTitle, session } from '../ui.js';

const REPORT_STATE = { draft: '草稿未报送', submitted: '已报送' };

function itemColumns(withReport) {
  return [
    { label: '灯', value: (r) => ({ red: 0, yellow: 1, green: 2 })[r.light], render: (r) => light(r.light, r.lightReasons) },
    { label: '编号', value: (r) => r.number, class: 'nowrap' },
    { label: '事项', value: (r) => r.title, render: (r) => [h('a', { href: `#/items/${r.id}` }, r.title), h('div', { class: 'muted small' }, r.planTitle)] },
    { label: '牵头单位', value: (r) => r.lead.join('、'), class: 'hide-sm' },
    { label: '完成时限', value: (r) => r.deadline ?? '', render: (r) => [r.dueText ?? '—', r.deadline && r.deadline !== r.dueText ? h('div', { class: 'muted small' }, r.deadline) : null], class: 'nowrap' },
    { label: '剩余/逾期', value: (r) => r.daysLeft ?? 99999, render: daysLeft, class: 'nowrap' },
    { label: '状态', value: (r) => r.status, class: 'nowrap' },
    withReport ? { label: '本月进展', value: (r) => (r.myReport ? REPORT_STATE[r.myReport.state] : '未填写'), render: (r) => reportState(r), class: 'nowrap' } : null,
  ].filter(Boolean);
}

function reportState(r) {
  if (!r.myReport) return h('span', { class: 'tag warn' }, '未填写');
  if (r.myReport.state === 'draft') return h('span', { class: 'tag warn' }, '草稿未报送');
  return h('span', { class: 'tag ok' }, r.myReport.late ? '已报送(迟报)' : '已报送');
}

export async function workbenchPage(params) {
  const chosen = params.get('department');
  if (!session.user?.departmentId && !chosen) {
    const depts = await get('/api/departments');
    return mount(
      document.getElementById('app'),
      pageTitle('工作台'),
      h('p', { class: 'muted' }, '您的账号不属于任何单位。请选择要查看的单位:'),
      departmentPicker(depts, ''),
    );
  }
  const data = await get(`/api/dashboard/workbench${query({ department: chosen ?? '' })}`);
  const depts = isCoordinator() ? await get('/api/departments') : [];
  const c = data.counts;
  const tile = (label, value, cls = '') => h('div', { class: `tile ${cls}` }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
  mount(
    document.getElementById('app'),
    pageTitle(`工作台 · ${data.department.name}`, isCoordinator() ? departmentPicker(depts, data.department.id) : null),
    h(
      'div',
      { class: 'tiles' },
      tile('牵头事项', c.lead),
      tile('配合事项', c.co),
      tile('牵头事项逾期', c.overdue, c.overdue ? 'red' : ''),
      tile(`牵头事项${LIGHT_LABEL.yellow}`, c.yellow, c.yellow ? 'yellow' : ''),
      tile(`${data.period} 待报送`, c.due, c.due ? 'yellow' : ''),
    ),
    h('h2', {}, `本月应报送(${data.period},报送截止 ${data.reportDueDate})`),
    data.due.length
      ? h(
          'ul',
          { class: 'due-list' },
          data.due.map((r) =>
            h(
              'li',
              {},
              light(r.light, r.lightReasons),
              ' ',
              h('a', { href: `#/items/${r.id}` }, `${r.number} ${r.title}`),
              h('span', { class: 'badge' }, r.role === 'lead' ? '牵头:汇总进展' : '配合:分工进展'),
              ' ',
              reportState(r),
            ),
          ),
        )
      : h('p', { class: 'success' }, '本月进展已全部报送。'),
    h('h2', {}, `最新催办(${data.urges.length})`),
    data.urges.length
      ? h(
          'ul',
          { class: 'urges' },
          data.urges.map((u) =>
            h('li', {}, h('span', { class: 'muted small nowrap' }, fmtTime(u.createdAt)), ' ', h('a', { href: `#/items/${u.itemId}` }, `${u.number} ${u.title}`), h('span', { class: 'badge' }, u.role === 'lead' ? '牵头' : '配合'), h('div', { class: 'urge-text' }, u.message)),
          ),
        )
      : h('p', { class: 'muted' }, '没有收到催办。'),
    h('h2', {}, `牵头事项(${data.lead.length})`),
    dataTable({ title: `${data.department.name}牵头事项`, columns: itemColumns(true), rows: data.lead, empty: '没有牵头事项' }),
    h('h2', {}, `配合事项(${data.co.length})`),
    dataTable({ title: `${data.department.name}配合事项`, columns: itemColumns(true), rows: data.co, empty: '没有配合事项' }),
    data.extensions.length
      ? [
          h('h2', {}, '延期申请'),
          dataTable({
            title: '延期申请',
            filter: false,
            rows: data.extensions,
            columns: [
              { label: '事项', value: (e) => `${e.number} ${e.title}`, render: (e) => h('a', { href: `#/items/${e.itemId}` }, `${e.number} ${e.title}`) },
              { label: '原期限', value: (e) => e.previousDeadline ?? '' , class: 'nowrap' },
              { label: '申请期限', value: (e) => e.requestedDeadline, class: 'nowrap' },
              { label: '结果', value: (e) => ({ pending: '待审批', approved: '已批准', rejected: '已驳回' })[e.state], class: 'nowrap' },
              { label: '意见', value: (e) => e.decisionReason ?? '' },
            ],
          }),
        ]
      : null,
  );
}

function departmentPicker(depts, current) {
  const select = h(
    'select',
    { 'aria-label': '选择单位', onchange: () => (location.hash = `#/workbench${query({ department: select.value })}`) },
    h('option', { value: '' }, '选择单位…'),
    depts.map((d) => h('option', { value: d.id, selected: d.id === current }, d.name)),
  );
  return select;
}
