// Shared page pieces: errors next to fields, sortable/filterable tables with Excel export,
// traffic lights, small CSS/SVG charts, drafts kept in sessionStorage.
import { ApiError, download } from './api.js';
import { h, mount, toast } from './dom.js';

/** The signed-in user, and today's date as the server's clock has it. */
export const session = { user: null, today: null };
export const isCoordinator = () => ['coordinator', 'admin'].includes(session.user?.role);
export const isAdmin = () => session.user?.role === 'admin';

export const LIGHT_LABEL = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const STATUSES = ['未启动', '推进中', '已完成(待审核)', '已销号', '暂缓'];

export function errorBox(error) {
  const messages = error instanceof ApiError ? error.messages : ['页面出错了,请刷新后重试。'];
  if (!(error instanceof ApiError)) console.error(error);
  return h('div', { class: 'error', role: 'alert' }, messages.map((m) => h('p', {}, m)));
}

export function pageTitle(text, ...extra) {
  document.title = `${text} · 督办`;
  return h('div', { class: 'page-head' }, h('h1', {}, text), ...extra);
}

export function light(value, reasons = []) {
  return h('span', { class: `light light-${value}`, title: reasons.join(';') || LIGHT_LABEL[value] }, h('span', { class: 'dot', 'aria-hidden': 'true' }), LIGHT_LABEL[value] ?? value);
}

export function daysLeft(row) {
  if (row.daysLeft === null || row.daysLeft === undefined) return h('span', { class: 'muted' }, row.deadlineKind === 'ongoing' ? '持续推进' : '—');
  if (row.overdue) return h('span', { class: 'overdue' }, `逾期 ${-row.daysLeft} 天`);
  if (['已完成(待审核)', '已销号', '暂缓'].includes(row.status)) return h('span', { class: 'muted' }, '—');
  return h('span', { class: row.daysLeft <= 7 ? 'soon' : '' }, `剩 ${row.daysLeft} 天`);
}

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A moment as Beijing time, 2024-10-09 09:30, wherever the browser is. */
export function fmtTime(value) {
  if (!value) return '—';
  const parts = Object.fromEntries(TIME.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function thisMonth() {
  if (session.today) return session.today.slice(0, 7);
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Calendar days from the server's today to a date (negative when past). */
export function daysUntil(date) {
  const base = session.today ?? new Date().toISOString().slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${base}T00:00:00Z`)) / 86400000);
}

/**
 * A labelled field with a place for its error. `names` are the words the server uses for the
 * field in its messages (e.g. "text", "进展情况"), so each message lands next to its field.
 */
export function field(label, control, names = []) {
  const error = h('span', { class: 'field-error', role: 'alert' });
  const wrap = h('label', { class: 'field', dataset: { names: [control.name, ...names].filter(Boolean).join('|') } }, label ? h('span', { class: 'field-label' }, label) : null, control, error);
  return wrap;
}

/** Puts the server's messages next to the fields they name; the rest above the buttons. */
export function showErrors(form, error, generalBox) {
  clearErrors(form, generalBox);
  const messages = error instanceof ApiError ? error.messages : ['操作失败,请重试。'];
  if (!(error instanceof ApiError)) console.error(error);
  const fields = [...form.querySelectorAll('label.field')];
  const rest = [];
  for (const m of messages) {
    const target = fields.find((f) => f.dataset.names.split('|').some((n) => n && m.includes(n)));
    if (target) {
      const box = target.querySelector('.field-error');
      box.textContent = box.textContent ? `${box.textContent};${m}` : m;
      target.classList.add('invalid');
    } else rest.push(m);
  }
  if (rest.length) mount(generalBox, h('div', { class: 'error', role: 'alert' }, rest.map((m) => h('p', {}, m))));
  form.querySelector('label.invalid input, label.invalid textarea, label.invalid select')?.focus();
}

export function clearErrors(form, generalBox) {
  for (const f of form.querySelectorAll('label.field')) {
    f.classList.remove('invalid');
    f.querySelector('.field-error').textContent = '';
  }
  generalBox?.replaceChildren();
}

/** Marks required fields left empty before asking the server. Returns true when all are filled. */
export function checkRequired(form, generalBox) {
  clearErrors(form, generalBox);
  let ok = true;
  for (const input of form.querySelectorAll('[required]')) {
    if (String(input.value).trim() !== '') continue;
    const label = input.closest('label.field');
    if (label) {
      label.classList.add('invalid');
      label.querySelector('.field-error').textContent = '此项必填';
    }
    if (ok) input.focus();
    ok = false;
  }
  return ok;
}

/** Keeps what is typed in a text field in sessionStorage until it is saved. */
export function keepDraft(control, key) {
  const storageKey = `duban:draft:${key}`;
  const saved = sessionStorage.getItem(storageKey);
  if (saved !== null && saved !== '') control.value = saved;
  control.addEventListener('input', () => sessionStorage.setItem(storageKey, control.value));
  return { clear: () => sessionStorage.removeItem(storageKey), restored: saved !== null && saved !== '' };
}

/** Sends the rows shown to the server, which writes a real .xlsx. */
export async function exportTable(title, columns, rows) {
  try {
    await download('POST', '/api/dashboard/export', { title, columns, rows }, `${title}.xlsx`);
  } catch (e) {
    toast(e instanceof ApiError ? e.messages.join(';') : '导出失败', 'error');
  }
}

/**
 * A table that sorts (click a header), filters (a search box) and exports to Excel.
 * columns: [{ label, value: row => sortable/exported value, render?: row => node, class? }]
 */
export function dataTable({ title, columns, rows, empty = '没有数据', filter = true, caption }) {
  const state = { sort: null, dir: 1, q: '' };
  const body = h('tbody');
  const count = h('span', { class: 'muted small' });
  const text = (c, r) => {
    const v = c.value(r);
    return v === null || v === undefined ? '' : String(v);
  };
  const visible = () => {
    let list = rows;
    if (state.q) list = list.filter((r) => columns.some((c) => text(c, r).includes(state.q)));
    if (state.sort !== null) {
      const c = columns[state.sort];
      list = [...list].sort((a, b) => {
        const x = c.value(a);
        const y = c.value(b);
        if (typeof x === 'number' && typeof y === 'number') return (x - y) * state.dir;
        return String(x ?? '').localeCompare(String(y ?? ''), 'zh-CN') * state.dir;
      });
    }
    return list;
  };
  const headers = columns.map((c, i) =>
    h('th', { class: c.class, scope: 'col', 'aria-sort': 'none' }, h('button', { type: 'button', class: 'sort', onclick: () => sortBy(i) }, c.label)),
  );
  function sortBy(i) {
    state.dir = state.sort === i ? -state.dir : 1;
    state.sort = i;
    headers.forEach((th, j) => th.setAttribute('aria-sort', j === i ? (state.dir > 0 ? 'ascending' : 'descending') : 'none'));
    draw();
  }
  // Long lists draw their first rows only, so a page stays fast with thousands of items.
  let limit = 200;
  function draw() {
    const list = visible();
    const shown = list.slice(0, limit);
    mount(
      body,
      list.length ? shown.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.render ? c.render(r) : text(c, r))))) : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, empty)),
      list.length > limit ? h('tr', {}, h('td', { colspan: columns.length }, h('button', { type: 'button', class: 'button small', onclick: () => ((limit += 500), draw()) }, `已显示 ${limit} 条,再显示 500 条`))) : null,
    );
    count.textContent = `共 ${list.length} 条`;
  }
  draw();
  const search = h('input', { type: 'search', placeholder: '筛选', 'aria-label': `筛选${title}`, oninput: () => ((state.q = search.value.trim()), draw()) });
  return h(
    'div',
    { class: 'data-table' },
    h(
      'div',
      { class: 'table-tools' },
      filter ? search : null,
      count,
      h('button', { type: 'button', class: 'button small', onclick: () => exportTable(title, columns.map((c) => c.label), visible().map((r) => columns.map((c) => { const v = c.value(r); return typeof v === 'number' ? v : v ?? ''; }))) }, '导出 Excel'),
    ),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'aria-label': title }, caption ? h('caption', {}, caption) : null, h('thead', {}, h('tr', {}, headers)), body)),
  );
}

/** Stacked horizontal bars: [{ label, parts: [{ value, name, color }] }]. */
export function stackedBars(title, data, legend) {
  const max = Math.max(1, ...data.map((d) => d.parts.reduce((s, p) => s + p.value, 0)));
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    h('div', { class: 'legend' }, legend.map(([name, color]) => h('span', {}, h('i', { style: `background:${color}` }), name))),
    data.length === 0 ? h('p', { class: 'muted' }, '暂无数据') : null,
    data.map((d) => {
      const total = d.parts.reduce((s, p) => s + p.value, 0);
      return h(
        'div',
        { class: 'bar-row' },
        h('span', { class: 'bar-label', title: d.label }, d.label),
        h(
          'span',
          { class: 'bar-track' },
          d.parts.filter((p) => p.value > 0).map((p) => h('span', { class: 'bar-seg', style: `width:${(p.value / max) * 100}%;background:${p.color}`, title: `${p.name} ${p.value}` })),
        ),
        h('span', { class: 'bar-total' }, total),
      );
    }),
  );
}

/** A small column chart over months as inline SVG: series = [{ name, color, values: [] }]. */
export function columnChart(title, labels, series) {
  const W = 560;
  const H = 180;
  const pad = 28;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupW = (W - pad * 2) / Math.max(1, labels.length);
  const barW = Math.max(4, (groupW - 10) / series.length);
  const ns = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  };
  const svg = el('svg', { viewBox: `0 0 ${W} ${H + 24}`, role: 'img', 'aria-label': title, class: 'svg-chart' });
  svg.append(el('line', { x1: pad, y1: H, x2: W - pad, y2: H, stroke: '#d0d7de' }));
  labels.forEach((label, i) => {
    const x0 = pad + i * groupW + 5;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const bh = ((H - 20) * v) / max;
      const rect = el('rect', { x: x0 + j * barW, y: H - bh, width: barW - 2, height: bh, fill: s.color });
      rect.append(el('title', {}, `${label} ${s.name} ${v}`));
      svg.append(rect);
      if (v > 0) svg.append(el('text', { x: x0 + j * barW + (barW - 2) / 2, y: H - bh - 3, 'text-anchor': 'middle', 'font-size': 10, fill: '#656d76' }, v));
    });
    svg.append(el('text', { x: x0 + (groupW - 10) / 2, y: H + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#1f2328' }, label));
  });
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), h('div', { class: 'legend' }, series.map((s) => h('span', {}, h('i', { style: `background:${s.color}` }), s.name))), svg);
}

export const COLORS = { red: '#cf222e', yellow: '#d4a72c', green: '#2da44e', blue: '#0969da', grey: '#8c959f', purple: '#8250df' };
export const STATUS_COLORS = { 未启动: COLORS.grey, 推进中: COLORS.blue, '已完成(待审核)': COLORS.purple, 已销号: COLORS.green, 暂缓: COLORS.yellow };

/** A modal box with a form; resolves with the form's result or null when cancelled. */
export function dialog(title, build) {
  return new Promise((resolve) => {
    const general = h('div');
    const close = (value) => {
      overlay.remove();
      resolve(value);
    };
    const { body, submit, label = '确定' } = build();
    const form = h(
      'form',
      {
        class: 'stack',
        onsubmit: async (e) => {
          e.preventDefault();
          if (!checkRequired(form, general)) return;
          const button = form.querySelector('button[type=submit]');
          button.disabled = true;
          try {
            close(await submit());
          } catch (err) {
            showErrors(form, err, general);
          } finally {
            button.disabled = false;
          }
        },
      },
      body,
      general,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, label), h('button', { type: 'button', onclick: () => close(null) }, '取消')),
    );
    const overlay = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': title }, h('div', { class: 'dialog wide' }, h('h2', {}, title), form));
    document.body.append(overlay);
    form.querySelector('input, textarea, select')?.focus();
  });
}
