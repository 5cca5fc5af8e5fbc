// 指标: each indicator's target, readings and whether it is on track; readings entered inline;
// the coordinating office names the responsible department; each period's corrections in a dialog.
import { useState } from 'preact/hooks';
import type { DepartmentRow, IndicatorReadings, IndicatorRow, PlanSummary, ReadingHistoryEntry } from '../../../../libs/contracts/src/index.js';
import { get, messagesOfError, put, query } from '../api.js';
import { ErrorBox, Loaded, PageTitle } from '../components/common.js';
import { DataTable } from '../components/data-table.js';
import { Dialog, mountDialog } from '../components/dialog.js';
import { Field, Form } from '../components/form.js';
import { targetText } from '../components/indicator-table.js';
import { fmtTime, planName, thisMonth } from '../format.js';
import { useLoad } from '../load.js';
import { isCoordinator, session } from '../session.js';
import { toast } from '../toast.js';

const PROGRESS_CLASS: Record<string, string> = { met: 'ok', on_pace: 'ok', behind: 'warn' };

type Row = IndicatorReadings & { path: string[] };

export function IndicatorsPage({ params }: { params: URLSearchParams }) {
  const state = useLoad(async () => {
    const plans = (await get<PlanSummary[]>('/api/plans')).filter((p) => p.current);
    const planId = params.get('plan') ?? String(plans[0]?.id ?? '');
    const depts = await get<DepartmentRow[]>('/api/departments');
    if (!planId) return { plans, planId, depts, rows: [] as Row[] };
    const indicators = await get<IndicatorRow[]>(`/api/plans/${planId}/indicators`);
    const readings = await Promise.all(indicators.map((i) => get<IndicatorReadings>(`/api/indicators/${i.id}/readings`)));
    return { plans, planId, depts, rows: readings.map((r, i) => ({ ...r, path: indicators[i]?.path ?? [] })) };
  });
  return (
    <Loaded state={state}>
      {({ plans, planId, depts, rows }) => {
        const picker = (
          <select aria-label="方案" onChange={(e) => (location.hash = `#/indicators${query({ plan: (e.currentTarget as HTMLSelectElement).value })}`)}>
            {plans.map((p) => (
              <option key={p.id} value={p.id} selected={String(p.id) === planId}>
                {planName(p)}
              </option>
            ))}
          </select>
        );
        if (!planId)
          return (
            <>
              <PageTitle text="指标" />
              <p class="empty">还没有方案。</p>
            </>
          );
        const canEnter = session.user?.role !== 'viewer' && (isCoordinator() || Boolean(session.user?.departmentId));
        const latest = (r: Row) => r.readings[r.readings.length - 1];
        return (
          <>
            <PageTitle text="指标">{picker}</PageTitle>
            <p class="muted">各指标的目标、各期数值和是否按进度推进。单位填报员填报本单位的数值(期为年份 2024 或月份 2024-06)。</p>
            {rows.length === 0 ? <p class="empty">该方案未列出量化指标。</p> : null}
            {rows.length ? (
              <DataTable
                key={state.generation}
                title="指标"
                rows={rows}
                rowKey={(r) => r.indicatorId}
                columns={[
                  { label: '指标', value: (r) => r.name },
                  { label: '目标', value: (r) => targetText(r, r.targetValue), class: 'nowrap' },
                  { label: '年份', value: (r) => r.targetYear ?? '', class: 'num' },
                  { label: '最新数值', value: (r) => latest(r)?.value ?? '', render: (r) => (latest(r) ? `${latest(r)?.value}(${latest(r)?.period})` : '—'), class: 'nowrap' },
                  { label: '进度', value: (r) => r.progressLabel ?? '', render: (r) => <span class={`tag ${PROGRESS_CLASS[r.progress] ?? ''}`}>{r.progressLabel ?? '未填报'}</span>, class: 'nowrap' },
                  {
                    label: '责任单位',
                    value: (r) => depts.find((d) => d.id === r.departmentId)?.name ?? '',
                    render: (r) => (isCoordinator() ? <DepartmentPicker r={r} depts={depts} done={state.reload} /> : (depts.find((d) => d.id === r.departmentId)?.name ?? '未指定')),
                  },
                  { label: '各期数值', value: (r) => r.readings.map((x) => `${x.period}:${x.value}`).join(';'), render: (r) => <Sparkline r={r} />, class: 'hide-sm' },
                  {
                    label: '修改记录',
                    value: (r) => r.readings.map((x) => x.period).join(' '),
                    render: (r) =>
                      r.readings.length ? (
                        <span class="periods">
                          {r.readings.map((x) => (
                            <button key={x.period} type="button" class="period-link" aria-label={`${r.name} ${x.period} 的修改记录`} onClick={() => showHistory(r, x.period)}>
                              {x.period}
                            </button>
                          ))}
                        </span>
                      ) : (
                        '—'
                      ),
                  },
                  canEnter ? { label: '填报', value: () => '', render: (r) => <ReadingForm r={r} done={state.reload} /> } : null,
                ]}
              />
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}

function Sparkline({ r }: { r: Row }) {
  if (!r.readings.length) return <span class="muted">—</span>;
  const max = Math.max(r.targetValue ?? 0, ...r.readings.map((x) => x.value)) || 1;
  const title = r.readings.map((x) => `${x.period}:${x.value}`).join(';');
  return (
    <span class="spark" title={title} role="img" aria-label={title}>
      {r.readings.slice(-8).map((x) => (
        <span key={x.period} class="spark-bar" style={{ height: `${Math.max(2, (x.value / max) * 24)}px` }} />
      ))}
    </span>
  );
}

function ReadingForm({ r, done }: { r: Row; done: () => void }) {
  return (
    <Form
      class="inline-form"
      submitLabel="填报"
      submitClass="button small"
      generalFirst={false}
      onSubmit={async (data) => {
        const period = String(data.get('period') ?? '').trim();
        await put(`/api/indicators/${r.indicatorId}/readings/${encodeURIComponent(period)}`, { value: Number(data.get('value')) });
        toast('已填报', 'success');
        done();
      }}
    >
      <Field names={['period']}>
        <input type="text" name="period" defaultValue={thisMonth()} required size={7} maxLength={7} class="short" aria-label={`${r.name} 期`} />
      </Field>
      <Field names={['value']}>
        <input type="number" name="value" step="any" required class="short" aria-label={`${r.name} 数值`} />
      </Field>
    </Form>
  );
}

/** 质量强市办: names the department that enters an indicator's readings. A refusal is shown as the server words it. */
function DepartmentPicker({ r, depts, done }: { r: Row; depts: DepartmentRow[]; done: () => void }) {
  const [error, setError] = useState<string[] | null>(null);
  return (
    <>
      <select
        aria-label={`${r.name} 责任单位`}
        value={r.departmentId === null ? '' : String(r.departmentId)}
        onChange={async (e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          setError(null);
          try {
            await put(`/api/indicators/${r.indicatorId}/department`, { departmentId: v ? Number(v) : null });
            toast('责任单位已更新', 'success');
            done();
          } catch (err) {
            setError(messagesOfError(err, '指定责任单位失败'));
          }
        }}
      >
        <option value="">未指定</option>
        {depts.map((d) => (
          <option key={d.id} value={String(d.id)}>
            {d.name}
          </option>
        ))}
      </select>
      {error ? (
        <p class="error small" role="alert">
          {error.join(';')}
        </p>
      ) : null}
    </>
  );
}

function HistoryList({ r, period }: { r: Row; period: string }) {
  const state = useLoad(() => get<ReadingHistoryEntry[]>(`/api/indicators/${r.indicatorId}/readings/${encodeURIComponent(period)}/history`));
  if (!state.data) return state.error ? <ErrorBox error={state.error} /> : <p class="muted">正在加载…</p>;
  if (!state.data.length) return <p class="empty">没有修改记录。</p>;
  return (
    <div class="table-wrap">
      <table class="data history">
        <thead>
          <tr>
            <th>时间</th>
            <th>填报人</th>
            <th>数值</th>
            <th>原数值</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {state.data.map((h, k) => (
            <tr key={k}>
              <td class="nowrap">{fmtTime(h.at)}</td>
              <td>{h.username ?? '—'}</td>
              <td class="num">{h.value}</td>
              <td class="num">{h.previous ?? '—'}</td>
              <td>{h.note ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function showHistory(r: Row, period: string) {
  mountDialog((close) => (
    <Dialog title={`${r.name} ${period} 的修改记录`} wide onCancel={close}>
      <HistoryList r={r} period={period} />
      <div class="actions">
        <button type="button" onClick={close}>
          关闭
        </button>
      </div>
    </Dialog>
  ));
}
