import { type RevisionDecisions, resolveRevision } from './revision-decisions.js';
import type { RevisionItem } from './revision-match.js';

const A = '加快标准化建设,推动企业主导制定国际标准、国家标准和行业标准,培育一批标准创新型企业。';
const B = '实施质量品牌提升行动,培育区域公用品牌,开展质量标杆企业评选,推广先进质量管理方法。';
const C = '完善计量检测基础设施,建设国家级产业计量测试中心,提升检验检测机构服务能力和水平。';

const item = (key: number, number: string, title: string, body: string, extra: Partial<RevisionItem> = {}): RevisionItem => ({
  key,
  number,
  path: ['二、重点任务'],
  title,
  body,
  dueText: null,
  lead: [],
  co: [],
  ...extra,
});

// Old items are keyed by id (101...), new ones by index (0...). Old 102 and new 1 are an uncertain pair.
const OLD = [item(101, '1', '标准', A, { dueText: '2025年底前' }), item(102, '2', '品牌', B), item(103, '3', '计量', C)];
const NEW = [item(0, '1', '标准', A, { dueText: '2026年底前' }), item(1, '2', '品牌', B.slice(0, 24) + '建立品牌培育和保护机制,支持企业争创中国质量奖。'), item(2, '3', '计量', C)];

type Expected = { links: Array<[number[], number[], boolean]>; added: number[]; removed: number[]; accepted?: boolean[] } | { errors: RegExp[] };

const cases: Array<[string, RevisionDecisions | undefined, boolean, Expected]> = [
  [
    'no decisions, command line: every automatic link stands',
    undefined,
    false,
    {
      links: [
        [[101], [0], false],
        [[102], [1], false],
        [[103], [2], false],
      ],
      added: [],
      removed: [],
      accepted: [true],
    },
  ],
  ['no decisions, API: the uncertain pair must be confirmed', undefined, true, { errors: [/原第2项“品牌”与新版第2项“品牌”的对应不确定.*请确认或重新配对/] }],
  [
    'the uncertain pair confirmed',
    { links: [{ old: [102], new: [1] }] },
    true,
    {
      links: [
        [[101], [0], false],
        [[102], [1], true],
        [[103], [2], false],
      ],
      added: [],
      removed: [],
    },
  ],
  [
    'declared unrelated instead: removed and added',
    { unlinkOld: [102] },
    true,
    {
      links: [
        [[101], [0], false],
        [[103], [2], false],
      ],
      added: [1],
      removed: [102],
    },
  ],
  [
    'paired by hand otherwise: the automatic links of both ends give way',
    { links: [{ old: [102], new: [2] }], unlinkOld: [103], unlinkNew: [1] },
    true,
    {
      links: [
        [[101], [0], false],
        [[102], [2], true],
      ],
      added: [1],
      removed: [103],
    },
  ],
  [
    'a merge by hand',
    { links: [{ old: [102, 103], new: [2] }], unlinkNew: [1] },
    true,
    {
      links: [
        [[101], [0], false],
        [[102, 103], [2], true],
      ],
      added: [1],
      removed: [],
    },
  ],
  [
    'the deadline proposal kept',
    { links: [{ old: [102], new: [1] }], proposals: [{ newIndex: 0, field: 'deadline', decision: 'keep' }] },
    true,
    {
      links: [
        [[101], [0], false],
        [[102], [1], true],
        [[103], [2], false],
      ],
      added: [],
      removed: [],
      accepted: [false],
    },
  ],
  ['an unknown old item', { links: [{ old: [999], new: [1] }] }, true, { errors: [/旧版条目不存在或不属于该方案:999/] }],
  ['a new index out of range', { links: [{ old: [102], new: [7] }] }, true, { errors: [/新版条目序号超出范围:7/] }],
  ['an item used twice', { links: [{ old: [102], new: [1] }, { old: [102], new: [2] }] }, true, { errors: [/原第2项“品牌”在手动对应中出现了不止一次/] }],
  ['many to many', { links: [{ old: [101, 102], new: [0, 1] }] }, true, { errors: [/不能同时有多个旧版和多个新版条目/] }],
  ['paired and declared removed', { links: [{ old: [102], new: [1] }], unlinkOld: [102] }, true, { errors: [/既有手动对应又被标为删除/] }],
];

describe('resolveRevision', () => {
  it.each(cases)('%s', (_name, decisions, requireConfirmation, expected) => {
    const result = resolveRevision(OLD, NEW, decisions, requireConfirmation);
    if ('errors' in expected) {
      expect(result.ok).toBe(false);
      if (!result.ok) for (const e of expected.errors) expect(result.errors.join('\n')).toMatch(e);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { revision } = result;
    expect(revision.links.map((l) => [l.old, l.new, l.byHand])).toEqual(expected.links);
    expect(revision.links.every((l) => !l.uncertain || !requireConfirmation)).toBe(true);
    expect([revision.added, revision.removed]).toEqual([expected.added, expected.removed]);
    if (expected.accepted) expect(revision.proposals.filter((p) => p.field === 'deadline').map((p) => p.accepted)).toEqual(expected.accepted);
  });
});
