// 任务详情: the item as printed, its departments and deadline, progress reports by month, the report
// form (draft, attachments, submit), status changes, extension requests, urges and the audit log.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ACTION_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  AUDIT_ACTION_LABELS,
  EXTENSION_KIND_LABELS,
  EXTENSION_STATE_LABELS,
  type AuditPage,
  type ExtensionRow,
  type ItemActionName,
  type ItemDetail,
  type ProgressReportRow,
  type ReportSaveRequest,
  STATUS_ACTIONS,
  STATUS_RULES,
  type StatusAction,
  type UrgeRow,
} from '../../../../libs/contracts/src/index.js';
import { ApiError, get, messagesOfError, post, put } from '../api.js';
import { DaysLeft, ErrorBox, KindBadge, Light, Loaded, Loading, PageTitle } from '../components/common.js';
import { formDialog } from '../components/dialog.js';
import { Field, Form } from '../components/form.js';
import { daysUntil, fmtTime, monthTitle, thisMonth } from '../format.js';
import { useLoad } from '../load.js';
import { NoticeButton } from '../components/notice-button.js';
import { isCoordinator, readsAsOffice, session } from '../session.js';
import { toast } from '../toast.js';

/** Whether the server allows the signed-in user this action on the item (ItemDetail.actions, decided by libs/domain). */
export function allowed(item: Pick<ItemDetail, 'actions'>, action: ItemActionName): boolean {
  return item.actions.some((a) => a.action === action && a.allowed);
}

/** The relation the report form is written for: the user's department on the item. */
function ownRole(item: ItemDetail): 'lead' | 'co' | null {
  return item.departments.find((d) => d.id === session.user?.departmentId)?.role ?? null;
}

export function ItemPage({ id }: { id: string }) {
  const state = useLoad(() => get<ItemDetail>(`/api/items/${id}`), [id]);
  return <Loaded state={state}>{(item) => <ItemView key={state.generation} item={item} reload={state.reload} />}</Loaded>;
}

function ItemView({ item, reload }: { item: ItemDetail; reload: () => void }) {
  // A read-only item (superseded, withdrawn, archived plan) offers no action: the server says so in item.actions.
  const locked = item.readOnly !== null;
  const lead = item.departments.filter((d) => d.role === 'lead').map((d) => d.name);
  const co = item.departments.filter((d) => d.role === 'co').map((d) => d.name);
  const days = item.deadline ? daysUntil(item.deadline) : null;
  return (
    <>
      <nav class="crumbs" aria-label="位置">
        <a href="#/plans">方案</a>
        {' / '}
        <a href={`#/plans/${item.planId}`}>{item.plan.current ? item.plan.title : `${item.plan.title}(第${item.plan.version}版)`}</a>
        {item.path.map((p) => ` / ${p}`)}
      </nav>
      <PageTitle text={`${item.number} ${item.title}`} />
      {item.supersededBy ? (
        <p class="notice" role="status">
          {`已被第${item.supersededBy.version}版替代,`}
          <a href={`#/items/${item.supersededBy.itemId}`}>{`查看第${item.supersededBy.version}版的该条目`}</a>
          ,本条目不能再办理。
        </p>
      ) : locked ? (
        <p class="notice" role="status">{`本条目只读:${item.readOnly}`}</p>
      ) : null}
      <dl class="meta">
        <dt>类型</dt>
        <dd>
          <KindBadge kind={item.kind} />
        </dd>
        <dt>章节</dt>
        <dd>{item.path.join(' / ') || '—'}</dd>
        <dt>牵头单位</dt>
        <dd>{lead.join('、') || '未分配'}</dd>
        <dt>配合单位</dt>
        <dd>{co.join('、') || '—'}</dd>
        <dt>完成时限</dt>
        <dd>
          {item.dueText ?? '未规定'}
          {item.deadline && item.deadline !== item.dueText ? <span class="muted">({item.deadline})</span> : null}{' '}
          {/* A superseded item is tracked on its successor: no days left, no light of its own. */}
          {item.supersededBy ? null : <DaysLeft row={{ ...item, daysLeft: days }} />}
        </dd>
        <dt>状态</dt>
        <dd id="item-status">
          {item.status}
          {item.statusReason ? <span class="muted">({item.statusReason})</span> : null}
        </dd>
        {item.completion ? (
          <>
            <dt>办结情况</dt>
            <dd id="item-completion">
              {item.completion.statement}
              <span class="muted small">{` ${item.completion.by ?? ''} ${fmtTime(item.completion.at)}报完成`}</span>
            </dd>
          </>
        ) : null}
        {item.evidence.length ? (
          <>
            <dt>佐证材料</dt>
            <dd>
              <EvidenceList item={item} />
            </dd>
          </>
        ) : null}
        {item.supersededBy ? null : (
          <>
            <dt>红绿灯</dt>
            <dd>
              <Light value={item.light} reasons={item.lightReasons} />
              {item.lightReasons.length ? <span class="muted small"> {item.lightReasons.join(';')}</span> : null}
            </dd>
          </>
        )}
      </dl>
      <StatusActions item={item} reload={reload} />
      {allowed(item, 'evidence') ? <EvidenceUpload item={item} reload={reload} /> : null}
      {allowed(item, 'deadline') ? <Steering item={item} reload={reload} /> : null}
      {isCoordinator() && !locked && item.status !== '已销号' ? <NoticeButton itemIds={[item.id]} perDepartment={false} /> : null}
      <h2>原文</h2>
      <div class="original">{item.body}</div>
      {item.sourceLineStart ? <p class="muted small">{`原文第 ${item.sourceLineStart}–${item.sourceLineEnd} 行`}</p> : null}
      <ReportsSection item={item} reload={reload} />
      <ExtensionsSection item={item} reload={reload} />
      <UrgesSection item={item} reload={reload} />
      {readsAsOffice() ? <AuditSection item={item} /> : null}
    </>
  );
}

function EvidenceList({ item }: { item: Pick<ItemDetail, 'id' | 'evidence'> }) {
  return (
    <ul class="attachments">
      {item.evidence.map((e) => (
        <li key={e.id}>
          <a href={`/api/items/${item.id}/evidence/${e.id}`} download={e.fileName}>{`📎 ${e.fileName}`}</a>
          <span class="muted small">{` ${Math.ceil(e.size / 1024)} KB${e.uploadedBy ? ` · ${e.uploadedBy}` : ''}`}</span>
        </li>
      ))}
    </ul>
  );
}

async function uploadEvidence(itemId: number, files: File[]): Promise<void> {
  for (const file of files) {
    const data = new FormData();
    data.append('file', file);
    await post(`/api/items/${itemId}/evidence`, data);
  }
}

const EVIDENCE_TYPES = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.txt,.zip';

/**
 * A status change asked in a dialog, which is its confirmation: the text the action carries
 * (办结情况 with evidence files for 报完成; 销号意见 beside the 办结情况 and evidence for 销号;
 * 撤销理由, 退回理由, 暂缓理由), or a plain confirmation. Resolves true when done.
 */
export async function transitionDialog(item: ItemDetail, action: StatusAction): Promise<boolean> {
  const label = ACTION_LABELS[action];
  const reason = STATUS_RULES[action].reason;
  const done = await formDialog({
    title: `${label}:${item.number} ${item.title}`,
    label: action === 'close' ? '确认销号' : action === 'reopen' ? '确认撤销销号' : label,
    body: (
      <>
        {action === 'close' || action === 'return' ? (
          <div class="panel">
            <p>
              <strong>办结情况:</strong>
              {item.completion?.statement ?? '(未填写)'}
            </p>
            {item.evidence.length ? <EvidenceList item={item} /> : <p class="muted">没有佐证材料。</p>}
          </div>
        ) : null}
        {action === 'close' ? <p>销号后事项办结,不再提醒;如属误操作,质量强市办可撤销销号。</p> : null}
        {reason ? (
          <Field label={reason} names={['reason']}>
            <textarea name="reason" rows={3} required maxLength={2000} />
          </Field>
        ) : (
          <p>{`确认${label}?`}</p>
        )}
        {action === 'complete' ? (
          <Field label="佐证材料(可多选,可不传)" names={['evidence']}>
            <input type="file" name="evidence" multiple accept={EVIDENCE_TYPES} />
          </Field>
        ) : null}
      </>
    ),
    submit: async (data) => {
      const text = String(data.get('reason') ?? '').trim();
      await post(`/api/items/${item.id}/transitions`, reason ? { action, reason: text, version: item.version } : { action, version: item.version });
      const files = data.getAll('evidence').filter((f): f is File => f instanceof File && f.size > 0);
      if (files.length) await uploadEvidence(item.id, files);
      return true;
    },
  });
  if (done) toast(`已${label}`, 'success');
  return Boolean(done);
}

function StatusActions({ item, reload }: { item: ItemDetail; reload: () => void }) {
  const available = STATUS_ACTIONS.filter((a) => allowed(item, a));
  if (!available.length) return null;
  const run = async (action: StatusAction) => {
    try {
      // A change that carries a text (办结情况, 销号意见, 理由) is asked and confirmed in a dialog; 启动 and 恢复推进 are taken at once.
      if (STATUS_RULES[action].reason !== null) {
        if (await transitionDialog(item, action)) reload();
        return;
      }
      await post(`/api/items/${item.id}/transitions`, { action, version: item.version });
      toast(`已${ACTION_LABELS[action]}`, 'success');
      reload();
    } catch (e) {
      toast(messagesOfError(e, `${ACTION_LABELS[action]}失败`).join(';'), 'error');
      if (e instanceof ApiError && e.status === 409) reload();
    }
  };
  return (
    <div class="actions status-actions">
      <span class="muted">办理:</span>
      {available.map((action) => (
        <button key={action} type="button" class={action === 'close' || action === 'complete' ? 'primary' : ''} onClick={() => run(action)}>
          {ACTION_LABELS[action]}
        </button>
      ))}
    </div>
  );
}

/** 佐证材料 added after 报完成 (or while in progress), by the lead or the office. */
function EvidenceUpload({ item, reload }: { item: ItemDetail; reload: () => void }) {
  return (
    <details class="panel">
      <summary>上传佐证材料</summary>
      <Form
        class="inline-form"
        submitLabel="上传"
        submitClass=""
        generalFirst={false}
        onSubmit={async (data) => {
          const files = data.getAll('evidence').filter((f): f is File => f instanceof File && f.size > 0);
          await uploadEvidence(item.id, files);
          toast('佐证材料已上传', 'success');
          reload();
        }}
      >
        <Field label="佐证材料(可多选)" names={['附件', '文件']}>
          <input type="file" name="evidence" multiple required accept={EVIDENCE_TYPES} />
        </Field>
      </Form>
    </details>
  );
}

/** Coordinator: set the deadline. */
function Steering({ item, reload }: { item: ItemDetail; reload: () => void }) {
  return (
    <details class="panel">
      <summary>调整期限(质量强市办)</summary>
      <Form
        class="inline-form"
        submitLabel="保存期限"
        submitClass=""
        generalFirst={false}
        onSubmit={async (data) => {
          await put(`/api/items/${item.id}/deadline`, { deadline: String(data.get('deadline') ?? '').trim(), version: item.version });
          toast('期限已更新', 'success');
          reload();
        }}
      >
        <Field label="设定期限" names={['deadline']}>
          <input type="text" name="deadline" defaultValue={item.deadline ?? item.dueText ?? ''} placeholder="2025-06-30、2025年6月底前、年内、10个工作日内" maxLength={50} required />
        </Field>
      </Form>
    </details>
  );
}

function ReportsSection({ item, reload }: { item: ItemDetail; reload: () => void }) {
  const state = useLoad(() => get<ProgressReportRow[]>(`/api/progress-reports?item=${item.id}`), [item.id]);
  const relation = ownRole(item);
  const canWrite = allowed(item, 'report') && relation !== null;
  if (!state.data) return <section>{state.error ? <ErrorBox error={state.error} /> : <p class="muted">正在加载进展…</p>}</section>;
  const reports = state.data;
  const byMonth = new Map<string, ProgressReportRow[]>();
  for (const r of reports) byMonth.set(r.period, [...(byMonth.get(r.period) ?? []), r]);
  const months = [...byMonth.keys()].sort().reverse();
  return (
    <section>
      <h2>进展报送</h2>
      {canWrite && relation ? <ReportForm item={item} relation={relation} reports={reports} reload={reload} /> : null}
      {months.length === 0 ? <p class="muted">还没有报送进展。</p> : null}
      {months.map((m) => (
        <div class="month" key={m}>
          <h3>{monthTitle(m)}</h3>
          {(byMonth.get(m) ?? [])
            .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
            .map((r) => (
              <article key={r.id} class={`report ${r.state}`}>
                <div class="report-head">
                  <strong>{r.departmentName}</strong>
                  <span class="badge">{r.role === 'lead' ? '牵头单位汇总' : '配合单位分工进展'}</span>
                  {r.state === 'draft' ? <span class="tag warn">草稿(仅本单位可见)</span> : <span class="tag ok">{r.late ? '已报送(迟报)' : '已报送'}</span>}
                  {r.state === 'submitted' && r.readAt ? <span class="tag">质量强市办已读</span> : null}
                  {r.percent !== null && r.percent !== undefined ? <span class="muted">{`完成 ${r.percent}%`}</span> : null}
                  <span class="muted small">{fmtTime(r.submittedAt ?? r.updatedAt)}</span>
                </div>
                <div class="report-text">{r.text}</div>
                {r.returnReason ? <p class="notice">{`质量强市办退回补充:${r.returnReason}`}</p> : null}
                {r.state === 'submitted' && !r.readAt && r.departmentId === session.user?.departmentId && allowed(item, 'report') ? <WithdrawButton report={r} reload={reload} /> : null}
                {r.attachments.length ? (
                  <ul class="attachments">
                    {r.attachments.map((a) => (
                      <li key={a.id}>
                        <a href={`/api/progress-reports/${r.id}/attachments/${a.id}`} download={a.fileName}>{`📎 ${a.fileName}`}</a>
                        <span class="muted small">{` ${Math.ceil(a.size / 1024)} KB`}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </article>
            ))}
        </div>
      ))}
    </section>
  );
}

/** 撤回修改: the department takes its submitted report back until the office has read it; the submitted version is kept. */
function WithdrawButton({ report, reload }: { report: ProgressReportRow; reload: () => void }) {
  const run = async () => {
    const ok = await formDialog({
      title: `撤回修改:${monthTitle(report.period)}进展`,
      label: '撤回修改',
      body: <p>撤回后进展回到草稿,修改后请重新报送;已报送的版本会保留在记录中。</p>,
      submit: () => post(`/api/progress-reports/${report.id}/withdraw`, {}),
    });
    if (ok) {
      toast('已撤回,可修改后重新报送', 'success');
      reload();
    }
  };
  return (
    <button type="button" class="button small" onClick={run}>
      撤回修改
    </button>
  );
}

const draftKey = (key: string) => `duban:draft:${key}`;

/** The progress report form of the user's department: kept in sessionStorage while typed, until saved. */
function ReportForm({ item, relation, reports: initial, reload }: { item: ItemDetail; relation: 'lead' | 'co'; reports: ProgressReportRow[]; reload: () => void }) {
  const reports = useRef(initial);
  const [period, setPeriod] = useState(thisMonth());
  const text = useRef<HTMLTextAreaElement>(null);
  const percent = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const mine = (p: string) => reports.current.find((r) => r.period === p && r.departmentId === session.user?.departmentId);
  const key = draftKey(`report:${item.id}:${period}`);
  useEffect(() => {
    const existing = mine(period);
    const saved = sessionStorage.getItem(key);
    const restored = saved !== null && saved !== '';
    if (text.current) text.current.value = restored ? saved : existing && existing.state === 'draft' ? existing.text : '';
    if (percent.current) percent.current.value = existing?.percent === null || existing?.percent === undefined ? '' : String(existing.percent);
    const isSubmitted = existing?.state === 'submitted';
    setSubmitted(isSubmitted);
    setStatus(
      isSubmitted
        ? existing?.readAt
          ? '本月进展已报送,质量强市办已阅读,不能再修改。'
          : '本月进展已报送;质量强市办阅读前可“撤回修改”。'
        : existing?.returnReason
          ? `质量强市办退回补充:${existing.returnReason}。请修改后重新报送。`
          : existing
            ? `已有草稿(${fmtTime(existing.updatedAt)} 保存)${existing.attachments.length ? `,附件 ${existing.attachments.length} 个` : ''}`
            : restored
              ? '已恢复上次未保存的内容。'
              : '',
    );
  }, [key]);
  const submitRef = useRef(false);
  const save = async () => {
    const submit = submitRef.current;
    const p = period;
    const existing = mine(p);
    try {
      const body: ReportSaveRequest = { text: (text.current?.value ?? '').trim() };
      if (percent.current && percent.current.value !== '') body.percent = Number(percent.current.value);
      if (existing?.state === 'draft') body.version = existing.version;
      let report = await put<ProgressReportRow>(`/api/items/${item.id}/reports/${p}`, body);
      const chosen = [...(files.current?.files ?? [])];
      for (const file of chosen) {
        const data = new FormData();
        data.append('file', file);
        await post(`/api/progress-reports/${report.id}/attachments`, data);
      }
      if (chosen.length) report = await get<ProgressReportRow>(`/api/progress-reports/${report.id}`);
      if (submit) await post(`/api/items/${item.id}/reports/${p}/submit`, { version: report.version });
      sessionStorage.removeItem(key);
      toast(submit ? '进展已报送' : '草稿已保存', 'success');
      reload();
    } catch (e) {
      // A draft may have been saved before an attachment failed: reread so the version is current.
      try {
        reports.current = await get<ProgressReportRow[]>(`/api/progress-reports?item=${item.id}`);
      } catch {
        // keep what we had
      }
      throw e;
    }
  };
  return (
    <div class="panel">
      <h3>{relation === 'lead' ? '填报本单位进展(牵头单位)' : '填报本单位分工进展(配合单位)'}</h3>
      <Form
        class="stack report-form"
        onSubmit={save}
        after={
          <div class="actions">
            <button type="submit" disabled={submitted} onClick={() => (submitRef.current = false)}>
              保存草稿
            </button>
            <button type="submit" class="primary" disabled={submitted} onClick={() => (submitRef.current = true)}>
              报送
            </button>
          </div>
        }
      >
        <div class="row">
          <Field label="报送月份" names={['period', 'month']}>
            <input type="month" name="period" value={period} required onChange={(e) => setPeriod((e.currentTarget as HTMLInputElement).value)} />
          </Field>
          {relation === 'lead' ? (
            <Field label="完成进度(%)" names={['percent']}>
              <input ref={percent} type="number" name="percent" min={0} max={100} step={1} inputMode="numeric" disabled={submitted} />
            </Field>
          ) : null}
        </div>
        <Field label={relation === 'lead' ? '进展情况(牵头单位汇总)' : '进展情况(配合单位分工进展)'} names={['text']}>
          <textarea
            ref={text}
            name="text"
            rows={6}
            maxLength={20000}
            required
            disabled={submitted}
            placeholder={relation === 'lead' ? '本月工作进展、存在问题、下步打算(牵头单位汇总)' : '本单位承担的分工进展'}
            onInput={(e) => sessionStorage.setItem(key, (e.currentTarget as HTMLTextAreaElement).value)}
          />
        </Field>
        <Field label="附件(可多选)" names={['file']}>
          <input ref={files} type="file" name="file" multiple disabled={submitted} accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.gif,.txt,.zip,.wps,.et" />
        </Field>
        <p class="muted small">{status}</p>
      </Form>
    </div>
  );
}

function ExtensionsSection({ item, reload }: { item: ItemDetail; reload: () => void }) {
  const state = useLoad(() => get<ExtensionRow[]>(`/api/items/${item.id}/extensions`), [item.id]);
  if (!state.data) return <section>{state.error ? <ErrorBox error={state.error} /> : null}</section>;
  const list = state.data;
  const pending = list.find((e) => e.state === 'pending');
  // The one rule (libs/domain extension.ts): 延期申请 up to the deadline, 逾期说明 after it; the server says which.
  const kind = allowed(item, 'extension') ? 'extension' : allowed(item, 'overdue') ? 'overdue' : null;
  const isLead = ownRole(item) === 'lead';
  const key = draftKey(`extension:${item.id}`);
  return (
    <section>
      <h2>延期申请和逾期说明</h2>
      {list.length ? (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th class="hide-sm">申请时间</th>
                <th>类别</th>
                <th>原期限</th>
                <th>申请期限</th>
                <th>理由</th>
                <th>结果</th>
                <th class="hide-sm">意见</th>
                <th>
                  <span class="sr-only">审批</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id}>
                  <td class="nowrap hide-sm">{fmtTime(e.createdAt)}</td>
                  <td class="nowrap">{EXTENSION_KIND_LABELS[e.kind]}</td>
                  <td class="nowrap">{e.previousDeadline ?? '—'}</td>
                  <td class="nowrap">{e.requestedDeadline}</td>
                  <td>{e.reason}</td>
                  <td class="nowrap">{EXTENSION_STATE_LABELS[e.state]}</td>
                  <td class="hide-sm">{e.decisionReason ?? ''}</td>
                  <td class="nowrap">{e.state === 'pending' && isCoordinator() && item.readOnly === null ? <DecideButtons ext={e} done={reload} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">没有延期申请或逾期说明。</p>
      )}
      {pending && isLead ? <p class="notice">{`已有待审批的${EXTENSION_KIND_LABELS[pending.kind]}。`}</p> : null}
      {kind === 'overdue' ? <p class="notice">期限已过,不能再申请延期;请提交逾期说明,说明原因并提出新的完成时限,由质量强市办审批。</p> : null}
      {kind ? (
        <details class="panel" open>
          <summary>{kind === 'extension' ? '申请延期' : '提交逾期说明'}</summary>
          <Form
            class="stack"
            onSubmit={async (data) => {
              await post(`/api/items/${item.id}/extensions`, { kind, requestedDeadline: String(data.get('requestedDeadline') ?? ''), reason: String(data.get('reason') ?? '').trim() });
              sessionStorage.removeItem(key);
              toast(`${EXTENSION_KIND_LABELS[kind]}已提交`, 'success');
              reload();
            }}
            after={
              <div class="actions">
                <button type="submit" class="primary">
                  {`提交${EXTENSION_KIND_LABELS[kind]}`}
                </button>
              </div>
            }
          >
            <div class="row">
              <Field label={kind === 'extension' ? `新期限(当前 ${item.deadline})` : `提出的新完成时限(原期限 ${item.deadline})`} names={['requestedDeadline']}>
                <input type="date" name="requestedDeadline" required min={kind === 'extension' ? (item.deadline ?? undefined) : (session.today ?? undefined)} />
              </Field>
            </div>
            <Field label={kind === 'extension' ? '延期理由' : '逾期原因'} names={['reason']}>
              <textarea
                name="reason"
                rows={3}
                required
                maxLength={2000}
                placeholder={kind === 'extension' ? '说明需要延期的原因' : '说明逾期的原因和后续安排'}
                defaultValue={sessionStorage.getItem(key) ?? ''}
                onInput={(e) => sessionStorage.setItem(key, (e.currentTarget as HTMLTextAreaElement).value)}
              />
            </Field>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

/** 批准 / 驳回 an extension request, each through a dialog. */
export function DecideButtons({ ext, done }: { ext: Pick<ExtensionRow, 'id' | 'previousDeadline' | 'requestedDeadline'>; done: () => void }) {
  const approve = async () => {
    const ok = await formDialog({
      title: '批准延期申请',
      label: '批准',
      body: (
        <>
          <p>{`期限由 ${ext.previousDeadline ?? '—'} 延至 ${ext.requestedDeadline}。`}</p>
          <Field label="意见(可不填)" names={['reason']}>
            <textarea name="reason" rows={2} maxLength={2000} placeholder="同意" />
          </Field>
        </>
      ),
      submit: (data) => {
        const reason = String(data.get('reason') ?? '').trim();
        return post(`/api/extensions/${ext.id}/approve`, reason ? { reason } : {});
      },
    });
    if (ok) {
      toast('已批准延期', 'success');
      done();
    }
  };
  const reject = async () => {
    const ok = await formDialog({
      title: '驳回延期申请',
      label: '驳回',
      body: (
        <Field label="驳回理由" names={['reason']}>
          <textarea name="reason" rows={2} maxLength={2000} required />
        </Field>
      ),
      submit: (data) => post(`/api/extensions/${ext.id}/reject`, { reason: String(data.get('reason') ?? '').trim() }),
    });
    if (ok) {
      toast('已驳回', 'success');
      done();
    }
  };
  return (
    <>
      <button type="button" class="button small primary" onClick={approve}>
        批准
      </button>{' '}
      <button type="button" class="button small" onClick={reject}>
        驳回
      </button>
    </>
  );
}

/** Opens the urge dialog; resolves true when sent. */
export async function urgeDialog(itemId: number, label: string): Promise<boolean> {
  const result = await formDialog({
    title: `催办:${label}`,
    label: '发送催办',
    body: (
      <>
        <Field label="催办内容" names={['message']}>
          <textarea name="message" rows={4} required maxLength={2000} defaultValue="请抓紧推进该事项,并于本月报送日前报送最新进展。" />
        </Field>
        <label class="check">
          <input type="checkbox" name="includeCo" />
          同时催办配合单位
        </label>
        <label class="check">
          <input type="checkbox" name="letter" />
          附催办函(编文号,随邮件发出)
        </label>
      </>
    ),
    submit: (data) => post(`/api/items/${itemId}/urges`, { message: String(data.get('message') ?? '').trim(), includeCo: data.get('includeCo') === 'on', letter: data.get('letter') === 'on' }),
  });
  if (result) toast('催办已发出', 'success');
  return Boolean(result);
}

function UrgesSection({ item, reload }: { item: ItemDetail; reload: () => void }) {
  const state = useLoad(() => get<UrgeRow[]>(`/api/items/${item.id}/urges`), [item.id]);
  if (!state.data) return <section>{state.error ? <ErrorBox error={state.error} /> : null}</section>;
  const urges = state.data;
  return (
    <section>
      <h2>
        催办记录
        {allowed(item, 'urge') ? (
          <button type="button" class="button small head-action" onClick={async () => (await urgeDialog(item.id, `${item.number} ${item.title}`)) && reload()}>
            催办
          </button>
        ) : null}
      </h2>
      {urges.length ? (
        <ul class="urges">
          {urges.map((u) => (
            <li key={u.id}>
              <span class="muted small">
                {fmtTime(u.createdAt)}
                {u.deliveredAt ? ' · 已发送' : ' · 待发送'}
                {u.coDepartmentIds.length ? ` · 含${ASSIGNMENT_ROLE_LABELS.co}单位` : ''}
              </span>
              <div class="urge-text">{u.message}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">没有催办记录。</p>
      )}
    </section>
  );
}

function AuditSection({ item }: { item: ItemDetail }) {
  const state = useLoad(() => get<AuditPage>(`/api/items/${item.id}/audit?pageSize=200`), [item.id]);
  if (!state.data) return <section>{state.error ? <ErrorBox error={state.error} /> : <Loading />}</section>;
  const page = state.data;
  return (
    <section>
      <h2>操作日志({page.total})</h2>
      {page.entries.length ? (
        <div class="table-wrap">
          <table class="data audit">
            <thead>
              <tr>
                {['时间', '操作', '记录'].map((t) => (
                  <th key={t}>{t}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.id}>
                  <td class="nowrap">{fmtTime(e.at)}</td>
                  <td class="nowrap">{AUDIT_ACTION_LABELS[e.action] ?? '其他'}</td>
                  <td>{e.sentence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">没有操作记录。</p>
      )}
    </section>
  );
}
