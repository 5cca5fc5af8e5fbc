// 任务详情: the item as printed, its departments and deadline, progress reports by month,
// report form (draft, attachments, submit), status changes, extension requests, urges, audit.
import { ApiError, get, post, put, request } from '../api.js';
import { h, kindBadge, mount, toast } from '../dom.js';
import { checkRequired, daysLeft, daysUntil, dialog, errorBox, field, fmtTime, isCoordinator, keepDraft, light, pageTitle, session, showErrors, thisMonth } from '../ui.js';

const ACTIONS = {
  start: { label: '启动', from: ['未启动'], by: ['lead', 'coordinator'] },
  complete: { label: '报完成', from: ['推进中'], by: ['lead', 'coordinator'] },
  close: { label: '销号', from: ['已完成(待审核)'], by: ['coordinator'] },
  return: { label: '退回', from: ['已完成(待审核)'], by: ['coordinator'], reason: true },
  suspend: { label: '暂缓', from: ['未启动', '推进中'], by: ['coordinator'], reason: true },
  resume: { label: '恢复推进', from: ['暂缓'], by: ['coordinator'] },
};
const EXT_STATE = { pending: '待审批', approved: '已批准', rejected: '已驳回' };

function relationOf(item) {
  if (isCoordinator()) return 'coordinator';
  if (session.user?.role === 'viewer') return 'viewer';
  const mine = item.departments.find((d) => d.id === session.user?.departmentId);
  return mine ? mine.role : 'other';
}

export async function itemPage(id) {
  const app = document.getElementById('app');
  const item = await get(`/api/items/${id}`);
  const relation = relationOf(item);
  const lead = item.departments.filter((d) => d.role === 'lead').map((d) => d.name);
  const co = item.departments.filter((d) => d.role === 'co').map((d) => d.name);
  const reload = () => itemPage(id).catch((e) => mount(app, errorBox(e)));

  const sections = {
    reports: h('section', {}, h('p', { class: 'muted' }, '正在加载进展…')),
    extensions: h('section', {}),
    urges: h('section', {}),
    audit: h('section', {}),
  };

  mount(
    app,
    h('nav', { class: 'crumbs' }, h('a', { href: `#/plans/${item.planId}` }, '方案'), item.path.map((p) => [' / ', p])),
    pageTitle(`${item.number} ${item.title}`),
    h(
      'dl',
      { class: 'meta' },
      h('dt', {}, '类型'),
      h('dd', {}, kindBadge(item.kind)),
      h('dt', {}, '章节'),
      h('dd', {}, item.path.join(' / ') || '—'),
      h('dt', {}, '牵头单位'),
      h('dd', {}, lead.join('、') || '未分配'),
      h('dt', {}, '配合单位'),
      h('dd', {}, co.join('、') || '—'),
      h('dt', {}, '完成时限'),
      h('dd', {}, item.dueText ?? '未规定', item.deadline && item.deadline !== item.dueText ? h('span', { class: 'muted' }, `(${item.deadline})`) : null, ' ', daysLeft({ ...item, daysLeft: item.deadline ? daysUntil(item.deadline) : null })),
      h('dt', {}, '状态'),
      h('dd', { id: 'item-status' }, item.status, item.statusReason ? h('span', { class: 'muted' }, `(${item.statusReason})`) : null),
      h('dt', {}, '红绿灯'),
      h('dd', {}, light(item.light, item.lightReasons), item.lightReasons.length ? h('span', { class: 'muted small' }, ` ${item.lightReasons.join(';')}`) : null),
    ),
    statusActions(item, relation, reload),
    isCoordinator() ? steering(item, reload) : null,
    h('h2', {}, '原文'),
    h('div', { class: 'original' }, item.body),
    item.sourceLineStart ? h('p', { class: 'muted small' }, `原文第 ${item.sourceLineStart}–${item.sourceLineEnd} 行`) : null,
    sections.reports,
    sections.extensions,
    sections.urges,
    sections.audit,
  );
  const fill = async (box, fn) => {
    try {
      await fn(box);
    } catch (e) {
      mount(box, errorBox(e));
    }
  };
  await Promise.all([
    fill(sections.reports, (box) => reportsSection(box, item, relation, reload)),
    fill(sections.extensions, (box) => extensionsSection(box, item, relation, reload)),
    fill(sections.urges, (box) => urgesSection(box, item, reload)),
    isCoordinator() ? fill(sections.audit, (box) => auditSection(box, item)) : null,
  ]);
}

function statusActions(item, relation, reload) {
  const available = Object.entries(ACTIONS).filter(([, a]) => a.from.includes(item.status) && a.by.includes(relation));
  if (!available.length) return null;
  return h(
    'div',
    { class: 'actions status-actions' },
    h('span', { class: 'muted' }, '变更状态:'),
    available.map(([action, a]) =>
      h(
        'button',
        {
          type: 'button',
          class: action === 'close' || action === 'complete' ? 'primary' : '',
          onclick: async () => {
            if (a.reason) {
              const done = await dialog(`${a.label}:${item.number} ${item.title}`, () => {
                const reason = h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 2000 });
                return { body: field(`${a.label}理由`, reason, ['理由']), label: a.label, submit: () => post(`/api/items/${item.id}/transitions`, { action, reason: reason.value.trim(), version: item.version }) };
              });
              if (done) {
                toast(`已${a.label}`, 'success');
                reload();
              }
              return;
            }
            try {
              await post(`/api/items/${item.id}/transitions`, { action, version: item.version });
              toast(`已${a.label}`, 'success');
              reload();
            } catch (e) {
              toast(e instanceof ApiError ? e.messages.join(';') : `${a.label}失败`, 'error');
              if (e instanceof ApiError && e.status === 409) reload();
            }
          },
        },
        a.label,
      ),
    ),
  );
}

/** Coordinator: assign departments and set the deadline. */
function steering(item, reload) {
  const general = h('div');
  const deadline = h('input', { type: 'text', name: 'deadline', value: item.deadline ?? item.dueText ?? '', placeholder: '2025-06-30、2025年6月底前、年内、10个工作日内', maxlength: 50, required: true });
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        if (!checkRequired(form, general)) return;
        try {
          await put(`/api/items/${item.id}/deadline`, { deadline: deadline.value.trim(), version: item.version });
          toast('期限已更新', 'success');
          reload();
        } catch (err) {
          showErrors(form, err, general);
        }
      },
    },
    field('设定期限', deadline, ['deadline', '期限']),
    h('button', { type: 'submit' }, '保存期限'),
    general,
  );
  return h('details', { class: 'panel' }, h('summary', {}, '调整期限(质量强市办)'), form);
}

async function reportsSection(box, item, relation, reload) {
  const reports = await get(`/api/progress-reports?item=${item.id}`);
  const byMonth = new Map();
  for (const r of reports) byMonth.set(r.period, [...(byMonth.get(r.period) ?? []), r]);
  const months = [...byMonth.keys()].sort().reverse();
  const canWrite = relation === 'lead' || relation === 'co';
  mount(
    box,
    h('h2', {}, '进展报送'),
    canWrite ? reportForm(item, relation, reports, reload) : null,
    months.length === 0 ? h('p', { class: 'muted' }, '还没有报送进展。') : null,
    months.map((m) =>
      h(
        'div',
        { class: 'month' },
        h('h3', {}, `${m.slice(0, 4)}年${Number(m.slice(5))}月`),
        byMonth
          .get(m)
          .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
          .map((r) =>
            h(
              'article',
              { class: `report ${r.state}` },
              h(
                'div',
                { class: 'report-head' },
                h('strong', {}, r.departmentName),
                h('span', { class: 'badge' }, r.role === 'lead' ? '牵头单位汇总' : '配合单位分工进展'),
                r.state === 'draft' ? h('span', { class: 'tag warn' }, '草稿(仅本单位可见)') : h('span', { class: 'tag ok' }, r.late ? '已报送(迟报)' : '已报送'),
                r.percent !== null && r.percent !== undefined ? h('span', { class: 'muted' }, `完成 ${r.percent}%`) : null,
                h('span', { class: 'muted small' }, fmtTime(r.submittedAt ?? r.updatedAt)),
              ),
              h('div', { class: 'report-text' }, r.text),
              r.attachments.length
                ? h('ul', { class: 'attachments' }, r.attachments.map((a) => h('li', {}, h('a', { href: `/api/progress-reports/${r.id}/attachments/${a.id}`, download: a.fileName }, `📎 ${a.fileName}`), h('span', { class: 'muted small' }, ` ${Math.ceil(a.size / 1024)} KB`))))
                : null,
            ),
          ),
      ),
    ),
  );
}

function reportForm(item, relation, reports, reload) {
  const mine = (period) => reports.find((r) => r.period === period && r.departmentId === session.user.departmentId);
  const general = h('div');
  const period = h('input', { type: 'month', name: 'period', value: thisMonth(), required: true });
  const text = h('textarea', { name: 'text', rows: 6, maxlength: 20000, required: true, placeholder: relation === 'lead' ? '本月工作进展、存在问题、下步打算(牵头单位汇总)' : '本单位承担的分工进展' });
  const percent = h('input', { type: 'number', name: 'percent', min: 0, max: 100, step: 1, inputmode: 'numeric' });
  const files = h('input', { type: 'file', name: 'file', multiple: true, accept: '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.gif,.txt,.zip,.wps,.et' });
  const status = h('p', { class: 'muted small' });
  let draft;
  const load = () => {
    draft?.clear && null;
    const existing = mine(period.value);
    draft = keepDraft(text, `report:${item.id}:${period.value}`);
    if (!draft.restored) text.value = existing && existing.state === 'draft' ? existing.text : '';
    percent.value = existing?.percent ?? '';
    const submitted = existing?.state === 'submitted';
    for (const el of [text, percent, files, saveBtn, submitBtn]) el.disabled = submitted;
    status.textContent = submitted ? '本月进展已报送,不能再修改。' : existing ? `已有草稿(${fmtTime(existing.updatedAt)} 保存)${existing.attachments.length ? `,附件 ${existing.attachments.length} 个` : ''}` : draft.restored ? '已恢复上次未保存的内容。' : '';
  };
  async function save(submit) {
    if (!checkRequired(form, general)) return;
    const p = period.value;
    const existing = mine(p);
    saveBtn.disabled = submitBtn.disabled = true;
    try {
      const body = { text: text.value.trim() };
      if (percent.value !== '') body.percent = Number(percent.value);
      if (existing?.state === 'draft') body.version = existing.version;
      let report = await put(`/api/items/${item.id}/reports/${p}`, body);
      for (const file of files.files) {
        const data = new FormData();
        data.append('file', file);
        await request('POST', `/api/progress-reports/${report.id}/attachments`, data);
      }
      if (files.files.length) report = await get(`/api/progress-reports/${report.id}`);
      if (submit) await post(`/api/items/${item.id}/reports/${p}/submit`, { version: report.version });
      draft.clear();
      toast(submit ? '进展已报送' : '草稿已保存', 'success');
      reload();
    } catch (e) {
      showErrors(form, e, general);
      saveBtn.disabled = submitBtn.disabled = false;
      // A draft may have been saved before an attachment failed: reread so the version is current.
      try {
        const fresh = await get(`/api/progress-reports?item=${item.id}`);
        reports.splice(0, reports.length, ...fresh);
      } catch {
        // keep what we had
      }
    }
  }
  const saveBtn = h('button', { type: 'button', onclick: () => save(false) }, '保存草稿');
  const submitBtn = h('button', { type: 'button', class: 'primary', onclick: () => save(true) }, '报送');
  period.addEventListener('change', load);
  const form = h(
    'form',
    { class: 'stack report-form', onsubmit: (e) => e.preventDefault() },
    h('div', { class: 'row' }, field('报送月份', period, ['period', '月份']), relation === 'lead' ? field('完成进度(%)', percent, ['percent', '百分比']) : null),
    field(relation === 'lead' ? '进展情况(牵头单位汇总)' : '进展情况(配合单位分工进展)', text, ['text', '进展情况']),
    field('附件(可多选)', files, ['附件', '文件']),
    status,
    general,
    h('div', { class: 'actions' }, saveBtn, submitBtn),
  );
  load();
  return h('div', { class: 'panel' }, h('h3', {}, relation === 'lead' ? '填报本单位进展(牵头单位)' : '填报本单位分工进展(配合单位)'), form);
}

async function extensionsSection(box, item, relation, reload) {
  const list = await get(`/api/items/${item.id}/extensions`);
  const pending = list.find((e) => e.state === 'pending');
  let form = null;
  if (relation === 'lead' && item.deadline && !['已完成(待审核)', '已销号'].includes(item.status) && !pending) {
    const general = h('div');
    const date = h('input', { type: 'date', name: 'requestedDeadline', required: true, min: item.deadline });
    const reason = h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 2000, placeholder: '说明需要延期的原因' });
    const draft = keepDraft(reason, `extension:${item.id}`);
    form = h(
      'form',
      {
        class: 'stack',
        onsubmit: async (e) => {
          e.preventDefault();
          if (!checkRequired(form, general)) return;
          try {
            await post(`/api/items/${item.id}/extensions`, { requestedDeadline: date.value, reason: reason.value.trim() });
            draft.clear();
            toast('延期申请已提交', 'success');
            reload();
          } catch (err) {
            showErrors(form, err, general);
          }
        },
      },
      h('div', { class: 'row' }, field(`新期限(当前 ${item.deadline})`, date, ['requestedDeadline', '新期限', '期限'])),
      field('延期理由', reason, ['reason', '理由']),
      general,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '提交延期申请')),
    );
  }
  mount(
    box,
    h('h2', {}, '延期申请'),
    list.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data' },
            h('thead', {}, h('tr', {}, [['申请时间', 'hide-sm'], ['原期限'], ['申请期限'], ['理由'], ['结果'], ['意见', 'hide-sm'], ['']].map(([t, c]) => h('th', { class: c }, t)))),
            h(
              'tbody',
              {},
              list.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', { class: 'nowrap hide-sm' }, fmtTime(e.createdAt)),
                  h('td', { class: 'nowrap' }, e.previousDeadline ?? '—'),
                  h('td', { class: 'nowrap' }, e.requestedDeadline),
                  h('td', {}, e.reason),
                  h('td', { class: 'nowrap' }, EXT_STATE[e.state]),
                  h('td', { class: 'hide-sm' }, e.decisionReason ?? ''),
                  h('td', { class: 'nowrap' }, e.state === 'pending' && isCoordinator() ? decideButtons(e, reload) : null),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, '没有延期申请。'),
    pending && relation === 'lead' ? h('p', { class: 'notice' }, '已有待审批的延期申请。') : null,
    form ? h('details', { class: 'panel', open: true }, h('summary', {}, '申请延期'), form) : null,
  );
}

export function decideButtons(ext, done) {
  return [
    h('button', { type: 'button', class: 'button small primary', onclick: async () => {
      const ok = await dialog('批准延期申请', () => {
        const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000, placeholder: '同意' });
        return { body: [h('p', {}, `期限由 ${ext.previousDeadline ?? '—'} 延至 ${ext.requestedDeadline}。`), field('意见(可不填)', reason, ['reason', '意见'])], label: '批准', submit: () => post(`/api/extensions/${ext.id}/approve`, reason.value.trim() ? { reason: reason.value.trim() } : {}) };
      });
      if (ok) (toast('已批准延期', 'success'), done());
    } }, '批准'),
    ' ',
    h('button', { type: 'button', class: 'button small', onclick: async () => {
      const ok = await dialog('驳回延期申请', () => {
        const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000, required: true });
        return { body: field('驳回理由', reason, ['reason', '意见', '理由']), label: '驳回', submit: () => post(`/api/extensions/${ext.id}/reject`, { reason: reason.value.trim() }) };
      });
      if (ok) (toast('已驳回', 'success'), done());
    } }, '驳回'),
  ];
}

/** Opens the urge dialog; resolves true when sent. */
export async function urgeDialog(itemId, label) {
  const result = await dialog(`催办:${label}`, () => {
    const message = h('textarea', { name: 'message', rows: 4, required: true, maxlength: 2000 });
    message.value = '请抓紧推进该事项,并于本月报送日前报送最新进展。';
    const includeCo = h('input', { type: 'checkbox', name: 'includeCo' });
    return {
      body: [field('催办内容', message, ['message', '催办内容']), h('label', { class: 'check' }, includeCo, '同时催办配合单位')],
      label: '发送催办',
      submit: () => post(`/api/items/${itemId}/urges`, { message: message.value.trim(), includeCo: includeCo.checked }),
    };
  });
  if (result) toast('催办已发出', 'success');
  return Boolean(result);
}

async function urgesSection(box, item, reload) {
  const urges = await get(`/api/items/${item.id}/urges`);
  mount(
    box,
    h('h2', {}, '催办记录', isCoordinator() && item.status !== '已销号' ? h('button', { type: 'button', class: 'button small head-action', onclick: async () => (await urgeDialog(item.id, `${item.number} ${item.title}`)) && reload() }, '催办') : null),
    urges.length
      ? h('ul', { class: 'urges' }, urges.map((u) => h('li', {}, h('span', { class: 'muted small' }, fmtTime(u.createdAt), u.deliveredAt ? ' · 已发送' : ' · 待发送', u.coDepartmentIds.length ? ' · 含配合单位' : ''), h('div', { class: 'urge-text' }, u.message))))
      : h('p', { class: 'muted' }, '没有催办记录。'),
  );
}

const AUDIT_ACTION = {
  'item.transition': '状态变更',
  'item.assignment': '分配单位',
  'item.deadline': '设定期限',
  'report.save': '保存进展草稿',
  'report.submit': '报送进展',
  'report.attach': '上传附件',
  'extension.request': '申请延期',
  'extension.approve': '批准延期',
  'extension.reject': '驳回延期',
  'urge.create': '催办',
};

function describe(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value)
    .filter(([k]) => k !== 'version')
    .map(([k, v]) => `${k}:${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(';');
}

async function auditSection(box, item) {
  const page = await get(`/api/items/${item.id}/audit?pageSize=200`);
  mount(
    box,
    h('h2', {}, `操作日志(${page.total})`),
    page.entries.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data audit' },
            h('thead', {}, h('tr', {}, ['时间', '用户', '操作', '之前', '之后'].map((t) => h('th', {}, t)))),
            h('tbody', {}, page.entries.map((e) => h('tr', {}, h('td', { class: 'nowrap' }, fmtTime(e.at)), h('td', {}, e.username ?? '系统'), h('td', { class: 'nowrap' }, AUDIT_ACTION[e.action] ?? e.action), h('td', { class: 'small' }, describe(e.before)), h('td', { class: 'small' }, describe(e.after))))),
          ),
        )
      : h('p', { class: 'muted' }, '没有操作记录。'),
  );
}
