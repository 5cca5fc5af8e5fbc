// 计划导入: upload a plan document, preview what was recognised, map unknown departments, save.
import { useRef, useState } from 'preact/hooks';
import { type DepartmentRow, type ImportDiffRow, type ImportPreview, type ImportResult, nearestDepartment, type PlanSummary } from '../../../../libs/contracts/src/index.js';
import { get, post } from '../api.js';
import { ErrorBox, KindBadge, Loaded, PageTitle } from '../components/common.js';
import { IndicatorTable } from '../components/indicator-table.js';
import { useLoad } from '../load.js';
import { decisionsOf, NO_CHOICES, RevisionReview, undecided } from './import-revision.js';
import { toast } from '../toast.js';

type Stage =
  | { kind: 'none' }
  | { kind: 'parsing' }
  | { kind: 'error'; error: unknown }
  | { kind: 'preview'; preview: ImportPreview; file: File; revises: string }
  | { kind: 'saved'; result: ImportResult };

export function ImportPage() {
  const state = useLoad(() => Promise.all([get<DepartmentRow[]>('/api/departments'), get<PlanSummary[]>('/api/plans')]));
  const [stage, setStage] = useState<Stage>({ kind: 'none' });
  const fileInput = useRef<HTMLInputElement>(null);
  const revisesInput = useRef<HTMLSelectElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return toast('请先选择文件', 'error');
    const revises = revisesInput.current?.value ?? '';
    const data = new FormData();
    data.append('file', file);
    if (revises) data.append('revises', revises);
    setStage({ kind: 'parsing' });
    try {
      setStage({ kind: 'preview', preview: await post<ImportPreview>('/api/imports/preview', data), file, revises });
    } catch (error) {
      setStage({ kind: 'error', error });
    }
  };
  return (
    <Loaded state={state}>
      {([depts, plans]) => (
        <>
          <PageTitle text="计划导入" />
          <p class="muted">上传实施方案、实施意见或工作要点,先预览识别出的条目、单位、期限和指标,确认后再保存。</p>
          <form class="upload" noValidate onSubmit={submit}>
            <label>
              方案文件(.docx、.doc、.wps、.pdf、.ofd、.html、.txt,或任务分工表 .xlsx、.xls、.et、.csv,不超过 20 MB)
              <input ref={fileInput} type="file" name="file" accept=".txt,.docx,.doc,.wps,.pdf,.ofd,.html,.htm,.xlsx,.xls,.et,.csv" required />
            </label>
            <label>
              修订的方案(可选)
              <select ref={revisesInput} name="revises" aria-describedby="revises-hint">
                <option value="">按标题自动识别</option>
                {plans
                  .filter((p) => p.current)
                  .map((p) => (
                    <option key={p.id} value={String(p.id)}>{`${p.title ?? p.sourceFileName}(第 ${p.version} 版)`}</option>
                  ))}
              </select>
              <span id="revises-hint" class="field-hint muted small">
                标题与原方案不同的修订版(如“关于修订《…》的通知”)请在此选择它修订的方案;新方案不用选。
              </span>
            </label>
            <button type="submit">解析预览</button>
          </form>
          <div>
            {stage.kind === 'parsing' ? (
              <p class="muted" role="status">
                正在解析…
              </p>
            ) : null}
            {stage.kind === 'error' ? <ErrorBox error={stage.error} /> : null}
            {stage.kind === 'preview' ? (
              <Preview
                key={stage.file.name + stage.preview.plan.title + stage.revises}
                preview={stage.preview}
                file={stage.file}
                revises={stage.revises}
                depts={depts}
                onSaved={(result) => setStage({ kind: 'saved', result })}
              />
            ) : null}
            {stage.kind === 'saved' ? <Saved result={stage.result} /> : null}
          </div>
        </>
      )}
    </Loaded>
  );
}

function Preview({ preview, file, revises, depts, onSaved }: { preview: ImportPreview; file: File; revises: string; depts: DepartmentRow[]; onSaved: (r: ImportResult) => void }) {
  const unknown = preview.departments.filter((d) => d.departmentId === null);
  // A near match of an existing department (市住房城乡建设局 / 市住房和城乡建设局) is proposed as that department.
  const proposed = Object.fromEntries(
    unknown.flatMap((d) => {
      const near = nearestDepartment(d.name, depts);
      return near ? [[d.name, near.id] as const] : [];
    }),
  );
  const [mapping, setMapping] = useState<Record<string, number>>(proposed);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [choices, setChoices] = useState(NO_CHOICES);
  const plan = preview.plan;
  const revision = preview.revision;
  const waiting = revision ? undecided(revision, choices).length : 0;
  const save = async () => {
    const data = new FormData();
    data.append('file', file);
    data.append('mapping', JSON.stringify(mapping));
    if (revises) data.append('revises', revises);
    if (revision) data.append('decisions', JSON.stringify(decisionsOf(revision, choices)));
    setBusy(true);
    setError(null);
    try {
      const result = await post<ImportResult>('/api/imports', data);
      toast(SAVED_WORDS(result)[result.status] ?? '已保存', 'success');
      onSaved(result);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };
  return (
    <>
      <h2>{plan.title ?? preview.revises?.title ?? fileStem(file.name)}</h2>
      {plan.title ? null : (
        <p class="notice">
          {preview.revises
            ? `文件中没有识别出方案标题,保存后沿用原方案名称“${preview.revises.title}”。`
            : `文件中没有识别出方案标题,保存后以文件名“${fileStem(file.name)}”作为方案名称;可以在方案页“修改方案信息”中改名。`}
        </p>
      )}
      <p>{`发文单位:${plan.issuer ?? '未识别'};成文日期:${plan.issued ?? '未识别'};条目 ${plan.items.length} 个,其中任务 ${plan.items.filter((i) => i.kind === 'task').length} 个;指标 ${plan.indicators.length} 个。`}</p>
      {preview.alreadyImported ? <p class="notice">{`该文件已导入过(${preview.alreadyImported.title ?? ''},第 ${preview.alreadyImported.version} 版),无需重复导入。`}</p> : null}
      {preview.revises ? <p class="notice">{`这是已有方案“${preview.revises.title}”的修订版;保存后生成第 ${preview.revises.version + 1} 版,未变化条目的办理状态将保留。`}</p> : null}
      {plan.warnings?.length ? (
        <details class="warnings" open>
          <summary>解析提示({plan.warnings.length})</summary>
          <ul>
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {unknown.length ? (
        <>
          <h3>系统中没有的单位({unknown.length})</h3>
          <p class="muted">可以对应到已有单位(例如旧称“市质监局”对应到“市市场监管局”),或作为新单位建立。</p>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th>文件中的名称</th>
                  <th>涉及条目</th>
                  <th>处理方式</th>
                </tr>
              </thead>
              <tbody>
                {unknown.map((d) => (
                  <tr key={d.name}>
                    <td>
                      {d.name}
                      {proposed[d.name] !== undefined ? <div class="muted small">与已有单位名称相近,建议对应</div> : null}
                    </td>
                    <td class="num">{d.items}</td>
                    <td>
                      <select
                        aria-label={`“${d.name}”对应的单位`}
                        onChange={(e) => {
                          const v = (e.currentTarget as HTMLSelectElement).value;
                          setMapping((m) => {
                            const { [d.name]: _drop, ...rest } = m;
                            return v ? { ...rest, [d.name]: Number(v) } : rest;
                          });
                        }}
                      >
                        <option value="">新建为新单位</option>
                        {depts.map((x) => (
                          <option key={x.id} value={x.id} selected={x.id === proposed[d.name]}>{`对应到:${x.name}`}</option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h3>条目</h3>
      <div class="table-wrap">
        <table class="data preview">
          <thead>
            <tr>
              {['位置', '编号', '标题', '类型', '牵头单位', '配合单位', '完成时限', '依据'].map((t) => (
                <th key={t}>{t}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.items.map((i, n) => (
              <tr key={n}>
                <td class="muted small">{i.path.join(' / ')}</td>
                <td class="nowrap">{i.number}</td>
                <td>{i.title}</td>
                <td>
                  <KindBadge kind={i.kind} />
                </td>
                <td>{i.lead.join('、') || '—'}</td>
                <td>{i.co.join('、') || '—'}</td>
                <td class="nowrap">{i.due ?? '—'}</td>
                <td class="muted small note">{i.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.indicators.length ? (
        <>
          <h3>指标</h3>
          <IndicatorTable indicators={plan.indicators} />
        </>
      ) : null}
      {revision ? <RevisionReview revision={revision} choices={choices} onChange={setChoices} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      <div class="actions">
        <button type="button" class="primary" disabled={Boolean(preview.alreadyImported) || busy || waiting > 0} onClick={save}>
          {preview.alreadyImported
            ? '已导入过,无需保存'
            : waiting > 0
              ? `还有 ${waiting} 处对应不确定,请确认或重新配对后保存`
              : preview.revises
                ? `保存为第 ${preview.revises.version + 1} 版`
                : '保存导入'}
        </button>
      </div>
    </>
  );
}

/** The name a plan without a recognised title is saved under: its file name without the extension (as the server names it). */
const fileStem = (name: string): string => name.replace(/\.[^.]*$/, '') || name;

const SAVED_WORDS = (result: ImportResult): Record<ImportResult['status'], string> => ({ created: '已导入新方案', unchanged: '文件未变化,没有新建数据', revised: `已保存为第 ${result.version} 版` });

function Saved({ result }: { result: ImportResult }) {
  const words = SAVED_WORDS(result);
  const list = (title: string, rows: ImportDiffRow[]) =>
    rows.length ? (
      <>
        <h3>{`${title}(${rows.length})`}</h3>
        <ul>
          {rows.map((r, i) => (
            <li key={i}>{`${r.path.join(' / ')} ${r.number} ${r.title}${r.previousTitle && r.previousTitle !== r.title ? `(原为:${r.previousTitle})` : ''}`}</li>
          ))}
        </ul>
      </>
    ) : null;
  return (
    <>
      <p class="success">{`${words[result.status] ?? result.status}:${result.title ?? ''}`}</p>
      {result.diff ? (
        <>
          {list('新增条目', result.diff.added)}
          {list('删除条目', result.diff.removed)}
          {list('内容变化的条目', result.diff.changed)}
        </>
      ) : null}
      <p>
        <a class="button" href={`#/plans/${result.planId}`}>
          查看方案
        </a>
      </p>
    </>
  );
}
