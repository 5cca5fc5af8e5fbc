// duban web interface: a small hash-routed single-page app on the REST API.
import { get, onUnauthorized, post, query, request } from './api.js';
import { KIND_LABEL, departments, filterSelect, h, kindBadge, mount, toast } from './dom.js';
import { itemPage } from './pages/item.js';
import { adminPage, indicatorsPage, notificationsPage, passwordPage, reportsPage } from './pages/more.js';
import { overviewPage } from './pages/overview.js';
import { workbenchPage } from './pages/workbench.js';
import { errorBox, isCoordinator, light, pageTitle, session } from './ui.js';

const app = document.getElementById('app');

// ---------------------------------------------------------------- 方案
async function plansPage() {
  const plans = await get('/api/plans');
  const rows = plans.map((p) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/plans/${p.id}` }, p.title ?? p.sourceFileName)),
      h('td', { class: 'hide-sm' }, p.issuer ?? '—'),
      h('td', { class: 'nowrap hide-sm' }, p.issued ?? '—'),
      h('td', { class: 'num hide-sm' }, `第 ${p.version} 版`, p.current ? null : h('span', { class: 'badge muted' }, '已被替代')),
      h('td', { class: 'num' }, p.taskCount),
      h('td', { class: 'num hide-sm' }, p.itemCount),
    ),
  );
  mount(
    app,
    pageTitle('方案', h('a', { class: 'button', href: '#/import' }, '导入新方案')),
    plans.length === 0
      ? h('p', { class: 'empty' }, '还没有导入任何方案。', h('a', { href: '#/import' }, '现在导入'))
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data' },
            h('thead', {}, h('tr', {}, [['标题'], ['发文单位', 'hide-sm'], ['成文日期', 'hide-sm'], ['版本', 'hide-sm'], ['任务数'], ['条目数', 'hide-sm']].map(([t, c]) => h('th', { class: c }, t)))),
            h('tbody', {}, rows),
          ),
        ),
  );
}

function itemTree(nodes, filter) {
  const visible = (n) => !filter || `${n.number}${n.title}${n.lead.join()}${n.co.join()}`.includes(filter) || n.children.some(visible);
  return h(
    'ul',
    { class: 'tree' },
    nodes.filter(visible).map((n) =>
      h(
        'li',
        { class: `node kind-${n.kind}` },
        h(
          'div',
          { class: 'node-row' },
          h('span', { class: 'number' }, n.number),
          n.kind === 'section' ? h('strong', {}, n.title) : h('a', { href: `#/items/${n.id}` }, n.title),
          n.kind !== 'section' ? kindBadge(n.kind) : null,
          n.kind === 'task' || n.lead.length || n.co.length ? departments(n.lead, n.co) : null,
          n.dueText ? h('span', { class: 'due', title: '完成时限' }, n.dueText) : null,
        ),
        n.children.length ? itemTree(n.children, filter) : null,
      ),
    ),
  );
}

function indicatorTable(indicators) {
  const op = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', top: '前' };
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, ['指标', '目标', '年份', '出处'].map((t) => h('th', {}, t)))),
      h(
        'tbody',
        {},
        indicators.map((x) => {
          // The API names the target targetValue; a parsed preview names it value.
          const value = x.targetValue ?? x.value;
          return h(
            'tr',
            {},
            h('td', {}, x.name),
            h('td', { class: 'nowrap' }, x.op === 'top' ? `前 ${value} ${x.unit ?? ''}` : `${op[x.op] ?? x.op} ${value}${x.unit ?? ''}`),
            h('td', { class: 'num' }, x.year ?? x.targetYear ?? '—'),
            h('td', { class: 'muted' }, (x.path ?? []).join(' / ')),
          );
        }),
      ),
    ),
  );
}

async function planPage(id) {
  const [plan, indicators] = await Promise.all([get(`/api/plans/${id}`), get(`/api/plans/${id}/indicators`)]);
  const treeBox = h('div', {}, itemTree(plan.items));
  const search = h('input', {
    type: 'search',
    placeholder: '筛选:编号、标题或单位',
    'aria-label': '筛选条目',
    oninput: () => mount(treeBox, itemTree(plan.items, search.value.trim())),
  });
  mount(
    app,
    pageTitle(plan.title ?? plan.sourceFileName),
    h(
      'dl',
      { class: 'meta' },
      h('dt', {}, '发文单位'),
      h('dd', {}, plan.issuer ?? '—'),
      h('dt', {}, '发文字号'),
      h('dd', {}, plan.docNumber ?? '—'),
      h('dt', {}, '成文日期'),
      h('dd', {}, plan.issued ?? '—'),
      h('dt', {}, '版本'),
      h('dd', {}, `第 ${plan.version} 版${plan.current ? '' : '(已被新版本替代)'}`),
      h('dt', {}, '来源文件'),
      h('dd', {}, plan.sourceFileName),
    ),
    plan.warnings?.length ? h('details', { class: 'warnings' }, h('summary', {}, `导入提示(${plan.warnings.length})`), h('ul', {}, plan.warnings.map((w) => h('li', {}, w)))) : null,
    h('h2', {}, '条目'),
    search,
    treeBox,
    h('h2', {}, `指标(${indicators.length})`),
    indicators.length ? indicatorTable(indicators) : h('p', { class: 'muted' }, '该方案未列出量化指标。'),
  );
}

// ---------------------------------------------------------------- 事项查询
async function itemsPage(params) {
  const [plans, depts] = await Promise.all([get('/api/plans'), get('/api/departments')]);
  const state = { plan: params.get('plan') ?? '', department: params.get('department') ?? '', kind: params.get('kind') ?? 'task', q: params.get('q') ?? '', page: Number(params.get('page') ?? 1) };
  const results = h('div', {}, h('p', { class: 'muted' }, '正在查询…'));
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e) => {
        e.preventDefault();
        const data = new FormData(form);
        location.hash = `#/items${query({ plan: data.get('plan'), department: data.get('department'), kind: data.get('kind'), q: data.get('q') })}`;
      },
    },
    filterSelect('plan', '方案', plans.map((p) => [p.id, p.title ?? p.sourceFileName]), state.plan),
    filterSelect('department', '单位', depts.map((d) => [d.id, d.name]), state.department),
    filterSelect('kind', '类型', Object.entries(KIND_LABEL).filter(([k]) => k !== 'section'), state.kind),
    h('label', {}, '关键字', h('input', { name: 'q', type: 'search', value: state.q, maxlength: 100 })),
    h('button', { type: 'submit' }, '查询'),
  );
  mount(app, pageTitle('事项查询'), form, results);
  try {
    const page = await get(`/api/items${query({ plan: state.plan, department: state.department, kind: state.kind, q: state.q, page: state.page })}`);
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const link = (p, text) => h('a', { class: 'button small', href: `#/items${query({ ...state, page: p })}` }, text);
    mount(
      results,
      h('p', { class: 'muted' }, `共 ${page.total} 条`),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data' },
          h('thead', {}, h('tr', {}, ['编号', '事项', '类型', '牵头单位', '配合单位', '完成时限', '状态'].map((t) => h('th', {}, t)))),
          h(
            'tbody',
            {},
            page.items.map((i) =>
              h(
                'tr',
                {},
                h('td', { class: 'nowrap' }, i.number),
                h('td', {}, h('a', { href: `#/items/${i.id}` }, i.title), h('div', { class: 'muted small' }, i.path.join(' / '))),
                h('td', {}, kindBadge(i.kind)),
                h('td', {}, i.lead.join('、') || '—'),
                h('td', {}, i.co.join('、') || '—'),
                h('td', { class: 'nowrap' }, i.dueText ?? '—'),
                h('td', { class: 'nowrap' }, i.status, ' ', light(i.light, i.lightReasons)),
              ),
            ),
          ),
        ),
      ),
      pages > 1 ? h('nav', { class: 'pager' }, state.page > 1 ? link(state.page - 1, '上一页') : null, ` 第 ${state.page} / ${pages} 页 `, state.page < pages ? link(state.page + 1, '下一页') : null) : null,
    );
  } catch (e) {
    mount(results, errorBox(e));
  }
}

// ---------------------------------------------------------------- 计划导入
async function importPage() {
  const depts = await get('/api/departments');
  const fileInput = h('input', { type: 'file', name: 'file', accept: '.txt,.docx,.doc,.wps,.pdf,.ofd,.html,.htm,.xlsx,.xls,.et,.csv', required: true, 'aria-label': '选择方案文件' });
  const result = h('div', {});
  const form = h(
    'form',
    {
      class: 'upload',
      onsubmit: async (e) => {
        e.preventDefault();
        if (!fileInput.files.length) return toast('请先选择文件', 'error');
        const data = new FormData();
        data.append('file', fileInput.files[0]);
        mount(result, h('p', { class: 'muted' }, '正在解析…'));
        try {
          showPreview(await post('/api/imports/preview', data), fileInput.files[0], depts, result);
        } catch (err) {
          mount(result, errorBox(err));
        }
      },
    },
    h('label', {}, '方案文件(.docx、.doc、.wps、.pdf、.ofd、.html、.txt,或任务分工表 .xlsx、.xls、.et、.csv,不超过 20 MB)', fileInput),
    h('button', { type: 'submit' }, '解析预览'),
  );
  mount(app, pageTitle('计划导入'), h('p', { class: 'muted' }, '上传实施方案、实施意见或工作要点,先预览识别出的条目、单位、期限和指标,确认后再保存。'), form, result);
}

function previewTree(items) {
  // Items come flat with their printed path; show them in document order, indented by depth.
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data preview' },
      h('thead', {}, h('tr', {}, ['位置', '编号', '标题', '类型', '牵头单位', '配合单位', '完成时限'].map((t) => h('th', {}, t)))),
      h(
        'tbody',
        {},
        items.map((i) =>
          h(
            'tr',
            {},
            h('td', { class: 'muted small' }, i.path.join(' / ')),
            h('td', { class: 'nowrap' }, i.number),
            h('td', {}, i.title),
            h('td', {}, kindBadge(i.kind)),
            h('td', {}, i.lead.join('、') || '—'),
            h('td', {}, i.co.join('、') || '—'),
            h('td', { class: 'nowrap' }, i.due ?? '—'),
          ),
        ),
      ),
    ),
  );
}

function showPreview(preview, file, depts, target) {
  const unknown = preview.departments.filter((d) => d.departmentId === null);
  const mappingSelects = new Map();
  const mappingRows = unknown.map((d) => {
    const select = h(
      'select',
      { 'aria-label': `“${d.name}”对应的单位` },
      h('option', { value: '' }, '新建为新单位'),
      depts.map((x) => h('option', { value: x.id }, `对应到:${x.name}`)),
    );
    mappingSelects.set(d.name, select);
    return h('tr', {}, h('td', {}, d.name), h('td', { class: 'num' }, d.items), h('td', {}, select));
  });
  const plan = preview.plan;
  const save = h('button', {
    type: 'button',
    class: 'primary',
    disabled: Boolean(preview.alreadyImported),
    onclick: async () => {
      const mapping = {};
      for (const [name, select] of mappingSelects) if (select.value) mapping[name] = Number(select.value);
      const data = new FormData();
      data.append('file', file);
      data.append('mapping', JSON.stringify(mapping));
      save.disabled = true;
      try {
        showSaved(await request('POST', '/api/imports', data), target);
      } catch (err) {
        save.disabled = false;
        target.prepend(errorBox(err));
      }
    },
  }, preview.revises ? `保存为第 ${preview.revises.version + 1} 版` : '保存导入');
  mount(
    target,
    h('h2', {}, plan.title ?? '(未识别出标题)'),
    h('p', {}, `发文单位:${plan.issuer ?? '未识别'};成文日期:${plan.issued ?? '未识别'};条目 ${plan.items.length} 个,其中任务 ${plan.items.filter((i) => i.kind === 'task').length} 个;指标 ${plan.indicators.length} 个。`),
    preview.alreadyImported ? h('p', { class: 'notice' }, `该文件已导入过(${preview.alreadyImported.title ?? ''},第 ${preview.alreadyImported.version} 版),无需重复导入。`) : null,
    preview.revises ? h('p', { class: 'notice' }, `这是已有方案“${preview.revises.title}”的修订版;保存后生成第 ${preview.revises.version + 1} 版,未变化条目的办理状态将保留。`) : null,
    plan.warnings?.length ? h('details', { class: 'warnings', open: true }, h('summary', {}, `解析提示(${plan.warnings.length})`), h('ul', {}, plan.warnings.map((w) => h('li', {}, w)))) : null,
    unknown.length
      ? [
          h('h3', {}, `系统中没有的单位(${unknown.length})`),
          h('p', { class: 'muted' }, '可以对应到已有单位(例如旧称“市质监局”对应到“市市场监管局”),或作为新单位建立。'),
          h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['文件中的名称', '涉及条目', '处理方式'].map((t) => h('th', {}, t)))), h('tbody', {}, mappingRows))),
        ]
      : null,
    h('h3', {}, '条目'),
    previewTree(plan.items),
    plan.indicators.length ? [h('h3', {}, '指标'), indicatorTable(plan.indicators)] : null,
    h('div', { class: 'actions' }, save),
  );
}

function showSaved(result, target) {
  const list = (title, rows) =>
    rows.length ? [h('h3', {}, `${title}(${rows.length})`), h('ul', {}, rows.map((r) => h('li', {}, `${r.path.join(' / ')} ${r.number} ${r.title}`, r.previousTitle && r.previousTitle !== r.title ? `(原为:${r.previousTitle})` : '')))] : [];
  const words = { created: '已导入新方案', unchanged: '文件未变化,没有新建数据', revised: `已保存为第 ${result.version} 版` };
  mount(
    target,
    h('p', { class: 'success' }, `${words[result.status] ?? result.status}:${result.title ?? ''}`),
    result.diff ? [...list('新增条目', result.diff.added), ...list('删除条目', result.diff.removed), ...list('内容变化的条目', result.diff.changed)] : null,
    h('p', {}, h('a', { class: 'button', href: `#/plans/${result.planId}` }, '查看方案')),
  );
  toast(words[result.status] ?? '已保存', 'success');
}

// ---------------------------------------------------------------- 登录
export const ROLE_LABEL = { admin: '系统管理员', coordinator: '质量强市办', editor: '部门填报', viewer: '只读' };
let signingIn = null;

function loginForm(onDone) {
  const errors = h('div', { role: 'alert' });
  const username = h('input', { name: 'username', type: 'text', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
  const form = h(
    'form',
    {
      class: 'login',
      onsubmit: async (e) => {
        e.preventDefault();
        errors.replaceChildren();
        try {
          const result = await post('/api/auth/login', { username: username.value.trim(), password: password.value });
          session.user = result.user;
          showUser();
          loadToday();
          onDone();
        } catch (err) {
          password.value = '';
          mount(errors, errorBox(err));
        }
      },
    },
    h('label', {}, '用户名', username),
    h('label', {}, '密码', password),
    errors,
    h('button', { type: 'submit', class: 'primary' }, '登录'),
  );
  return { form, focus: () => username.focus() };
}

/** A sign-in box over the page: whatever the user was doing stays as it was. */
function signIn() {
  signingIn ??= new Promise((resolve) => {
    const overlay = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': '登录' });
    const { form, focus } = loginForm(() => {
      overlay.remove();
      signingIn = null;
      resolve();
    });
    overlay.append(h('div', { class: 'dialog' }, h('h2', {}, session.user ? '登录已过期,请重新登录' : '请登录'), h('p', { class: 'muted' }, '登录后将继续刚才的操作,已填写的内容不会丢失。'), form));
    document.body.append(overlay);
    focus();
  });
  return signingIn;
}
onUnauthorized(signIn);

/** The server's today, so dates and months on the pages follow its clock. */
async function loadToday() {
  try {
    session.today = (await get('/api/dashboard/today')).today;
  } catch {
    session.today = null;
  }
}

/** Shows the pages the role uses. */
function showNav() {
  const role = session.user?.role;
  const visible = {
    workbench: Boolean(session.user?.departmentId) || isCoordinator(),
    overview: isCoordinator(),
    import: isCoordinator(),
    notifications: isCoordinator(),
    admin: isCoordinator(),
  };
  for (const a of document.querySelectorAll('#nav [data-nav]')) a.hidden = role ? visible[a.dataset.nav] === false : false;
}

function home() {
  if (isCoordinator()) return overviewPage(new URLSearchParams());
  if (session.user?.departmentId) return workbenchPage(new URLSearchParams());
  return plansPage();
}

function showUser() {
  showNav();
  const box = document.getElementById('user');
  if (!session.user) return box.replaceChildren();
  mount(
    box,
    h('span', { class: 'who' }, session.user.displayName || session.user.username, h('span', { class: 'role' }, ROLE_LABEL[session.user.role] ?? session.user.role)),
    h('a', { href: '#/password', class: 'hide-sm' }, '修改密码'),
    h('button', {
      type: 'button',
      class: 'link',
      onclick: async () => {
        await post('/api/auth/logout').catch(() => undefined);
        session.user = null;
        showUser();
        location.hash = '#/';
        await signIn();
        route();
      },
    }, '退出'),
  );
}

// ---------------------------------------------------------------- router
const routes = [
  [/^#?\/?$/, () => home(), 'home'],
  [/^#\/workbench$/, (m, params) => workbenchPage(params), 'workbench'],
  [/^#\/overview$/, (m, params) => overviewPage(params), 'overview'],
  [/^#\/indicators$/, (m, params) => indicatorsPage(params), 'indicators'],
  [/^#\/reports$/, () => reportsPage(), 'reports'],
  [/^#\/notifications$/, (m, params) => notificationsPage(params), 'notifications'],
  [/^#\/admin$/, () => adminPage(), 'admin'],
  [/^#\/password$/, () => passwordPage(), 'password'],
  [/^#\/plans$/, () => plansPage(), 'plans'],
  [/^#\/plans\/(\d+)$/, (m) => planPage(m[1]), 'plans'],
  [/^#\/items$/, (m, params) => itemsPage(params), 'items'],
  [/^#\/items\/(\d+)$/, (m) => itemPage(m[1]), 'items'],
  [/^#\/import$/, () => importPage(), 'import'],
];

async function route() {
  const [path, search] = location.hash.split('?');
  const params = new URLSearchParams(search ?? '');
  for (const [re, render, nav] of routes) {
    const m = re.exec(path || '#/');
    if (!m) continue;
    const current = nav === 'home' ? (isCoordinator() ? 'overview' : session.user?.departmentId ? 'workbench' : 'plans') : nav;
    for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.dataset.nav === current);
    document.getElementById('nav').classList.remove('open');
    try {
      await render(m, params);
    } catch (e) {
      mount(app, errorBox(e));
    }
    app.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    return;
  }
  mount(app, pageTitle('页面不存在'), h('p', {}, h('a', { href: '#/' }, '返回首页')));
}

document.querySelector('.menu-toggle').addEventListener('click', (e) => {
  const open = document.getElementById('nav').classList.toggle('open');
  e.currentTarget.setAttribute('aria-expanded', String(open));
});
window.addEventListener('hashchange', route);
try {
  session.user = await get('/api/auth/me');
} catch {
  session.user = null;
}
await loadToday();
showUser();
route();
