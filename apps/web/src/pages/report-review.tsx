// 报送审阅: the 质量强市办 reads the submitted progress reports (by month, plan, department, 未读),
// comments, and sends one back for completion (退回补充) with a reason; every submitted version is shown.
// 领导 read the same list without the buttons.
import { type DepartmentRow, type PlanSummary, REVIEW_STATE_LABELS, type ReviewRow } from '../../../../libs/contracts/src/index.js';
import { get, post, query } from '../api.js';
import { FilterSelect, Loaded, PageTitle } from '../components/common.js';
import { formDialog } from '../components/dialog.js';
import { Field } from '../components/form.js';
import { fmtTime, monthTitle, planName } from '../format.js';
import { useLoad } from '../load.js';
import { isCoordinator } from '../session.js';
import { toast } from '../toast.js';

const STATE_TAG: Record<ReviewRow['state'], string> = { unread: 'warn', read: 'ok', returned: 'bad', withdrawn: 'warn' };

export function ReportReviewPage({ params }: { params: URLSearchParams }) {
  const filters = { month: params.get('month') ?? '', plan: params.get('plan') ?? '', department: params.get('department') ?? '', unread: params.get('unread') ?? '' };
  const state = useLoad(
    () =>
      Promise.all([
        get<{ total: number; rows: ReviewRow[] }>(`/api/progress-reports/review${query({ ...filters, pageSize: '100' })}`),
        get<PlanSummary[]>('/api/plans'),
        get<DepartmentRow[]>('/api/departments'),
      ]),
    [params.toString()],
  );
  const go = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const next = { month: String(data.get('month') ?? ''), plan: String(data.get('plan') ?? ''), department: String(data.get('department') ?? ''), unread: data.get('unread') === 'on' ? 'true' : '' };
    location.hash = `#/review${query(next)}`;
  };
  return (
    <Loaded state={state}>
      {([page, plans, depts]) => (
        <>
          <PageTitle text="报送审阅" />
          <form
            class="filters"
            aria-label="筛选"
            onSubmit={(e) => {
              e.preventDefault();
              go(e.currentTarget as HTMLFormElement);
            }}
          >
            <label>
              月份
              <input type="month" name="month" defaultValue={filters.month} />
            </label>
            <FilterSelect name="plan" label="方案" value={filters.plan} options={plans.filter((p) => p.current).map((p) => [p.id, planName(p)])} />
            <FilterSelect name="department" label="单位" value={filters.department} options={depts.map((d) => [d.id, d.name])} />
            <label class="check">
              <input type="checkbox" name="unread" defaultChecked={filters.unread === 'true'} />
              只看未读
            </label>
            <button type="submit">筛选</button>
          </form>
          <p class="muted">{`共 ${page.total} 份进展${page.total > page.rows.length ? `,显示前 ${page.rows.length} 份` : ''}`}</p>
          {page.rows.length === 0 ? <p class="muted">没有符合条件的进展。</p> : null}
          {page.rows.map((r) => (
            <ReviewCard key={r.id} r={r} reload={state.reload} />
          ))}
        </>
      )}
    </Loaded>
  );
}

function ReviewCard({ r, reload }: { r: ReviewRow; reload: () => void }) {
  const label = `${r.departmentName} ${monthTitle(r.period)}进展`;
  const act = async (path: string, done: string, body?: unknown) => {
    await post(`/api/progress-reports/${r.id}/${path}`, body ?? {});
    toast(done, 'success');
    reload();
  };
  const textDialog = async (title: string, field: string, path: string, done: string) => {
    const ok = await formDialog({
      title: `${title}:${label}`,
      label: title,
      body: (
        <Field label={field} names={['内容']}>
          <textarea name="text" rows={3} required maxLength={2000} />
        </Field>
      ),
      submit: (data) => post(`/api/progress-reports/${r.id}/${path}`, { text: String(data.get('text') ?? '').trim() }),
    });
    if (ok) {
      toast(done, 'success');
      reload();
    }
  };
  const open = r.state === 'unread' || r.state === 'read';
  return (
    <article class={`report review ${r.state}`} aria-label={label}>
      <div class="report-head">
        <strong>{r.departmentName}</strong>
        <span class="badge">{r.role === 'lead' ? '牵头单位汇总' : '配合单位分工进展'}</span>
        <span class={`tag ${STATE_TAG[r.state]}`}>{REVIEW_STATE_LABELS[r.state]}</span>
        <span class="muted">{monthTitle(r.period)}</span>
        {r.percent !== null ? <span class="muted">{`完成 ${r.percent}%`}</span> : null}
        <span class="muted small">{`${fmtTime(r.submittedAt)} 报送${r.late ? '(迟报)' : ''}`}</span>
      </div>
      <p class="small">
        <a href={`#/items/${r.itemId}`}>{`${r.itemNumber} ${r.itemTitle}`}</a>
        <span class="muted">{` · ${r.planTitle}`}</span>
      </p>
      <div class="report-text">{r.text}</div>
      {r.returnReason ? <p class="notice">{`退回补充:${r.returnReason}`}</p> : null}
      {r.versions.length > 1 ? (
        <details>
          <summary>{`历次报送(${r.versions.length} 次)`}</summary>
          <ol class="versions">
            {r.versions.map((v) => (
              <li key={v.number}>
                <span class="muted small">{`${fmtTime(v.submittedAt)} 第${v.number}次报送${v.endedBy === 'withdrawn' ? ',后由单位撤回修改' : v.endedBy === 'returned' ? ',后被退回补充' : ''}`}</span>
                <div class="report-text">{v.text}</div>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {r.comments.length ? (
        <ul class="comments">
          {r.comments.map((c) => (
            <li key={c.id}>
              <span class="muted small">{`${c.author} ${fmtTime(c.createdAt)}:`}</span>
              {c.text}
            </li>
          ))}
        </ul>
      ) : null}
      {isCoordinator() ? (
        <div class="actions">
          {r.state === 'unread' ? (
            <button type="button" class="button small primary" aria-label={`标为已读 ${label}`} onClick={() => act('read', '已标为已读')}>
              标为已读
            </button>
          ) : null}
          <button type="button" class="button small" aria-label={`评论 ${label}`} onClick={() => textDialog('评论', '评论内容', 'comments', '评论已保存')}>
            评论
          </button>
          {open ? (
            <button type="button" class="button small" aria-label={`退回补充 ${label}`} onClick={() => textDialog('退回补充', '退回理由', 'return', '已退回补充')}>
              退回补充
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
