// 指标, 月报, 提醒记录, 管理, 修改密码.
import { ApiError, get, patch, post, put, query, request } from '../api.js';
import { h, mount, toast } from '../dom.js';
import { checkRequired, clearErrors, dataTable, errorBox, field, fmtTime, isAdmin, isCoordinator, pageTitle, session, showErrors, thisMonth } from '../ui.js';

const OP = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', top: '前' };
const PROGRESS_CLASS = { met: 'ok', on_pace: 'ok', behind: 'warn' };

/** A form whose submit runs `send`; errors land next to their fields. */
function apiForm(className, children, send, buttonLabel = '保存') {
  const general = h('div');
  const form = h(
    'form',
    {
      class: className,
      onsubmit: async (e) => {
        e.preventDefault();
        if (!checkRequired(form, general)) return;
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
          await send();
          clearErrors(form, general);
        } catch (err) {
          showErrors(form, err, general);
        } finally {
          button.disabled = false;
        }
      },
    },
    children,
    h('button', { type: 'submit', class: className.includes('inline-form') ? 'button small' : 'primary' }, buttonLabel),
    general,
  );
  return form;
}

// ---------------------------------------------------------------- 指标
export async function indicatorsPage(params) {
  const app = document.getElementById('app');
  const plans = (await get('/api/plans')).filter((p) => p.current);
  const planId = params.get('plan') ?? String(plans[0]?.id ?? '');
  const picker = h('select', { 'aria-label': '方案', onchange: () => (location.hash = `#/indicators${query({ plan: picker.value })}`) }, plans.map((p) => h('option', { value: p.id, selected: String(p.id) === planId }, p.title ?? p.sourceFileName)));
  if (!planId) return mount(app, pageTitle('指标'), h('p', { class: 'empty' }, '还没有方案。'));
  const indicators = await get(`/api/plans/${planId}/indicators`);
  const readings = await Promise.all(indicators.map((i) => get(`/api/indicators/${i.id}/readings`)));
  const canEnter = session.user?.role !== 'viewer' && (isCoordinator() || session.user?.departmentId);
  const rows = readings.map((r, i) => ({ ...r, path: indicators[i].path ?? [] }));
  mount(
    app,
    pageTitle('指标', picker),
    h('p', { class: 'muted' }, '各指标的目标、各期数值和是否按进度推进。单位填报员填报本单位的数值(期为年份 2024 或月份 2024-06)。'),
    rows.length === 0 ? h('p', { class: 'empty' }, '该方案未列出量化指标。') : null,
    rows.length
      ? dataTable({
          title: '指标',
          rows,
          columns: [
            { label: '指标', value: (r) => r.name },
            { label: '目标', value: (r) => `${OP[r.op] ?? r.op} ${r.targetValue}${r.unit ?? ''}`, class: 'nowrap' },
            { label: '年份', value: (r) => r.targetYear ?? '', class: 'num' },
            { label: '最新数值', value: (r) => (r.readings.length ? r.readings[r.readings.length - 1].value : ''), render: (r) => (r.readings.length ? `${r.readings[r.readings.length - 1].value}(${r.readings[r.readings.length - 1].period})` : '—'), class: 'nowrap' },
            { label: '进度', value: (r) => r.progressLabel ?? '', render: (r) => h('span', { class: `tag ${PROGRESS_CLASS[r.progress] ?? ''}` }, r.progressLabel ?? '未填报'), class: 'nowrap' },
            { label: '各期数值', value: (r) => r.readings.map((x) => `${x.period}:${x.value}`).join(';'), render: (r) => sparkline(r), class: 'hide-sm' },
            canEnter ? { label: '填报', value: () => '', render: (r) => readingForm(r, () => indicatorsPage(params)) } : null,
          ].filter(Boolean),
        })
      : null,
  );
}

function sparkline(r) {
  if (!r.readings.length) return h('span', { class: 'muted' }, '—');
  const max = Math.max(r.targetValue ?? 0, ...r.readings.map((x) => x.value)) || 1;
  return h('span', { class: 'spark', title: r.readings.map((x) => `${x.period}:${x.value}`).join(';') }, r.readings.slice(-8).map((x) => h('span', { class: 'spark-bar', style: `height:${Math.max(2, (x.value / max) * 24)}px` })));
}

function readingForm(r, done) {
  const period = h('input', { type: 'text', name: 'period', value: thisMonth(), required: true, size: 7, maxlength: 7, class: 'short', 'aria-label': `${r.name} 期` });
  const value = h('input', { type: 'number', name: 'value', step: 'any', required: true, class: 'short', 'aria-label': `${r.name} 数值` });
  return apiForm('inline-form', [field('', period, ['期']), field('', value, ['value', '数值'])], async () => {
    await put(`/api/indicators/${r.indicatorId}/readings/${encodeURIComponent(period.value.trim())}`, { value: Number(value.value) });
    toast('已填报', 'success');
    done();
  }, '填报');
}

// ---------------------------------------------------------------- 月报
export async function reportsPage() {
  const app = document.getElementById('app');
  const [reports, plans] = await Promise.all([get('/api/reports'), get('/api/plans')]);
  const status = h('div', { role: 'status' });
  const month = h('input', { type: 'month', name: 'month', value: thisMonth(), required: true });
  const plan = h('select', { name: 'planId' }, h('option', { value: '' }, '全部现行方案'), plans.filter((p) => p.current).map((p) => h('option', { value: p.id }, p.title ?? p.sourceFileName)));
  const form = isCoordinator()
    ? apiForm('filters', [field('月份', month, ['month', '月份']), field('方案', plan, ['planId', '方案'])], async () => {
        const job = await post('/api/reports', { month: month.value, ...(plan.value ? { planId: Number(plan.value) } : {}) });
        mount(status, h('p', { class: 'notice' }, `已排队生成 ${job.month} 月报,正在等待后台完成…`));
        for (let i = 0; i < 60; i++) {
          await new Promise((r) => setTimeout(r, 2000));
          const state = await get(`/api/reports/jobs/${encodeURIComponent(job.jobId)}`);
          if (state.status === 'completed') {
            toast('月报已生成', 'success');
            return reportsPage();
          }
          if (state.status === 'failed') return mount(status, h('div', { class: 'error' }, '月报生成失败,请稍后重试或联系管理员。'));
        }
        mount(status, h('p', { class: 'notice' }, '月报仍在生成中(后台可能繁忙),稍后刷新本页查看。'));
      }, '立即生成')
    : null;
  mount(
    app,
    pageTitle('月报'),
    form,
    status,
    dataTable({
      title: '月报',
      rows: reports,
      empty: '还没有生成月报。',
      columns: [
        { label: '月份', value: (r) => r.month, class: 'nowrap' },
        { label: '标题', value: (r) => r.title, render: (r) => h('a', { href: r.downloads.html, target: '_blank', rel: 'noopener' }, r.title) },
        { label: '事项', value: (r) => r.summary?.items ?? '', class: 'num' },
        { label: '逾期', value: (r) => r.summary?.overdue ?? '', class: 'num' },
        { label: '未报送', value: (r) => r.summary?.missingReports ?? '', class: 'num hide-sm' },
        { label: '生成方式', value: (r) => ({ schedule: '定时', api: '手动', cli: '命令行' })[r.trigger] ?? r.trigger, class: 'hide-sm' },
        { label: '生成时间', value: (r) => fmtTime(r.createdAt), class: 'nowrap hide-sm' },
        { label: '下载', value: () => '', render: (r) => h('span', { class: 'nowrap' }, h('a', { href: r.downloads.html, target: '_blank', rel: 'noopener' }, 'HTML'), ' · ', h('a', { href: r.downloads.xlsx }, 'XLSX'), ' · ', h('a', { href: r.downloads.docx }, 'DOCX')) },
      ],
    }),
  );
}

// ---------------------------------------------------------------- 提醒记录
const NOTE_STATUS = { pending: '待发送', sent: '已发送', no_recipients: '无收件人', withdrawn: '已撤销' };
const NOTE_KIND = { deadline: '期限提醒', duty: '报送提醒', urge: '催办', report: '月报' };
// A deadline reminder's mail is written when it is sent; a withdrawn one never is.
const noteSubject = (n) => n.subject || (n.status === 'pending' ? '(发送时生成)' : '(未生成)');

export async function notificationsPage(params) {
  const app = document.getElementById('app');
  const status = params.get('status') ?? '';
  const [list, missing, outbox] = await Promise.all([get(`/api/notifications${query({ status })}`), get('/api/notifications/missing-contacts'), get('/api/outbox').catch(() => [])]);
  const picker = h('select', { 'aria-label': '发送状态', onchange: () => (location.hash = `#/notifications${query({ status: picker.value })}`) }, h('option', { value: '' }, '全部'), Object.entries(NOTE_STATUS).map(([k, v]) => h('option', { value: k, selected: k === status }, v)));
  mount(
    app,
    pageTitle('提醒记录', picker),
    h('h2', {}, `发送记录(最近 ${list.length} 条)`),
    dataTable({
      title: '提醒记录',
      rows: list,
      empty: '还没有发送过提醒。',
      columns: [
        { label: '时间', value: (n) => fmtTime(n.sentAt ?? n.createdAt), class: 'nowrap' },
        { label: '类型', value: (n) => NOTE_KIND[n.kind] ?? n.kind, class: 'nowrap' },
        { label: '主题', value: noteSubject, render: (n) => (n.itemId ? h('a', { href: `#/items/${n.itemId}` }, noteSubject(n)) : noteSubject(n)) },
        { label: '收件人', value: (n) => [...(n.to ?? []), ...(n.cc ?? [])].join('、'), class: 'small' },
        { label: '状态', value: (n) => NOTE_STATUS[n.status] ?? n.status, render: (n) => h('span', { class: `tag ${n.status === 'no_recipients' ? 'bad' : n.status === 'sent' ? 'ok' : 'warn'}` }, NOTE_STATUS[n.status] ?? n.status), class: 'nowrap' },
        { label: '次数', value: (n) => n.attempts, class: 'num hide-sm' },
        { label: '说明', value: (n) => [n.lastError, n.missingContacts?.length ? `缺少联系人:${n.missingContacts.join('、')}` : ''].filter(Boolean).join(';'), class: 'small' },
      ],
    }),
    h('h2', {}, `缺少联系人的单位(${missing.length})`),
    missing.length ? h('p', { class: 'notice' }, '这些单位没有联系人邮箱,提醒和催办发不到它们。请在', h('a', { href: '#/admin' }, '管理'), '中补充联系邮箱。') : null,
    missing.length
      ? dataTable({
          title: '缺少联系人的单位',
          rows: missing,
          filter: false,
          columns: [
            { label: '单位', value: (m) => m.department },
            { label: '因此未送达的提醒', value: (m) => m.notifications.length, class: 'num' },
            { label: '最近', value: (m) => m.notifications[0]?.subject ?? '' },
          ],
        })
      : h('p', { class: 'success' }, '所有单位都设置了联系人邮箱。'),
    outbox.length
      ? [
          h('h2', {}, `发件箱(未配置 SMTP 时保存的邮件,${outbox.length} 封)`),
          dataTable({
            title: '发件箱',
            rows: outbox,
            columns: [
              { label: '保存时间', value: (o) => fmtTime(o.storedAt), class: 'nowrap' },
              { label: '主题', value: (o) => o.subject, render: (o) => h('a', { href: `/api/outbox/${encodeURIComponent(o.key)}` }, o.subject) },
              { label: '收件人', value: (o) => [...o.to, ...o.cc].join('、') },
            ],
          }),
        ]
      : null,
  );
}

// ---------------------------------------------------------------- 管理
const ROLE = { admin: '系统管理员', coordinator: '质量强市办', editor: '部门填报', viewer: '只读' };

export async function adminPage() {
  const app = document.getElementById('app');
  const [depts, settings, users] = await Promise.all([get('/api/departments'), get('/api/settings'), isAdmin() ? get('/api/users') : Promise.resolve(null)]);
  const again = () => adminPage().catch((e) => mount(app, errorBox(e)));
  const emails = (text) => text.split(/[,,;;\s]+/).map((s) => s.trim()).filter(Boolean);

  const newName = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
  const newEmails = h('input', { type: 'text', name: 'contactEmails', placeholder: '多个邮箱用逗号分隔' });
  const createDept = apiForm('filters', [field('单位名称', newName, ['name', '单位名称']), field('联系邮箱', newEmails, ['contactEmails', '邮箱'])], async () => {
    await post('/api/departments', { name: newName.value.trim(), contactEmails: emails(newEmails.value) });
    toast('单位已建立', 'success');
    again();
  }, '新建单位');

  const deptRow = (d) => {
    const mail = h('input', { type: 'text', name: 'contactEmails', value: (d.contactEmails ?? []).join(', '), 'aria-label': `${d.name} 联系邮箱` });
    const alias = h('input', { type: 'text', name: 'alias', 'aria-label': `${d.name} 新别名`, maxlength: 200 });
    const merge = h('select', { name: 'from', 'aria-label': `并入${d.name}的单位` }, h('option', { value: '' }, '选择…'), depts.filter((x) => x.id !== d.id).map((x) => h('option', { value: x.id }, x.name)));
    return h(
      'tr',
      {},
      h('td', {}, h('strong', {}, d.name), h('div', { class: 'muted small' }, `牵头 ${d.leadCount} · 配合 ${d.coCount}`)),
      h('td', {}, (d.aliases ?? []).join('、') || '—', isAdmin() ? apiForm('inline-form', [field('', alias, ['alias', '别名'])], async () => {
        await post(`/api/departments/${d.id}/aliases`, { alias: alias.value.trim() });
        toast('别名已添加', 'success');
        again();
      }, '加别名') : null),
      h('td', {}, isAdmin() ? apiForm('inline-form', [field('', mail, ['contactEmails', '邮箱'])], async () => {
        await patch(`/api/departments/${d.id}`, { contactEmails: emails(mail.value) });
        toast('联系邮箱已保存', 'success');
      }) : (d.contactEmails ?? []).join('、') || h('span', { class: 'overdue' }, '未设置')),
      isAdmin() ? h('td', {}, apiForm('inline-form', [field('', merge, ['from'])], async () => {
        if (!merge.value) throw new ApiError(400, ['请选择要并入的单位']);
        if (!confirm(`把“${merge.selectedOptions[0].textContent}”并入“${d.name}”?其全部分工将转到“${d.name}”,原名称成为别名。`)) return;
        const result = await post(`/api/departments/${d.id}/merge`, { from: Number(merge.value) });
        toast(`已合并,转移分工 ${result.movedAssignments ?? 0} 项`, 'success');
        again();
      }, '并入')) : null,
    );
  };

  mount(
    app,
    pageTitle('管理'),
    h('h2', {}, '单位和别名'),
    isAdmin() ? createDept : h('p', { class: 'muted' }, '单位由系统管理员维护。'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['单位', '别名', '联系邮箱', isAdmin() ? '合并' : null].filter(Boolean).map((t) => h('th', {}, t)))), h('tbody', {}, depts.map(deptRow)))),
    users ? usersSection(users, depts, again) : null,
    settingsSection(settings, again),
  );
}

const SOURCE = { admin: '管理页面设置', env: '服务器环境变量', default: '系统默认' };
const RULE_LABEL = { before: '期限前', due: '到期当日', overdue: '逾期', escalation: '抄送质量强市办' };

/** Numbers typed as "7, 1" or "7、1"; anything else is sent as typed so the server names the problem. */
const numberList = (text) => text.split(/[,,、;;\s]+/).filter(Boolean).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
const dateList = (text) => text.split(/[,,、;;\s]+/).filter(Boolean);
const wholeNumber = (text) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

function origin(o) {
  return h('p', { class: 'muted small' }, `来源:${SOURCE[o.source] ?? o.source}`, o.updatedBy ? `(${o.updatedBy},${fmtTime(o.updatedAt)})` : '', o.ignored ? h('span', { class: 'overdue' }, `;已保存的设置无效而未采用:${o.ignored}`) : null);
}

/** 提醒规则、报送日、节假日: an admin edits them here; every process picks them up within seconds. */
function settingsSection(settings, again) {
  const r = settings.reminderRules;
  const cal = settings.calendarOverrides;
  const summary = h(
    'dl',
    { class: 'meta' },
    h('dt', {}, '期限提醒'),
    h('dd', {}, `期限前 ${r.beforeDays.join('、') || '—'} 个工作日;${r.onDay ? '到期当日;' : ''}${r.overdueEvery ? `逾期后每 ${r.overdueEvery} 个工作日` : '逾期后不再提醒'};${r.escalateFrom ? `逾期 ${r.escalateFrom} 个工作日起抄送质量强市办` : '不抄送质量强市办'}`),
    h('dt', {}, '每月报送日'),
    h('dd', {}, `每月 ${r.reportDueDay} 日(本月截止 ${settings.reportingDeadlineThisMonth ?? '—'})${r.reportDutyBefore ? `,提前 ${r.reportDutyBefore} 个工作日提醒未报送的单位` : ''}`),
    h('dt', {}, '发送时段'),
    h('dd', {}, `工作日 ${r.officeHours[0]}:00–${r.officeHours[1]}:00`),
    h('dt', {}, '节假日调整'),
    h('dd', {}, cal.holidays.length || cal.workdays.length ? `放假:${cal.holidays.join('、') || '—'};调休上班:${cal.workdays.join('、') || '—'}` : '使用国家法定节假日和调休安排'),
    h('dt', {}, '黄灯'),
    h('dd', {}, `距期限 ${settings.warnWorkingDays} 个工作日以内,或本月进展未报送`),
    h('dt', {}, '附件大小上限'),
    h('dd', {}, `${settings.uploadMaxMb} MB`),
  );
  const warning = settings.calendarCoversThisYear ? null : h('div', { class: 'error', role: 'alert' }, h('p', {}, '节假日数据不含今年:请在下方补充今年的放假和调休日期,或升级系统(npm update chinese-days)。'));
  if (!settings.editable) {
    return [h('h2', {}, '提醒规则、节假日和报送日'), summary, origin(settings.origin.reminderRules), h('p', { class: 'muted small' }, '以上设置由系统管理员在本页修改。')];
  }

  const text = (name, value, extra = {}) => h('input', { type: 'text', name, value, inputmode: 'numeric', ...extra });
  const before = text('beforeDays', r.beforeDays.join(', '), { placeholder: '如 7, 1', inputmode: 'text' });
  const onDay = h('input', { type: 'checkbox', name: 'onDay', checked: r.onDay });
  const overdueEvery = text('overdueEvery', String(r.overdueEvery), { required: true });
  const escalateFrom = text('escalateFrom', String(r.escalateFrom), { required: true });
  const copyCo = Object.entries(RULE_LABEL).map(([k, v]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'copyCo', value: k, checked: r.copyCo.includes(k) }), v));
  const reportDueDay = text('reportDueDay', String(r.reportDueDay), { required: true });
  const reportDutyBefore = text('reportDutyBefore', String(r.reportDutyBefore), { required: true });
  const startHour = text('officeStart', String(r.officeHours[0]), { required: true, 'aria-label': '发送时段开始钟点' });
  const endHour = text('officeEnd', String(r.officeHours[1]), { required: true, 'aria-label': '发送时段结束钟点' });
  const rulesForm = apiForm(
    'filters settings',
    [
      field('期限前提醒(工作日,逗号分隔)', before, ['提前提醒']),
      field('到期当日提醒', onDay, ['到期当日']),
      field('逾期后每隔几个工作日提醒(0 不提醒)', overdueEvery, ['逾期提醒']),
      field('逾期几个工作日起抄送质量强市办(0 不抄送)', escalateFrom, ['抄送质量强市办']),
      field('每月进展报送日(1–31)', reportDueDay, ['每月报送日']),
      field('报送日前几个工作日提醒未报送单位(0 不提醒)', reportDutyBefore, ['报送提醒']),
      field('发送时段开始(时)', startHour, ['办公时间']),
      field('发送时段结束(时)', endHour, ['结束钟点']),
      h('fieldset', { class: 'field' }, h('legend', { class: 'field-label' }, '同时发给配合单位的提醒'), copyCo),
    ],
    async () => {
      await put('/api/settings/reminder-rules', {
        beforeDays: numberList(before.value),
        onDay: onDay.checked,
        overdueEvery: wholeNumber(overdueEvery.value),
        escalateFrom: wholeNumber(escalateFrom.value),
        copyCo: copyCo.map((l) => l.querySelector('input')).filter((c) => c.checked).map((c) => c.value),
        reportDueDay: wholeNumber(reportDueDay.value),
        reportDutyBefore: wholeNumber(reportDutyBefore.value),
        officeHours: [wholeNumber(startHour.value), wholeNumber(endHour.value)],
      });
      toast('提醒规则已保存,提醒服务几秒内按新规则执行', 'success');
      again();
    },
    '保存提醒规则',
  );

  const holidays = h('textarea', { name: 'holidays', rows: 3, placeholder: '如 2027-01-01, 2027-01-02' }, cal.holidays.join(', '));
  const workdays = h('textarea', { name: 'workdays', rows: 2, placeholder: '如 2027-02-07' }, cal.workdays.join(', '));
  const calendarForm = apiForm(
    'filters settings',
    [field('额外放假日期(YYYY-MM-DD)', holidays, ['放假日期']), field('调休上班日期(周末上班)', workdays, ['调休上班', '既放假又上班'])],
    async () => {
      await put('/api/settings/calendar', { holidays: dateList(holidays.value), workdays: dateList(workdays.value) });
      toast('节假日调整已保存', 'success');
      again();
    },
    '保存节假日调整',
  );
  const reset = (key, label) =>
    settings.origin[key].source === 'admin'
      ? h('button', {
          type: 'button',
          class: 'button small',
          onclick: async () => {
            if (!confirm(`放弃本页保存的${label},恢复为服务器配置或系统默认值?`)) return;
            try {
              await request('DELETE', `/api/settings/${key}`);
              toast(`${label}已恢复`, 'success');
              again();
            } catch (e) {
              toast(e instanceof ApiError ? e.messages.join(';') : '操作失败', 'error');
            }
          },
        }, `恢复${label}的默认值`)
      : null;
  return [
    h('h2', {}, '提醒规则、节假日和报送日'),
    warning,
    summary,
    h('h3', {}, '提醒规则和报送日'),
    origin(settings.origin.reminderRules),
    rulesForm,
    reset('reminderRules', '提醒规则'),
    h('h3', {}, '节假日调整'),
    h('p', { class: 'muted small' }, '国家法定节假日和调休已内置;这里填写本地额外放假或新一年尚未内置的安排。'),
    origin(settings.origin.calendarOverrides),
    calendarForm,
    reset('calendarOverrides', '节假日调整'),
  ];
}

function usersSection(users, depts, again) {
  const username = h('input', { type: 'text', name: 'username', required: true, maxlength: 64, autocomplete: 'off' });
  const displayName = h('input', { type: 'text', name: 'displayName', required: true, maxlength: 100 });
  const password = h('input', { type: 'password', name: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
  const role = h('select', { name: 'role' }, Object.entries(ROLE).map(([k, v]) => h('option', { value: k, selected: k === 'editor' }, v)));
  const dept = h('select', { name: 'departmentId' }, h('option', { value: '' }, '无'), depts.map((d) => h('option', { value: d.id }, d.name)));
  const email = h('input', { type: 'email', name: 'email', maxlength: 200 });
  const create = apiForm('filters', [field('登录名', username, ['username', '登录名']), field('姓名', displayName, ['displayName', '姓名']), field('初始密码', password, ['password', '密码']), field('角色', role, ['role']), field('单位', dept, ['departmentId', '单位']), field('邮箱', email, ['email', '邮箱'])], async () => {
    await post('/api/users', { username: username.value.trim(), displayName: displayName.value.trim(), password: password.value, role: role.value, ...(dept.value ? { departmentId: Number(dept.value) } : {}), ...(email.value.trim() ? { email: email.value.trim() } : {}) });
    toast('用户已建立', 'success');
    again();
  }, '新建用户');
  return [
    h('h2', {}, '用户和角色'),
    create,
    dataTable({
      title: '用户',
      rows: users,
      columns: [
        { label: '登录名', value: (u) => u.username },
        { label: '姓名', value: (u) => u.displayName },
        { label: '角色', value: (u) => ROLE[u.role] ?? u.role, render: (u) => h('select', { 'aria-label': `${u.username} 角色`, onchange: (e) => save(u, { role: e.target.value }) }, Object.entries(ROLE).map(([k, v]) => h('option', { value: k, selected: k === u.role }, v))) },
        { label: '单位', value: (u) => u.departmentName ?? '', render: (u) => h('select', { 'aria-label': `${u.username} 单位`, onchange: (e) => save(u, { departmentId: e.target.value ? Number(e.target.value) : null }) }, h('option', { value: '' }, '无'), depts.map((d) => h('option', { value: d.id, selected: d.id === u.departmentId }, d.name))) },
        { label: '邮箱', value: (u) => u.email ?? '', class: 'small' },
        { label: '状态', value: (u) => (u.active ? '在用' : '已停用'), render: (u) => h('button', { type: 'button', class: 'button small', onclick: () => save(u, { active: !u.active }, true) }, u.active ? '停用' : '启用') },
        { label: '密码', value: () => '', render: (u) => h('button', { type: 'button', class: 'button small', onclick: () => resetPassword(u) }, '重设') },
      ],
    }),
  ];
  async function save(u, body, reload = false) {
    try {
      await patch(`/api/users/${u.id}`, body);
      toast('已保存', 'success');
      if (reload) again();
    } catch (e) {
      toast(e instanceof ApiError ? e.messages.join(';') : '保存失败', 'error');
      again();
    }
  }
  async function resetPassword(u) {
    const { dialog } = await import('../ui.js');
    const ok = await dialog(`重设密码:${u.username}`, () => {
      const pw = h('input', { type: 'password', name: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
      return { body: field('新密码(至少 8 位)', pw, ['password', '密码']), label: '重设', submit: () => patch(`/api/users/${u.id}`, { password: pw.value }) };
    });
    if (ok) toast('密码已重设', 'success');
  }
}

// ---------------------------------------------------------------- 修改密码
export async function passwordPage() {
  const app = document.getElementById('app');
  const current = h('input', { type: 'password', name: 'currentPassword', required: true, autocomplete: 'current-password', maxlength: 200 });
  const next = h('input', { type: 'password', name: 'newPassword', required: true, autocomplete: 'new-password', minlength: 8, maxlength: 200 });
  const again = h('input', { type: 'password', name: 'again', required: true, autocomplete: 'new-password', maxlength: 200 });
  const form = apiForm('stack narrow', [field('当前密码', current, ['currentPassword', '当前密码']), field('新密码(至少 8 位)', next, ['newPassword', '新密码']), field('再次输入新密码', again, ['两次'])], async () => {
    if (next.value !== again.value) throw new ApiError(400, ['两次输入的新密码不一致']);
    await post('/api/auth/password', { currentPassword: current.value, newPassword: next.value });
    for (const el of [current, next, again]) el.value = '';
    toast('密码已修改,其他设备上的登录已退出', 'success');
  }, '修改密码');
  mount(app, pageTitle('修改密码'), h('p', { class: 'muted' }, `当前用户:${session.user?.displayName ?? ''}(${session.user?.username ?? ''})`), form);
}
