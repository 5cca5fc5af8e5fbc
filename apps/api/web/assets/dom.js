// Builds DOM nodes. Text always goes in as text nodes, never as HTML, so whatever a user or a
// document typed is shown as typed and cannot run.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  // Forms check their fields themselves and show the messages next to them (in Chinese, styled),
  // rather than the browser's bubbles.
  if (tag === 'form') el.noValidate = true;
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  const item = h('div', { class: `toast ${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}

export const KIND_LABEL = { section: '章节', group: '分组', task: '任务', safeguard: '保障措施', context: '总体要求' };

export function kindBadge(kind) {
  return h('span', { class: `badge kind-${kind}` }, KIND_LABEL[kind] ?? kind);
}

export function departments(lead, co) {
  return h(
    'span',
    { class: 'depts' },
    lead.length ? h('span', { class: 'lead', title: '牵头单位' }, lead.join('、')) : null,
    co.length ? h('span', { class: 'co', title: '配合单位' }, co.join('、')) : null,
    !lead.length && !co.length ? h('span', { class: 'muted' }, '未分配') : null,
  );
}

/** A filter drop-down: "全部" (no filter) first, then [value, text] options; `value` is selected. */
export function filterSelect(name, label, options, value) {
  return h(
    'label',
    {},
    label,
    h('select', { name }, h('option', { value: '' }, '全部'), options.map(([v, t]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, t))),
  );
}
