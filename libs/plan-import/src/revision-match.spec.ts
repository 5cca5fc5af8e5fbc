import { dice, matchRevision, normalizeText, type RevisionItem, revisionProposals, textSpans } from './revision-match.js';

const A = '加快标准化建设,推动企业主导制定国际标准、国家标准和行业标准,培育一批标准创新型企业。';
const B = '实施质量品牌提升行动,培育区域公用品牌,开展质量标杆企业评选,推广先进质量管理方法。';
const C = '完善计量检测基础设施,建设国家级产业计量测试中心,提升检验检测机构服务能力和水平。';
const D = '加强知识产权保护,建立快速维权机制,推进专利导航和商标品牌指导站建设,服务中小企业。';
const E = '推进食品安全放心工程,落实企业主体责任,健全从农田到餐桌全过程监管体系和追溯制度。';
const F = '优化营商环境,深化认证认可改革,推行检验检测机构资质认定告知承诺制,压减审批时限。';

let nextKey = 0;
function item(number: string, title: string, body: string, path = ['三、重点任务'], extra: Partial<RevisionItem> = {}): RevisionItem {
  return { key: nextKey++, number, path, title, body, dueText: null, lead: [], co: [], ...extra };
}

interface Case {
  name: string;
  old: RevisionItem[];
  new: RevisionItem[];
  /** Expected links as [kind, old numbers, new numbers, reasons], added and removed numbers. */
  links: Array<[string, string[], string[], string[]]>;
  added: string[];
  removed: string[];
  uncertain?: string[];
}

function build(): Case[] {
  nextKey = 0;
  const o = (n: string, t: string, b: string, p?: string[]) => item(n, t, b, p);
  return [
    {
      name: 'same document: every item unchanged',
      old: [o('1', '标准', A), o('2', '品牌', B)],
      new: [o('1', '标准', A), o('2', '品牌', B)],
      links: [
        ['unchanged', ['1'], ['1'], ['same']],
        ['unchanged', ['2'], ['2'], ['same']],
      ],
      added: [],
      removed: [],
    },
    {
      name: 'insertion near the top renumbers the rest',
      old: [o('1', '标准', A), o('2', '品牌', B), o('3', '计量', C)],
      new: [o('1', '知识产权', D), o('2', '标准', A), o('3', '品牌', B), o('4', '计量', C)],
      links: [
        ['unchanged', ['1'], ['2'], ['renumbered']],
        ['unchanged', ['2'], ['3'], ['renumbered']],
        ['unchanged', ['3'], ['4'], ['renumbered']],
      ],
      added: ['1'],
      removed: [],
    },
    {
      name: 'deletion: the removed item has no successor, the number goes to the next',
      old: [o('1', '标准', A), o('2', '品牌', B), o('3', '计量', C)],
      new: [o('1', '标准', A), o('2', '计量', C)],
      links: [
        ['unchanged', ['1'], ['1'], ['same']],
        ['unchanged', ['3'], ['2'], ['renumbered']],
      ],
      added: [],
      removed: ['2'],
    },
    {
      name: 'title edited, body unchanged',
      old: [o('1', '标准化建设', A), o('2', '品牌', B)],
      new: [o('1', '标准引领行动', A), o('2', '品牌', B)],
      links: [
        ['changed', ['1'], ['1'], ['title_edited']],
        ['unchanged', ['2'], ['2'], ['same']],
      ],
      added: [],
      removed: [],
    },
    {
      name: 'body edited a little',
      old: [o('1', '标准', A), o('2', '品牌', B)],
      new: [o('1', '标准', A.replace('一批', '100家')), o('2', '品牌', B)],
      links: [
        ['changed', ['1'], ['1'], ['body_edited']],
        ['unchanged', ['2'], ['2'], ['same']],
      ],
      added: [],
      removed: [],
    },
    {
      name: 'moved to another section',
      old: [o('1', '标准', A, ['三、重点任务']), o('2', '品牌', B, ['三、重点任务']), o('1', '计量', C, ['四、保障措施'])],
      new: [o('1', '标准', A, ['三、重点任务']), o('1', '品牌', B, ['四、保障措施']), o('2', '计量', C, ['四、保障措施'])],
      links: [
        ['unchanged', ['1'], ['1'], ['same']],
        ['unchanged', ['2'], ['1'], ['renumbered', 'moved']],
        ['unchanged', ['1'], ['2'], ['renumbered']],
      ],
      added: [],
      removed: [],
    },
    {
      name: 'split of one item into two',
      old: [o('1', '标准和品牌', A + B), o('2', '计量', C)],
      new: [o('1', '标准', A), o('2', '品牌', B), o('3', '计量', C)],
      links: [
        ['split', ['1'], ['1', '2'], ['split']],
        ['unchanged', ['2'], ['3'], ['renumbered']],
      ],
      added: [],
      removed: [],
    },
    {
      name: 'merge of two items into one',
      old: [o('1', '标准', A), o('2', '品牌', B), o('3', '计量', C)],
      new: [o('1', '标准和品牌', A + B), o('2', '计量', C)],
      links: [
        ['merge', ['1', '2'], ['1'], ['merge']],
        ['unchanged', ['3'], ['2'], ['renumbered']],
      ],
      added: [],
      removed: [],
    },
    {
      name: 'unrelated replacement: removed and added, not paired',
      old: [o('1', '标准', A), o('2', '食品', E)],
      new: [o('1', '标准', A), o('2', '营商', F)],
      links: [['unchanged', ['1'], ['1'], ['same']]],
      added: ['2'],
      removed: ['2'],
    },
    {
      name: 'heavily rewritten item: paired but uncertain',
      old: [o('1', '标准', A), o('2', '品牌', B)],
      new: [o('1', '标准', A), o('2', '品牌', B.slice(0, 24) + '建立品牌培育和保护机制,支持企业争创中国质量奖。')],
      links: [
        ['unchanged', ['1'], ['1'], ['same']],
        ['changed', ['2'], ['2'], ['body_edited']],
      ],
      added: [],
      removed: [],
      uncertain: ['2'],
    },
    {
      name: 'two identical items: paired in order',
      old: [o('1', '标准', A), o('2', '标准', A)],
      new: [o('1', '品牌', B), o('2', '标准', A), o('3', '标准', A)],
      links: [
        ['unchanged', ['1'], ['2'], ['renumbered']],
        ['unchanged', ['2'], ['3'], ['renumbered']],
      ],
      added: ['1'],
      removed: [],
    },
  ];
}

describe('matchRevision', () => {
  it.each(build().map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const oldNo = new Map(c.old.map((i) => [i.key, i.number]));
    const newNo = new Map(c.new.map((i) => [i.key, i.number]));
    const result = matchRevision(c.old, c.new);
    expect(result.links.map((l) => [l.kind, l.old.map((k) => oldNo.get(k)), l.new.map((k) => newNo.get(k)), l.reasons])).toEqual(c.links);
    expect(result.added.map((k) => newNo.get(k))).toEqual(c.added);
    expect(result.removed.map((k) => oldNo.get(k))).toEqual(c.removed);
    expect(result.links.filter((l) => l.uncertain).map((l) => newNo.get(l.new[0]!))).toEqual(c.uncertain ?? []);
    for (const l of result.links) {
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('gives certain unchanged pairs confidence 1', () => {
    const [x] = [item('1', '标准', A)];
    expect(matchRevision([x!], [{ ...x!, key: 99, number: '9' }]).links[0]).toMatchObject({ confidence: 1, uncertain: false });
  });
});

describe('revisionProposals', () => {
  const rows: Array<[string, Partial<RevisionItem>, Partial<RevisionItem>, unknown[]]> = [
    ['nothing printed differently', { dueText: '2025年6月底前', lead: ['市场监管局'] }, { dueText: '2025年6月底前', lead: ['市场监管局'] }, []],
    ['no deadline printed any more: keep, no proposal', { dueText: '2025年6月底前' }, { dueText: null }, []],
    [
      'a new deadline',
      { dueText: '2025年6月底前' },
      { dueText: '2026年6月底前' },
      [{ field: 'deadline', from: '2025年6月底前', to: '2026年6月底前' }],
    ],
    [
      'a new co-department',
      { lead: ['市场监管局'], co: [] },
      { lead: ['市场监管局'], co: ['市工信局'] },
      [{ field: 'departments', from: { lead: ['市场监管局'], co: [] }, to: { lead: ['市场监管局'], co: ['市工信局'] } }],
    ],
    ['departments in another order: the same', { lead: ['甲', '乙'] }, { lead: ['乙', '甲'] }, []],
    ['no departments printed: keep', { lead: ['甲'] }, { lead: [], co: [] }, []],
    [
      'reassigned since, reprinted as before: keep what the coordinator set',
      { lead: ['市审计局'], printed: { dueText: '2025年底前', lead: ['市发改委'], co: [] }, dueText: '2026-03-31(延期)' },
      { lead: ['市发改委'], dueText: '2025年底前' },
      [],
    ],
    [
      'reassigned since, and the new document prints another lead',
      { lead: ['市审计局'], printed: { dueText: null, lead: ['市发改委'], co: [] } },
      { lead: ['市商务局'] },
      [{ field: 'departments', from: { lead: ['市审计局'], co: [] }, to: { lead: ['市商务局'], co: [] } }],
    ],
    ['the new document prints what the coordinator already set', { lead: ['乙'], printed: { dueText: null, lead: ['甲'], co: [] } }, { lead: ['乙'] }, []],
  ];
  it.each(rows)('%s', (_name, was, now, expected) => {
    nextKey = 0;
    const o = item('1', '标准', A, undefined, was);
    const n = item('2', '标准', A, undefined, now);
    const match = matchRevision([o], [n]);
    expect(revisionProposals(match, [o], [n]).map(({ newKey, oldKey, ...rest }) => (expect([oldKey, newKey]).toEqual([o.key, n.key]), rest))).toEqual(expected);
  });
});

describe('text measures', () => {
  it.each([
    ['ab', 'ab', 1],
    ['abcd', 'abcd', 1],
    ['abcd', 'wxyz', 0],
    ['abcd', 'abce', 2 / 3],
  ])('dice(%s, %s) = %d', (a, b, d) => expect(dice(a, b)).toBeCloseTo(d as number, 5));

  it('ignores whitespace, punctuation and full-width forms', () => {
    expect(normalizeText(' 加快 标准化,建设。ＡＢ１ ')).toBe('加快标准化建设ab1');
  });
});

describe('textSpans', () => {
  it.each([
    ['', '', []],
    ['甲乙', '甲乙', [{ op: 'same', text: '甲乙' }]],
    [
      '2025年底前完成',
      '2026年底前完成',
      [
        { op: 'same', text: '202' },
        { op: 'removed', text: '5' },
        { op: 'added', text: '6' },
        { op: 'same', text: '年底前完成' },
      ],
    ],
  ])('%s -> %s', (a, b, spans) => expect(textSpans(a, b)).toEqual(spans));
});
