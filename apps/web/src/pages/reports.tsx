// 月报: the monthly reports, and 立即生成 for the coordinating office. The page follows the
// worker's job until it is done, and stops following it when the user leaves the page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { REPORT_TRIGGER_LABELS, type MonthlyReportRow, type PlanSummary, type ReportJob, type ReportJobState } from '../../../../libs/contracts/src/index.js';
import { get, post } from '../api.js';
import { Loaded, PageTitle } from '../components/common.js';
import { DataTable } from '../components/data-table.js';
import { Field, Form } from '../components/form.js';
import { fmtTime, planName, thisMonth } from '../format.js';
import { useLoad } from '../load.js';
import { isCoordinator } from '../session.js';
import { toast } from '../toast.js';

export const POLL_MS = 2000;
export const POLL_TIMES = 60;

type Progress = { kind: 'none' } | { kind: 'queued'; month: string } | { kind: 'failed' } | { kind: 'slow' };

/**
 * Asks for the job's state every `interval` ms until it completes or fails, at most `times` times.
 * Stops at once, without another request, when `signal` aborts (the user left the page).
 */
export async function followJob(jobId: string, signal: AbortSignal, interval = POLL_MS, times = POLL_TIMES): Promise<'completed' | 'failed' | 'slow' | 'aborted'> {
  for (let i = 0; i < times; i++) {
    const waited = await new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const timer = setTimeout(() => resolve(true), interval);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve(false);
        },
        { once: true },
      );
    });
    if (!waited) return 'aborted';
    const state = await get<ReportJobState>(`/api/reports/jobs/${encodeURIComponent(jobId)}`);
    if (signal.aborted) return 'aborted';
    if (state.status === 'completed') return 'completed';
    if (state.status === 'failed') return 'failed';
  }
  return 'slow';
}

export function ReportsPage() {
  const state = useLoad(() => Promise.all([get<MonthlyReportRow[]>('/api/reports'), get<PlanSummary[]>('/api/plans')]));
  const [progress, setProgress] = useState<Progress>({ kind: 'none' });
  // Aborted when the user leaves the page: no more questions to the server, nothing drawn over the next page.
  const onPage = useRef(new AbortController());
  useEffect(() => () => onPage.current.abort(), []);
  const generate = async (data: FormData) => {
    const plan = String(data.get('planId') ?? '');
    const job = await post<ReportJob>('/api/reports', { month: String(data.get('month') ?? ''), ...(plan ? { planId: Number(plan) } : {}) });
    if (onPage.current.signal.aborted) return;
    setProgress({ kind: 'queued', month: job.month });
    const result = await followJob(job.jobId, onPage.current.signal);
    if (result === 'aborted') return;
    if (result === 'completed') {
      toast('月报已生成', 'success');
      setProgress({ kind: 'none' });
      state.reload();
    } else setProgress({ kind: result });
  };
  return (
    <Loaded state={state}>
      {([reports, plans]) => (
        <>
          <PageTitle text="月报" />
          {isCoordinator() ? (
            <Form class="filters" submitLabel="立即生成" onSubmit={generate} generalFirst={false}>
              <Field label="月份">
                <input type="month" name="month" defaultValue={thisMonth()} required />
              </Field>
              <Field label="方案">
                <select name="planId">
                  <option value="">全部现行方案</option>
                  {plans
                    .filter((p) => p.current)
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {planName(p)}
                      </option>
                    ))}
                </select>
              </Field>
            </Form>
          ) : null}
          <div role="status">
            {progress.kind === 'queued' ? <p class="notice">{`已排队生成 ${progress.month} 月报,正在等待后台完成…`}</p> : null}
            {progress.kind === 'failed' ? <div class="error">月报生成失败,请稍后重试或联系管理员。</div> : null}
            {progress.kind === 'slow' ? <p class="notice">月报仍在生成中(后台可能繁忙),稍后刷新本页查看。</p> : null}
          </div>
          <DataTable
            title="月报"
            rows={reports}
            empty="还没有生成月报。"
            rowKey={(r) => r.id}
            columns={[
              { label: '月份', value: (r) => r.month, class: 'nowrap' },
              {
                label: '标题',
                value: (r) => r.title,
                render: (r) => (
                  <a href={r.downloads.html} target="_blank" rel="noopener">
                    {r.title}
                  </a>
                ),
              },
              { label: '事项', value: (r) => r.summary?.items ?? '', class: 'num' },
              { label: '逾期', value: (r) => r.summary?.overdue ?? '', class: 'num' },
              { label: '未报送', value: (r) => r.summary?.missingReports ?? '', class: 'num hide-sm' },
              { label: '生成方式', value: (r) => REPORT_TRIGGER_LABELS[r.trigger] ?? r.trigger, class: 'hide-sm' },
              { label: '生成时间', value: (r) => fmtTime(r.createdAt), class: 'nowrap hide-sm' },
              {
                label: '下载',
                value: () => '',
                render: (r) => (
                  <span class="nowrap">
                    <a href={r.downloads.html} target="_blank" rel="noopener">
                      HTML
                    </a>
                    {' · '}
                    <a href={r.downloads.xlsx}>XLSX</a>
                    {' · '}
                    {r.downloads.docx ? (
                      <a href={r.downloads.docx}>DOCX</a>
                    ) : (
                      <a href="#/admin" title="生成该月报时尚未设置发文机关,没有 Word 通报;请先在管理页面完成发文设置,再重新生成">
                        无通报(请先完成发文设置)
                      </a>
                    )}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
    </Loaded>
  );
}
