// A plan: its details, the item tree (filterable) and its indicators.
import { useState } from 'preact/hooks';
import type { IndicatorRow, PlanDetail, PlanTreeNode } from '../../../../libs/contracts/src/index.js';
import { get } from '../api.js';
import { Departments, KindBadge, Loaded, PageTitle } from '../components/common.js';
import { IndicatorTable } from '../components/indicator-table.js';
import { planName } from '../format.js';
import { useLoad } from '../load.js';

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
          <PageTitle text={planName(plan)} />
          <dl class="meta">
            <dt>发文单位</dt>
            <dd>{plan.issuer ?? '—'}</dd>
            <dt>发文字号</dt>
            <dd>{plan.docNumber ?? '—'}</dd>
            <dt>成文日期</dt>
            <dd>{plan.issued ?? '—'}</dd>
            <dt>版本</dt>
            <dd>{`第 ${plan.version} 版${plan.current ? '' : '(已被新版本替代)'}`}</dd>
            <dt>来源文件</dt>
            <dd>{plan.sourceFileName}</dd>
          </dl>
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
