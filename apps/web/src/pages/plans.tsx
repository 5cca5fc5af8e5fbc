// 方案: the imported plans.
import type { PlanSummary } from '../../../../libs/contracts/src/index.js';
import { get } from '../api.js';
import { ArchivedBadge, Loaded, PageTitle } from '../components/common.js';
import { planName } from '../format.js';
import { useLoad } from '../load.js';

export function PlansPage() {
  const state = useLoad(() => get<PlanSummary[]>('/api/plans'));
  return (
    <Loaded state={state}>
      {(plans) => (
        <>
          <PageTitle text="方案">
            <a class="button" href="#/import">
              导入新方案
            </a>
          </PageTitle>
          {plans.length === 0 ? (
            <p class="empty">
              还没有导入任何方案。<a href="#/import">现在导入</a>
            </p>
          ) : (
            <div class="table-wrap">
              <table class="data">
                <thead>
                  <tr>
                    <th>标题</th>
                    <th class="hide-sm">发文单位</th>
                    <th class="hide-sm">成文日期</th>
                    <th class="hide-sm">版本</th>
                    <th>任务数</th>
                    <th class="hide-sm">条目数</th>
                  </tr>
                </thead>
                <tbody>
                  {plans.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <a href={`#/plans/${p.id}`}>{planName(p)}</a>
                        <ArchivedBadge archived={p.archived} />
                      </td>
                      <td class="hide-sm">{p.issuer ?? '—'}</td>
                      <td class="nowrap hide-sm">{p.issued ?? '—'}</td>
                      <td class="num hide-sm">
                        第 {p.version} 版{p.current ? null : <span class="badge muted">已被替代</span>}
                      </td>
                      <td class="num">{p.taskCount}</td>
                      <td class="num hide-sm">{p.itemCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}
