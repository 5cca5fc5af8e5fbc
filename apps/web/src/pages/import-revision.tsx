// 计划导入, a revised plan: the comparison with the current version and the coordinator's decisions
// (confirm or re-pair uncertain links, accept or keep printed changes) before saving.
import type { ComparedItemView, ComparedLinkView, RevisionComparisonView, RevisionDecisionsBody, RevisionProposalView, TextSpanView } from '../../../../libs/contracts/src/index.js';

/** What the coordinator decided so far. New items by index, old items by id. */
export interface RevisionChoices {
  /** Uncertain links (by their index in `links`) confirmed as they are. */
  confirmed: number[];
  /** New item index -> old item id it is paired with by hand, or 'added' (no counterpart). */
  newPair: Record<number, number | 'added'>;
  /** Old items marked 删除 (no counterpart). */
  removedOld: number[];
  /** Proposals kept (the tracked value stays), as `${newIndex}/${field}`. */
  kept: string[];
}

export const NO_CHOICES: RevisionChoices = { confirmed: [], newPair: {}, removedOld: [], kept: [] };

const proposalKey = (p: { newIndex: number; field: string }) => `${p.newIndex}/${p.field}`;
const ids = (items: ComparedItemView[]) => items.map((i) => i.id).filter((x): x is number => x !== null);
const indexes = (items: ComparedItemView[]) => items.map((i) => i.index).filter((x): x is number => x !== null);

/** A link is decided by hand when one of its items is re-paired, marked 新增 or marked 删除. */
function handled(link: ComparedLinkView, choices: RevisionChoices): boolean {
  return indexes(link.new).some((n) => n in choices.newPair) || ids(link.old).some((o) => choices.removedOld.includes(o));
}

/** The uncertain links still waiting for a decision. */
export function undecided(revision: RevisionComparisonView, choices: RevisionChoices): ComparedLinkView[] {
  return revision.links.filter((l, k) => l.uncertain && !choices.confirmed.includes(k) && !handled(l, choices));
}

/** The `decisions` field as the API takes it (README "Revised plans"). */
export function decisionsOf(revision: RevisionComparisonView, choices: RevisionChoices): RevisionDecisionsBody {
  const links: RevisionDecisionsBody['links'] = [];
  revision.links.forEach((l, k) => {
    if (l.uncertain && choices.confirmed.includes(k) && !handled(l, choices)) links.push({ old: ids(l.old), new: indexes(l.new) });
  });
  const byOld = new Map<number, number[]>();
  for (const [n, o] of Object.entries(choices.newPair)) if (o !== 'added') byOld.set(o, [...(byOld.get(o) ?? []), Number(n)]);
  for (const [o, news] of byOld) links.push({ old: [o], new: news });
  return {
    links,
    unlinkOld: choices.removedOld,
    unlinkNew: Object.entries(choices.newPair)
      .filter(([, o]) => o === 'added')
      .map(([n]) => Number(n)),
    proposals: revision.proposals.map((p) => ({ newIndex: p.newIndex, field: p.field, decision: choices.kept.includes(proposalKey(p)) ? 'keep' : 'accept' })),
  };
}

const COUNT_LABELS: Array<[keyof RevisionComparisonView['counts'], string]> = [
  ['unchanged', '未变'],
  ['changed', '有修改'],
  ['split', '拆分'],
  ['merge', '合并'],
  ['added', '新增'],
  ['removed', '删除'],
  ['uncertain', '对应不确定'],
];

function Spans({ spans, side }: { spans: TextSpanView[]; side: 'old' | 'new' }) {
  const hidden = side === 'old' ? 'added' : 'removed';
  return (
    <>
      {spans.map((s, k) => {
        if (s.op === hidden) return null;
        if (s.op === 'removed') return <del key={k}>{s.text}</del>;
        if (s.op === 'added') return <ins key={k}>{s.text}</ins>;
        return <span key={k}>{s.text}</span>;
      })}
    </>
  );
}

const itemName = (i: ComparedItemView) => `${i.number} ${i.title}`.trim();
const units = (i: { lead: string[]; co: string[] }) => `牵头:${i.lead.join('、') || '—'};配合:${i.co.join('、') || '—'}`;

function Side({ label, items, spans, side }: { label: string; items: ComparedItemView[]; spans: { title: TextSpanView[]; body: TextSpanView[] } | null; side: 'old' | 'new' }) {
  return (
    <div class="side">
      <h5>{label}</h5>
      {spans && items.length === 1 ? (
        <>
          <p class="side-title">
            <span class="muted">{`${items[0]!.number} `}</span>
            <Spans spans={spans.title} side={side} />
          </p>
          <p class="side-body">
            <Spans spans={spans.body} side={side} />
          </p>
        </>
      ) : (
        items.map((i) => (
          <div key={`${i.id}-${i.index}`}>
            <p class="side-title">{itemName(i)}</p>
            <p class="side-body">{i.body}</p>
          </div>
        ))
      )}
      {items.map((i) => (
        <p key={`u${i.id}-${i.index}`} class="muted small">{`${i.number}:${units(i)};时限:${i.dueText ?? '—'}`}</p>
      ))}
    </div>
  );
}

function PairSelect({ item, oldItems, choices, onChange }: { item: ComparedItemView; oldItems: ComparedItemView[]; choices: RevisionChoices; onChange: (c: RevisionChoices) => void }) {
  const n = item.index!;
  const value = choices.newPair[n];
  return (
    <label class="pair">
      {`新版 ${itemName(item)} 对应:`}
      <select
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          const { [n]: _drop, ...rest } = choices.newPair;
          onChange({ ...choices, newPair: v === '' ? rest : { ...rest, [n]: v === 'added' ? 'added' : Number(v) } });
        }}
      >
        <option value="">按系统对应</option>
        <option value="added">新增(无对应旧条目)</option>
        {oldItems.map((o) => (
          <option key={o.id} value={String(o.id)}>{`旧版 ${itemName(o)}`}</option>
        ))}
      </select>
    </label>
  );
}

function RemoveOld({ item, choices, onChange }: { item: ComparedItemView; choices: RevisionChoices; onChange: (c: RevisionChoices) => void }) {
  const id = item.id!;
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={choices.removedOld.includes(id)}
        onChange={(e) => {
          const on = (e.currentTarget as HTMLInputElement).checked;
          onChange({ ...choices, removedOld: on ? [...choices.removedOld, id] : choices.removedOld.filter((x) => x !== id) });
        }}
      />
      {`旧版 ${itemName(item)} 删除(无对应新条目)`}
    </label>
  );
}

function LinkCard({ link, k, oldItems, choices, onChange }: { link: ComparedLinkView; k: number; oldItems: ComparedItemView[]; choices: RevisionChoices; onChange: (c: RevisionChoices) => void }) {
  const spans = link.old.length === 1 && link.new.length === 1 ? { title: link.titleSpans, body: link.bodySpans } : null;
  const decided = !link.uncertain || choices.confirmed.includes(k) || handled(link, choices);
  return (
    <section class={`link-card${link.uncertain ? ' uncertain' : ''}`} aria-label={`对应:${link.old.map(itemName).join('、')}`}>
      <p class="link-head">
        <span class="badge">{link.kindLabel}</span>
        {` ${link.reasons.map((r) => r.label).join('、')};相似度 ${Math.round(link.confidence * 100)}%`}
        {link.uncertain ? <strong class="flag">{decided ? ' 已处理' : ' 对应不确定,请确认或重新配对'}</strong> : null}
      </p>
      <div class="sides">
        <Side label={`旧版(第 ${link.old.map((o) => o.number).join('、')} 项)`} items={link.old} spans={spans} side="old" />
        <Side label={`新版(第 ${link.new.map((o) => o.number).join('、')} 项)`} items={link.new} spans={spans} side="new" />
      </div>
      {link.uncertain ? (
        <div class="link-decide">
          <label class="check">
            <input
              type="checkbox"
              checked={choices.confirmed.includes(k)}
              disabled={handled(link, choices)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                onChange({ ...choices, confirmed: on ? [...choices.confirmed, k] : choices.confirmed.filter((x) => x !== k) });
              }}
            />
            确认对应
          </label>
          {link.new.map((n) => (
            <PairSelect key={n.index} item={n} oldItems={oldItems} choices={choices} onChange={onChange} />
          ))}
          {link.old.map((o) => (
            <RemoveOld key={o.id} item={o} choices={choices} onChange={onChange} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function proposalText(p: RevisionProposalView): [string, string, string] {
  if (p.field === 'deadline') return ['完成时限', p.from ?? '—', p.to];
  return ['责任单位', units(p.from), units(p.to)];
}

export function RevisionReview({ revision, choices, onChange }: { revision: RevisionComparisonView; choices: RevisionChoices; onChange: (c: RevisionChoices) => void }) {
  const oldItems = [...revision.links.flatMap((l) => l.old), ...revision.removed].filter((o, k, all) => o.id !== null && all.findIndex((x) => x.id === o.id) === k);
  const newTitle = new Map([...revision.links.flatMap((l) => l.new), ...revision.added].map((n) => [n.index, itemName(n)]));
  const shown = revision.links.map((l, k) => [l, k] as const).filter(([l]) => l.kind !== 'unchanged' || l.uncertain);
  return (
    <div class="revision">
      <h3>{`与第 ${revision.previous.version} 版的对比`}</h3>
      <ul class="revision-counts">
        {COUNT_LABELS.map(([key, label]) => (
          <li key={key}>
            <span class="muted">{label}</span> <strong>{revision.counts[key]}</strong>
          </li>
        ))}
      </ul>
      {shown.length ? <h4>{`有变化或需确认的条目(${shown.length})`}</h4> : null}
      {shown.map(([l, k]) => (
        <LinkCard key={k} link={l} k={k} oldItems={oldItems} choices={choices} onChange={onChange} />
      ))}
      {revision.added.length ? (
        <>
          <h4>{`新增条目(${revision.added.length})`}</h4>
          <ul class="plain">
            {revision.added.map((a) => (
              <li key={a.index}>
                <p>{`${a.path.join(' / ')} ${itemName(a)}`}</p>
                <PairSelect item={a} oldItems={oldItems} choices={choices} onChange={onChange} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {revision.removed.length ? (
        <>
          <h4>{`删除条目(${revision.removed.length})`}</h4>
          <p class="muted">删除的条目保存后标为已撤销,待发送的提醒撤回。</p>
          <ul>
            {revision.removed.map((r) => (
              <li key={r.id}>{`${r.path.join(' / ')} ${itemName(r)}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {revision.proposals.length ? (
        <>
          <h4>{`文件中时限或单位的变化(${revision.proposals.length})`}</h4>
          <p class="muted">接受:采用新版文件的写法;保留:沿用系统中正在执行的内容。</p>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th>新版条目</th>
                  <th>内容</th>
                  <th>原为</th>
                  <th>新版文件</th>
                  <th>处理</th>
                </tr>
              </thead>
              <tbody>
                {revision.proposals.map((p) => {
                  const [field, from, to] = proposalText(p);
                  const key = proposalKey(p);
                  const keep = choices.kept.includes(key);
                  const name = `${newTitle.get(p.newIndex) ?? p.newIndex} ${field}`;
                  return (
                    <tr key={key}>
                      <td>{newTitle.get(p.newIndex) ?? p.newIndex}</td>
                      <td>{field}</td>
                      <td>{from}</td>
                      <td>{to}</td>
                      <td class="nowrap">
                        <fieldset class="choice">
                          <legend class="sr-only">{name}</legend>
                          {(['accept', 'keep'] as const).map((d) => (
                            <label key={d}>
                              <input
                                type="radio"
                                name={`proposal-${key}`}
                                checked={(d === 'keep') === keep}
                                onChange={() => onChange({ ...choices, kept: d === 'keep' ? [...choices.kept, key] : choices.kept.filter((x) => x !== key) })}
                              />
                              {d === 'accept' ? '接受' : '保留'}
                            </label>
                          ))}
                        </fieldset>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
