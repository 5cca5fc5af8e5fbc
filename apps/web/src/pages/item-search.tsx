// 事项查询: items of every plan by plan, department, kind and keyword.
import { KIND_LABELS, type DepartmentRow, type ItemListRow, type Paged, type PlanSummary } from '../../../../libs/contracts/src/index.js';
import { get, query } from '../api.js';
import { ErrorBox, FilterSelect, KindBadge, Light, Loaded, Loading, PageTitle } from '../components/common.js';
import { planName } from '../format.js';
import { useLoad } from '../load.js';

export function ItemSearchPage({ params }: { params: URLSearchParams }) {
  const filters = { plan: params.get('plan') ?? '', department: params.get('department') ?? '', kind: params.get('kind') ?? 'task', q: params.get('q') ?? '' };
  const pageNo = Number(params.get('page') ?? 1);
  const lists = useLoad(() => Promise.all([get<PlanSummary[]>('/api/plans'), get<DepartmentRow[]>('/api/departments')]));
  const results = useLoad(() => get<Paged<ItemListRow>>(`/api/items${query({ ...filters, page: pageNo })}`), [params.toString()]);
  const submit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const value = (k: string) => String(data.get(k) ?? '');
    location.hash = `#/items${query({ plan: value('plan'), department: value('department'), kind: value('kind'), q: value('q') })}`;
  };
  return (
    <Loaded state={lists}>
      {([plans, depts]) => (
        <>
          <PageTitle text="事项查询" />
          <form class="filters" noValidate onSubmit={submit}>
            <FilterSelect name="plan" label="方案" options={plans.map((p) => [p.id, planName(p)])} value={filters.plan} />
            <FilterSelect name="department" label="单位" options={depts.map((d) => [d.id, d.name])} value={filters.department} />
            <FilterSelect name="kind" label="类型" options={Object.entries(KIND_LABELS).filter(([k]) => k !== 'section')} value={filters.kind} />
            <label>
              关键字
              <input name="q" type="search" defaultValue={filters.q} maxLength={100} />
            </label>
            <button type="submit">查询</button>
          </form>
          <div>{results.error ? <ErrorBox error={results.error} /> : results.data ? <Results page={results.data} filters={filters} pageNo={pageNo} /> : <Loading />}</div>
        </>
      )}
    </Loaded>
  );
}

function Results({ page, filters, pageNo }: { page: Paged<ItemListRow>; filters: Record<string, string>; pageNo: number }) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (p: number, text: string) => (
    <a class="button small" href={`#/items${query({ ...filters, page: p })}`}>
      {text}
    </a>
  );
  return (
    <>
      <p class="muted">{`共 ${page.total} 条`}</p>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              {['编号', '事项', '类型', '牵头单位', '配合单位', '完成时限', '状态'].map((t) => (
                <th key={t}>{t}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.items.map((i) => (
              <tr key={i.id}>
                <td class="nowrap">{i.number}</td>
                <td>
                  <a href={`#/items/${i.id}`}>{i.title}</a>
                  <div class="muted small">{i.path.join(' / ')}</div>
                </td>
                <td>
                  <KindBadge kind={i.kind} />
                </td>
                <td>{i.lead.join('、') || '—'}</td>
                <td>{i.co.join('、') || '—'}</td>
                <td class="nowrap">{i.dueText ?? '—'}</td>
                <td class="nowrap">
                  {i.status} <Light value={i.light} reasons={i.lightReasons} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav class="pager" aria-label="分页">
          {pageNo > 1 ? link(pageNo - 1, '上一页') : null}
          {` 第 ${pageNo} / ${pages} 页 `}
          {pageNo < pages ? link(pageNo + 1, '下一页') : null}
        </nav>
      ) : null}
    </>
  );
}
