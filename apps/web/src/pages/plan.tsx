// A plan: its details (edited, archived and a revision undone by the office), the item tree
// (filterable) and its indicators.
import { useState } from 'preact/hooks';
import type { IndicatorRow, PlanDetail, PlanTreeNode, PlanUpdateRequest, UndoRevisionResponse } from '../../../../libs/contracts/src/index.js';
import { get, patch, post } from '../api.js';
import { ArchivedBadge, Departments, KindBadge, Loaded, PageTitle } from '../components/common.js';
import { formDialog } from '../components/dialog.js';
import { Field } from '../components/form.js';
import { IndicatorTable } from '../components/indicator-table.js';
import { planName } from '../format.js';
import { useLoad } from '../load.js';
import { isCoordinator } from '../session.js';
import { toast } from '../toast.js';

type InfoField = Exclude<keyof PlanUpdateRequest, 'archived'>;

/** The fields of 修改方案信息: label, the words the server's messages use for it, input type. */
const INFO_FIELDS: { name: InfoField; label: string; names: string[]; type: 'text' | 'date'; max?: number; hint?: string }[] = [
  { name: 'title', label: '方案名称', names: ['方案名称'], type: 'text', max: 300, hint: '各页面以此名称显示方案' },
  { name: 'issuer', label: '发文机关', names: ['发文单位'], type: 'text', max: 300 },
  { name: 'docNumber', label: '发文字号', names: ['发文字号'], type: 'text', max: 200, hint: '例如:某府办〔2025〕12号' },
  { name: 'issued', label: '成文日期', names: ['印发日期'], type: 'date' },
  { name: 'startDate', label: '实施起始日期', names: ['起始日期'], type: 'date' },
  { name: 'endDate', label: '实施截止日期', names: ['截止日期'], type: 'date' },
  { name: 'city', label: '城市(区县)', names: ['城市'], type: 'text', max: 100 },
];

/** 修改方案信息: sends only what changed; an emptied field is cleared. Resolves true when saved. */
async function editPlanInfo(plan: PlanDetail): Promise<boolean> {
  const saved = await formDialog({
    title: '修改方案信息',
    label: '保存',
    body: INFO_FIELDS.map((f) => (
      <Field key={f.name} label={f.label} names={f.names} hint={f.hint}>
        {f.type === 'date' ? (
          <input name={f.name} type="date" defaultValue={plan[f.name] ?? ''} />
        ) : (
          <input name={f.name} type="text" defaultValue={plan[f.name] ?? ''} maxLength={f.max} required={f.name === 'title'} />
        )}
      </Field>
    )),
    submit: async (data) => {
      const changes: PlanUpdateRequest = {};
      for (const f of INFO_FIELDS) {
        const value = String(data.get(f.name) ?? '').trim();
        if (value === (plan[f.name] ?? '')) continue;
        if (f.name === 'title') changes.title = value;
        else changes[f.name] = value || null;
      }
      if (Object.keys(changes).length === 0) return 'unchanged' as const;
      await patch<PlanDetail>(`/api/plans/${plan.id}`, changes);
      return 'saved' as const;
    },
  });
  if (saved === 'saved') toast('方案信息已保存', 'success');
  else if (saved === 'unchanged') toast('没有修改任何内容');
  return saved === 'saved';
}

/** 归档 / 取消归档, after a dialog that says what happens. */
async function setArchived(plan: PlanDetail, archived: boolean): Promise<boolean> {
  const name = planName(plan);
  const done = await formDialog({
    title: archived ? `归档方案:${name}` : `取消归档:${name}`,
    label: archived ? '确认归档' : '确认取消归档',
    body: archived ? (
      <>
        <p>{`归档后,该方案的 ${plan.taskCount} 项任务将退出工作台、督办总览和事项查询等在办列表,不再发送到期提醒和报送提醒,也不能再报送进展、催办或申请延期。`}</p>
        <p class="muted">方案、事项和已有的办理记录仍可在本页查阅;需要时可以取消归档。</p>
      </>
    ) : (
      <p>{`取消归档后,该方案的 ${plan.taskCount} 项任务回到在办列表,到期提醒和报送提醒恢复发送。`}</p>
    ),
    submit: () => patch<PlanDetail>(`/api/plans/${plan.id}`, { archived } satisfies PlanUpdateRequest),
  });
  if (done) toast(archived ? '方案已归档' : '方案已取消归档', 'success');
  return Boolean(done);
}

/** 撤销本次修订; resolves with the previous version's plan id when undone. */
async function undoRevision(plan: PlanDetail): Promise<number | null> {
  const result = await formDialog({
    title: `撤销本次修订:第 ${plan.version} 版`,
    label: '确认撤销',
    body: (
      <>
        <p>{`撤销后,第 ${plan.version} 版将被删除,修订时转到新版本的进展、延期申请、催办和提醒记录全部回到第 ${plan.version - 1} 版的对应事项,第 ${plan.version - 1} 版恢复为现行版本。`}</p>
        <p class="muted">之后可以重新导入修订版。</p>
      </>
    ),
    submit: () => post<UndoRevisionResponse>(`/api/plans/${plan.id}/undo-revision`),
  });
  if (!result) return null;
  toast(`已撤销修订,第 ${plan.version - 1} 版恢复为现行版本`, 'success');
  return result.previousPlanId;
}

function OfficeActions({ plan, reload }: { plan: PlanDetail; reload: () => void }) {
  if (!isCoordinator() || !plan.current) return null;
  return (
    <div class="plan-actions">
      <div class="actions">
        <button type="button" onClick={async () => (await editPlanInfo(plan)) && reload()}>
          修改方案信息
        </button>
        <button type="button" onClick={async () => (await setArchived(plan, !plan.archived)) && reload()}>
          {plan.archived ? '取消归档' : '归档'}
        </button>
        {plan.undo?.allowed ? (
          <button
            type="button"
            onClick={async () => {
              const previous = await undoRevision(plan);
              if (previous !== null) location.hash = `#/plans/${previous}`;
            }}
          >
            撤销本次修订
          </button>
        ) : null}
      </div>
      {plan.undo && !plan.undo.allowed ? <p class="muted small undo-refusal">{plan.undo.reason}</p> : null}
    </div>
  );
}

function dateRange(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${start ?? '未设置'} 至 ${end ?? '未设置'}`;
}

function ItemTree({ nodes, filter }: { nodes: PlanTreeNode[]; filter: string }) {
  const visible = (n: PlanTreeNode): boolean => !filter || `${n.number}${n.title}${n.lead.join()}${n.co.join()}`.includes(filter) || n.children.some(visible);
  return (
    <ul class="tree">
      {nodes.filter(visible).map((n) => (
        <li key={n.id} class={`node kind-${n.kind}`}>
          <div class="node-row">
            <span class="number">{n.number}</span>
            {n.kind === 'section' ? <strong>{n.title}</strong> : <a href={`#/items/${n.id}`}>{n.title}</a>}
            {n.kind !== 'section' ? <KindBadge kind={n.kind} /> : null}
            {n.kind === 'task' || n.lead.length || n.co.length ? <Departments lead={n.lead} co={n.co} /> : null}
            {n.dueText ? (
              <span class="due" title="完成时限">
                {n.dueText}
              </span>
            ) : null}
          </div>
          {n.children.length ? <ItemTree nodes={n.children} filter={filter} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function PlanPage({ id }: { id: string }) {
  const state = useLoad(() => Promise.all([get<PlanDetail>(`/api/plans/${id}`), get<IndicatorRow[]>(`/api/plans/${id}/indicators`)]), [id]);
  const [filter, setFilter] = useState('');
  return (
    <Loaded state={state}>
      {([plan, indicators]) => (
        <>
          <PageTitle text={planName(plan)}>
            <ArchivedBadge archived={plan.archived} />
          </PageTitle>
          {plan.archived ? <p class="notice">本方案已归档:其事项不在在办列表中,不再发送提醒,只能查阅。</p> : null}
          {!plan.current && plan.supersededById !== null ? (
            <p class="notice">
              {`本版本已被新版本替代,事项只读。`}
              <a href={`#/plans/${plan.supersededById}`}>查看现行版本</a>
            </p>
          ) : null}
          <dl class="meta">
            <dt>名称</dt>
            <dd>{planName(plan)}</dd>
            <dt>发文机关</dt>
            <dd>{plan.issuer ?? '—'}</dd>
            <dt>发文字号</dt>
            <dd>{plan.docNumber ?? '—'}</dd>
            <dt>成文日期</dt>
            <dd>{plan.issued ?? '—'}</dd>
            <dt>城市</dt>
            <dd>{plan.city ?? '—'}</dd>
            <dt>起止日期</dt>
            <dd>{dateRange(plan.startDate, plan.endDate)}</dd>
            <dt>版本</dt>
            <dd>{`第 ${plan.version} 版${plan.current ? '(现行)' : '(已被新版本替代)'}`}</dd>
            <dt>归档</dt>
            <dd>{plan.archived ? '已归档' : '未归档(在办)'}</dd>
            <dt>来源文件</dt>
            <dd>{plan.sourceFileName}</dd>
          </dl>
          <OfficeActions plan={plan} reload={state.reload} />
          {plan.warnings?.length ? (
            <details class="warnings">
              <summary>导入提示({plan.warnings.length})</summary>
              <ul>
                {plan.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <h2>条目</h2>
          <input type="search" placeholder="筛选:编号、标题或单位" aria-label="筛选条目" onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value.trim())} />
          <div>
            <ItemTree nodes={plan.items} filter={filter} />
          </div>
          <h2>指标({indicators.length})</h2>
          {indicators.length ? <IndicatorTable indicators={indicators} /> : <p class="muted">该方案未列出量化指标。</p>}
        </>
      )}
    </Loaded>
  );
}
