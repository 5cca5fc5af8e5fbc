// 管理: departments, aliases and merges; users and roles; reminder rules, the reporting day and holidays.
import {
  REMINDER_RULE_LABELS,
  ROLE_LABELS,
  SETTING_SOURCE_LABELS,
  type DepartmentRow,
  type SettingOriginView,
  type SettingsResponse,
  type UserRole,
  type UserRow,
} from '../../../../libs/contracts/src/index.js';
import { ApiError, del, get, messagesOfError, patch, post, put } from '../api.js';
import { ChatChannelsSection } from '../components/chat-channels.js';
import { Loaded, PageTitle } from '../components/common.js';
import { DataTable } from '../components/data-table.js';
import { formDialog } from '../components/dialog.js';
import { Field, Form } from '../components/form.js';
import { IssuingOfficeSection } from '../components/issuing-office.js';
import { fmtTime } from '../format.js';
import { useLoad } from '../load.js';
import { isAdmin } from '../session.js';
import { toast } from '../toast.js';

const emails = (text: string) =>
  text
    .split(/[,,;;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
/** Numbers typed as "7, 1" or "7、1"; anything else is sent as typed so the server names the problem. */
const numberList = (text: string) =>
  text
    .split(/[,,、;;\s]+/)
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
const dateList = (text: string) => text.split(/[,,、;;\s]+/).filter(Boolean);
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());
const value = (data: FormData, name: string) => String(data.get(name) ?? '');

export function AdminPage() {
  const state = useLoad(() => Promise.all([get<DepartmentRow[]>('/api/departments'), get<SettingsResponse>('/api/settings'), isAdmin() ? get<UserRow[]>('/api/users') : Promise.resolve(null)]));
  return <Loaded state={state}>{([depts, settings, users]) => <Admin key={state.generation} depts={depts} settings={settings} users={users} again={state.reload} />}</Loaded>;
}

function Admin({ depts, settings, users, again }: { depts: DepartmentRow[]; settings: SettingsResponse; users: UserRow[] | null; again: () => void }) {
  return (
    <>
      <PageTitle text="管理" />
      <h2>单位和别名</h2>
      {isAdmin() ? (
        <Form
          class="filters"
          submitLabel="新建单位"
          generalFirst={false}
          onSubmit={async (data) => {
            await post('/api/departments', { name: value(data, 'name').trim(), contactEmails: emails(value(data, 'contactEmails')) });
            toast('单位已建立', 'success');
            again();
          }}
        >
          <Field label="单位名称">
            <input type="text" name="name" required maxLength={200} />
          </Field>
          <Field label="联系邮箱">
            <input type="text" name="contactEmails" placeholder="多个邮箱用逗号分隔" />
          </Field>
        </Form>
      ) : (
        <p class="muted">单位由系统管理员维护。</p>
      )}
      <div class="table-wrap">
        <table class="data" aria-label="单位">
          <thead>
            <tr>
              <th>单位</th>
              <th>别名</th>
              <th>联系邮箱</th>
              {isAdmin() ? <th>合并</th> : null}
            </tr>
          </thead>
          <tbody>
            {depts.map((d) => (
              <DepartmentRowView key={d.id} d={d} depts={depts} again={again} />
            ))}
          </tbody>
        </table>
      </div>
      {users ? <UsersSection users={users} depts={depts} again={again} /> : null}
      <PublicUrlSection settings={settings} again={again} />
      {isAdmin() ? <ChatChannelsSection depts={depts} /> : null}
      <SettingsSection settings={settings} again={again} />
      <IssuingOfficeSection settings={settings} again={again} />
    </>
  );
}

/** 系统访问地址: the start of every link in the mails; warned about while it only works on the server itself. */
function PublicUrlSection({ settings, again }: { settings: SettingsResponse; again: () => void }) {
  return (
    <>
      <h2>系统访问地址</h2>
      <p>{`邮件中的事项链接以 ${settings.publicUrl} 开头。`}</p>
      {settings.publicUrlWarning ? (
        <p class="error" role="alert">
          {settings.publicUrlWarning}
        </p>
      ) : null}
      <Origin o={settings.origin.publicUrl} />
      {settings.editable ? (
        <Form
          class="filters"
          submitLabel="保存访问地址"
          generalFirst={false}
          onSubmit={async (data) => {
            await put('/api/settings/public-url', { url: value(data, 'url').trim() });
            toast('访问地址已保存', 'success');
            again();
          }}
        >
          <Field label="系统访问地址" names={['系统访问地址', '访问地址']}>
            <input type="url" name="url" required maxLength={300} defaultValue={settings.publicUrl} placeholder="https://duban.example.gov.cn" />
          </Field>
        </Form>
      ) : (
        <p class="muted small">访问地址由系统管理员在本页修改。</p>
      )}
    </>
  );
}

function DepartmentRowView({ d, depts, again }: { d: DepartmentRow; depts: DepartmentRow[]; again: () => void }) {
  return (
    <tr>
      <td>
        <strong>{d.name}</strong>
        <div class="muted small">{`牵头 ${d.leadCount} · 配合 ${d.coCount}`}</div>
      </td>
      <td>
        {(d.aliases ?? []).join('、') || '—'}
        {isAdmin() ? (
          <Form
            class="inline-form"
            submitLabel="加别名"
            submitClass="button small"
            generalFirst={false}
            onSubmit={async (data) => {
              await post(`/api/departments/${d.id}/aliases`, { alias: value(data, 'alias').trim() });
              toast('别名已添加', 'success');
              again();
            }}
          >
            <Field>
              <input type="text" name="alias" aria-label={`${d.name} 新别名`} maxLength={200} />
            </Field>
          </Form>
        ) : null}
      </td>
      <td>
        {isAdmin() ? (
          <Form
            class="inline-form"
            submitLabel="保存"
            submitClass="button small"
            generalFirst={false}
            onSubmit={async (data) => {
              await patch(`/api/departments/${d.id}`, { contactEmails: emails(value(data, 'contactEmails')) });
              toast('联系邮箱已保存', 'success');
            }}
          >
            <Field>
              <input type="text" name="contactEmails" defaultValue={(d.contactEmails ?? []).join(', ')} aria-label={`${d.name} 联系邮箱`} />
            </Field>
          </Form>
        ) : (
          (d.contactEmails ?? []).join('、') || <span class="overdue">未设置</span>
        )}
      </td>
      {isAdmin() ? (
        <td>
          <Form
            class="inline-form"
            submitLabel="并入"
            submitClass="button small"
            generalFirst={false}
            onSubmit={async (data, form) => {
              const from = value(data, 'from');
              if (!from) throw ApiError.forField('from', '并入的单位', '请选择要并入的单位');
              const name = form.querySelector<HTMLSelectElement>('select[name=from]')?.selectedOptions[0]?.textContent ?? '';
              if (!confirm(`把“${name}”并入“${d.name}”?其全部分工将转到“${d.name}”,原名称成为别名。`)) return;
              const result = await post<{ movedAssignments?: number }>(`/api/departments/${d.id}/merge`, { from: Number(from) });
              toast(`已合并,转移分工 ${result.movedAssignments ?? 0} 项`, 'success');
              again();
            }}
          >
            <Field>
              <select name="from" aria-label={`并入${d.name}的单位`}>
                <option value="">选择…</option>
                {depts
                  .filter((x) => x.id !== d.id)
                  .map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
              </select>
            </Field>
          </Form>
        </td>
      ) : null}
    </tr>
  );
}

function Origin({ o }: { o: SettingOriginView }) {
  return (
    <p class="muted small">
      {`来源:${SETTING_SOURCE_LABELS[o.source] ?? o.source}`}
      {o.updatedBy ? `(${o.updatedBy},${fmtTime(o.updatedAt)})` : ''}
      {o.ignored ? <span class="overdue">{`;已保存的设置无效而未采用:${o.ignored}`}</span> : null}
    </p>
  );
}

/** 提醒规则、报送日、节假日: an admin edits them here; every process picks them up within seconds. */
function SettingsSection({ settings, again }: { settings: SettingsResponse; again: () => void }) {
  const r = settings.reminderRules;
  const cal = settings.calendarOverrides;
  const summary = (
    <dl class="meta">
      <dt>期限提醒</dt>
      <dd>{`期限前 ${r.beforeDays.join('、') || '—'} 个工作日;${r.onDay ? '到期当日;' : ''}${r.overdueEvery ? `逾期后每 ${r.overdueEvery} 个工作日` : '逾期后不再提醒'};${r.escalateFrom ? `逾期 ${r.escalateFrom} 个工作日起抄送质量强市办` : '不抄送质量强市办'}`}</dd>
      <dt>每月报送日</dt>
      <dd>{`每月 ${r.reportDueDay} 日(本月截止 ${settings.reportingDeadlineThisMonth ?? '—'})${r.reportDutyBefore ? `,提前 ${r.reportDutyBefore} 个工作日提醒未报送的单位` : ''}`}</dd>
      <dt>发送时段</dt>
      <dd>{`工作日 ${r.officeHours[0]}:00–${r.officeHours[1]}:00`}</dd>
      <dt>节假日调整</dt>
      <dd>{cal.holidays.length || cal.workdays.length ? `放假:${cal.holidays.join('、') || '—'};调休上班:${cal.workdays.join('、') || '—'}` : '使用国家法定节假日和调休安排'}</dd>
      <dt>黄灯</dt>
      <dd>{`距期限 ${settings.warnWorkingDays} 个工作日以内,或本月进展未报送`}</dd>
      <dt>附件大小上限</dt>
      <dd>{`${settings.uploadMaxMb} MB`}</dd>
    </dl>
  );
  if (!settings.editable) {
    return (
      <>
        <h2>提醒规则、节假日和报送日</h2>
        {summary}
        <Origin o={settings.origin.reminderRules} />
        <p class="muted small">以上设置由系统管理员在本页修改。</p>
      </>
    );
  }
  const reset = (key: 'reminderRules' | 'calendarOverrides', label: string) =>
    settings.origin[key].source === 'admin' ? (
      <button
        type="button"
        class="button small"
        onClick={async () => {
          if (!confirm(`放弃本页保存的${label},恢复为服务器配置或系统默认值?`)) return;
          try {
            await del(`/api/settings/${key}`);
            toast(`${label}已恢复`, 'success');
            again();
          } catch (e) {
            toast(messagesOfError(e, '操作失败').join(';'), 'error');
          }
        }}
      >
        {`恢复${label}的默认值`}
      </button>
    ) : null;
  return (
    <>
      <h2>提醒规则、节假日和报送日</h2>
      {settings.calendarCoversThisYear ? null : (
        <div class="error" role="alert">
          <p>节假日数据不含今年:请在下方补充今年的放假和调休日期,或升级系统(npm update chinese-days)。</p>
        </div>
      )}
      {summary}
      <h3>提醒规则和报送日</h3>
      <Origin o={settings.origin.reminderRules} />
      <Form
        class="filters settings"
        submitLabel="保存提醒规则"
        generalFirst={false}
        onSubmit={async (data) => {
          await put('/api/settings/reminder-rules', {
            beforeDays: numberList(value(data, 'beforeDays')),
            onDay: data.get('onDay') === 'on',
            overdueEvery: wholeNumber(value(data, 'overdueEvery')),
            escalateFrom: wholeNumber(value(data, 'escalateFrom')),
            copyCo: data.getAll('copyCo').map(String),
            reportDueDay: wholeNumber(value(data, 'reportDueDay')),
            reportDutyBefore: wholeNumber(value(data, 'reportDutyBefore')),
            officeHours: [wholeNumber(value(data, 'officeStart')), wholeNumber(value(data, 'officeEnd'))],
          });
          toast('提醒规则已保存,提醒服务几秒内按新规则执行', 'success');
          again();
        }}
      >
        <Field label="期限前提醒(工作日,逗号分隔)">
          <input type="text" name="beforeDays" defaultValue={r.beforeDays.join(', ')} placeholder="如 7, 1" />
        </Field>
        <Field label="到期当日提醒">
          <input type="checkbox" name="onDay" defaultChecked={r.onDay} />
        </Field>
        <Field label="逾期后每隔几个工作日提醒(0 不提醒)">
          <input type="text" name="overdueEvery" defaultValue={String(r.overdueEvery)} inputMode="numeric" required />
        </Field>
        <Field label="逾期几个工作日起抄送质量强市办(0 不抄送)">
          <input type="text" name="escalateFrom" defaultValue={String(r.escalateFrom)} inputMode="numeric" required />
        </Field>
        <Field label="每月进展报送日(1–31)">
          <input type="text" name="reportDueDay" defaultValue={String(r.reportDueDay)} inputMode="numeric" required />
        </Field>
        <Field label="报送日前几个工作日提醒未报送单位(0 不提醒)">
          <input type="text" name="reportDutyBefore" defaultValue={String(r.reportDutyBefore)} inputMode="numeric" required />
        </Field>
        <Field label="发送时段开始(时)" names={['officeHours.0', 'officeHours']}>
          <input type="text" name="officeStart" defaultValue={String(r.officeHours[0])} inputMode="numeric" required />
        </Field>
        <Field label="发送时段结束(时)" names={['officeHours.1']}>
          <input type="text" name="officeEnd" defaultValue={String(r.officeHours[1])} inputMode="numeric" required />
        </Field>
        <fieldset class="field">
          <legend class="field-label">同时发给配合单位的提醒</legend>
          {Object.entries(REMINDER_RULE_LABELS).map(([k, v]) => (
            <label class="check" key={k}>
              <input type="checkbox" name="copyCo" value={k} defaultChecked={r.copyCo.some((c) => c === k)} />
              {v}
            </label>
          ))}
        </fieldset>
      </Form>
      {reset('reminderRules', '提醒规则')}
      <h3>节假日调整</h3>
      <p class="muted small">国家法定节假日和调休已内置;这里填写本地额外放假或新一年尚未内置的安排。</p>
      <Origin o={settings.origin.calendarOverrides} />
      <Form
        class="filters settings"
        submitLabel="保存节假日调整"
        generalFirst={false}
        onSubmit={async (data) => {
          await put('/api/settings/calendar', { holidays: dateList(value(data, 'holidays')), workdays: dateList(value(data, 'workdays')) });
          toast('节假日调整已保存', 'success');
          again();
        }}
      >
        <Field label="额外放假日期(YYYY-MM-DD)">
          <textarea name="holidays" rows={3} placeholder="如 2027-01-01, 2027-01-02" defaultValue={cal.holidays.join(', ')} />
        </Field>
        <Field label="调休上班日期(周末上班)">
          <textarea name="workdays" rows={2} placeholder="如 2027-02-07" defaultValue={cal.workdays.join(', ')} />
        </Field>
      </Form>
      {reset('calendarOverrides', '节假日调整')}
    </>
  );
}

function UsersSection({ users, depts, again }: { users: UserRow[]; depts: DepartmentRow[]; again: () => void }) {
  const save = async (u: UserRow, body: Record<string, unknown>, reload = false) => {
    try {
      await patch(`/api/users/${u.id}`, body);
      toast('已保存', 'success');
      if (reload) again();
    } catch (e) {
      toast(messagesOfError(e, '保存失败').join(';'), 'error');
      again();
    }
  };
  const resetPassword = async (u: UserRow) => {
    const ok = await formDialog({
      title: `重设密码:${u.username}`,
      label: '重设',
      body: (
        <Field label="新密码(至少 8 位)">
          <input type="password" name="password" required minLength={8} autoComplete="new-password" />
        </Field>
      ),
      submit: (data) => patch(`/api/users/${u.id}`, { password: value(data, 'password') }),
    });
    if (ok) toast('密码已重设', 'success');
  };
  const roles = Object.entries(ROLE_LABELS) as [UserRole, string][];
  return (
    <>
      <h2>用户和角色</h2>
      <Form
        class="filters"
        submitLabel="新建用户"
        generalFirst={false}
        onSubmit={async (data) => {
          const dept = value(data, 'departmentId');
          const email = value(data, 'email').trim();
          await post('/api/users', {
            username: value(data, 'username').trim(),
            displayName: value(data, 'displayName').trim(),
            password: value(data, 'password'),
            role: value(data, 'role'),
            ...(dept ? { departmentId: Number(dept) } : {}),
            ...(email ? { email } : {}),
          });
          toast('用户已建立', 'success');
          again();
        }}
      >
        <Field label="登录名">
          <input type="text" name="username" required maxLength={64} autoComplete="off" />
        </Field>
        <Field label="姓名">
          <input type="text" name="displayName" required maxLength={100} />
        </Field>
        <Field label="初始密码">
          <input type="password" name="password" required minLength={8} autoComplete="new-password" />
        </Field>
        <Field label="角色">
          <select name="role" defaultValue="editor">
            {roles.map(([k, v]) => (
              <option key={k} value={k} selected={k === 'editor'}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field label="单位">
          <select name="departmentId">
            <option value="">无</option>
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="邮箱">
          <input type="email" name="email" maxLength={200} />
        </Field>
      </Form>
      <DataTable
        title="用户"
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { label: '登录名', value: (u) => u.username },
          { label: '姓名', value: (u) => u.displayName },
          {
            label: '角色',
            value: (u) => ROLE_LABELS[u.role] ?? u.role,
            render: (u) => (
              <select aria-label={`${u.username} 角色`} onChange={(e) => save(u, { role: (e.currentTarget as HTMLSelectElement).value })}>
                {roles.map(([k, v]) => (
                  <option key={k} value={k} selected={k === u.role}>
                    {v}
                  </option>
                ))}
              </select>
            ),
          },
          {
            label: '单位',
            value: (u) => u.departmentName ?? '',
            render: (u) => (
              <select
                aria-label={`${u.username} 单位`}
                onChange={(e) => {
                  const v = (e.currentTarget as HTMLSelectElement).value;
                  void save(u, { departmentId: v ? Number(v) : null });
                }}
              >
                <option value="">无</option>
                {depts.map((d) => (
                  <option key={d.id} value={d.id} selected={d.id === u.departmentId}>
                    {d.name}
                  </option>
                ))}
              </select>
            ),
          },
          { label: '邮箱', value: (u) => u.email ?? '', class: 'small' },
          {
            label: '状态',
            value: (u) => (u.active ? '在用' : '已停用'),
            render: (u) => (
              <button type="button" class="button small" onClick={() => save(u, { active: !u.active }, true)}>
                {u.active ? '停用' : '启用'}
              </button>
            ),
          },
          {
            label: '密码',
            value: () => '',
            render: (u) => (
              <button type="button" class="button small" aria-label={`重设 ${u.username} 的密码`} onClick={() => resetPassword(u)}>
                重设
              </button>
            ),
          },
        ]}
      />
    </>
  );
}
