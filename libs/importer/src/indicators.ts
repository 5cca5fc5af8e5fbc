/**
 * Quantified targets (指标) from a plan's goals: "制造业质量竞争力指数达到92以上",
 * "合格率大于95%", "突破180家", "世界前20名", and the rows of a goals table.
 */
import type { IndicatorOp, ParsedIndicator } from './types.js';
import { trimLine } from './text.js';

const UNIT = '(?:万|亿|千)?(?:个次|人次|家次|公里|平方米|立方米|百分点|%|%|个|家|项|件|名|位|分|亩|张|种|元|人|场|次|座|条|所|吨|台|套|批|户|辆|倍|天|千瓦|兆瓦|篇|部|册|起|例|宗)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';
/** A value with its unit and comparison suffix. */
const VALUE_RE = new RegExp(`${NUMBER}\\s*(${UNIT})?\\s*(以上|以下|以内|左右)?`, 'g');

const GREATER_EQ = /(以上|不少于|不低于|至少|突破|超)$/;
const LEADING_FILLER = /^(并|且|和|及|力争|争取|争创|推动|建成|确保|实现|积极|努力|全力|持续|进一步|全年|今年|年内|全市|全区|全县|全省|主要指标|其中)+/;
const SIGN = /(≥|≤|>=|<=|>|<|>|<|=|＝)\s*$/;
const VERBS = /(持续保持在|保持在|稳定在|提高到|提升到|提高至|提升至|增长到|增加到|达到|达|保持|稳定|突破|超过|大于|高于|不少于|不低于|不超过|不高于|低于|小于|控制在|累计达到|累计|总数达|至少)$/;

function opOf(verb: string, suffix: string | undefined): IndicatorOp {
  if (suffix === '以上') return '>=';
  if (suffix === '以下' || suffix === '以内') return '<=';
  if (/不少于|不低于|至少|突破/.test(verb)) return '>=';
  if (/超过|大于|高于/.test(verb)) return '>';
  if (/不超过|不高于|控制在/.test(verb)) return '<=';
  if (/低于|小于/.test(verb)) return '<';
  if (/达到|达|提高到|提升到|提高至|提升至|增长到|增加到/.test(verb) && !/累计/.test(verb)) return '>=';
  return '=';
}

function opOfSign(sign: string | undefined): IndicatorOp {
  if (!sign || sign === '=' || sign === '＝') return '=';
  if (sign === '≥' || sign === '>=') return '>=';
  if (sign === '≤' || sign === '<=') return '<=';
  return sign === '>' || sign === '>' ? '>' : '<';
}

function normalizeUnit(u: string | undefined): string | null {
  if (!u) return null;
  return u.replace('%', '%');
}

/** Splits "A、B保持100%" or "A和B均达到…" into names when each part is a measure of its own. */
function splitNames(name: string, distributive: boolean): string[] {
  const parts = name.split(distributive ? /、|和|及|与/ : /、/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [name];
  if (distributive) return parts;
  const measure = /(率|占比|比重|比例|指数|满意度|覆盖率)$/;
  return parts.every((p) => measure.test(p) && p.length >= 4) ? parts : [name];
}

function cleanName(raw: string): string {
  let name = trimLine(raw)
    .replace(/^\d{4}年(底|末)?/, '')
    .replace(LEADING_FILLER, '')
    .replace(/^(到|至)\d{4}年(底|末)?/, '')
    .replace(/[((](%|%|分|个|家|项|件|名|万件|万张|万亩)[))]$/, '');
  name = name.replace(/^[,,、;;::\s]+|[,,、;;::\s]+$/g, '');
  return name;
}

/** One clause, e.g. "农产品抽检合格率保持在96%以上" → indicators (one, two, or none). */
export function indicatorsFromClause(clause: string, year: number | null, path: string[]): ParsedIndicator[] {
  const text = trimLine(clause);
  // Ranking targets: "世界前20名、全国前10名".
  const tops = [...text.matchAll(/前(\d{1,4})(名|位)/g)];
  if (tops.length > 0) {
    const head = text.slice(0, tops[0].index).replace(/(持续保持在|保持在|进入|位居|位列|居|稳居|排名)?(世界|全球|全国|全省|全市|国内|国际)?$/, '');
    const name = cleanName(head);
    if (name.length < 2) return [];
    return tops.map((t) => ({ name, op: 'top' as const, value: Number(t[1]), unit: t[2], year, path }));
  }
  VALUE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VALUE_RE.exec(text))) {
    const start = m.index;
    const after = text.slice(start + m[0].length);
    const before = text.slice(0, start);
    // Not a value: years and dates, numbers in quotes or names ("“334”体系", "500强"), list numbers.
    if (/^[年月日号]/.test(after) && !m[2]) continue;
    if (/[“"‘《〈]\s*$/.test(before) || /^\s*[”"’》〉]/.test(after)) continue;
    if (!m[2] && /^[强大佳优]/.test(after)) continue;
    if (/[\d.]$/.test(before)) continue;
    const signMatch = SIGN.exec(before);
    const verbMatch = signMatch ? null : VERBS.exec(before);
    const verb = verbMatch ? verbMatch[1] : '';
    let nameRaw = signMatch ? before.slice(0, signMatch.index) : verbMatch ? before.slice(0, verbMatch.index) : before;
    const distributive = /[各均都]$/.test(nameRaw) || /^[各均都]/.test(verb);
    nameRaw = nameRaw.replace(/[各均都]$/, '');
    let unit = normalizeUnit(m[2]);
    // "社会95%以上的量传和溯源需求": the measure continues after the number.
    if (/^的/.test(after)) nameRaw += after.replace(/[,,。;;].*$/, '');
    let name = cleanName(nameRaw);
    if (name.length < 3 || !/[\u4e00-\u9fa5]/.test(name)) return [];
    // A rate printed without its unit, or with a scanning error after the number, is a percentage.
    if (!unit && /率$/.test(name) && Number(m[1]) <= 100) unit = '%';
    const op = signMatch ? opOfSign(signMatch[1]) : opOf(verb, m[3]);
    const value = Number(m[1]);
    name = name.replace(/\s+/g, ' ');
    const found = splitNames(name, distributive).map((n) => ({ name: n, op, value, unit, year, path }));
    // "新增中国驰名商标5件、省级名牌产品30个": further targets follow after "、".
    const more = /^[^、]*、(.*\d.*)$/.exec(after);
    return more ? [...found, ...indicatorsFromClause(more[1], year, path)] : found;
  }
  return [];
}

const YEAR_MENTION = /(?:到|至|在)?(\d{4})年/g;

/** Targets stated in sentences of a goals section. */
export function indicatorsFromText(text: string, defaultYear: number | null, path: string[]): ParsedIndicator[] {
  const out: ParsedIndicator[] = [];
  let year = defaultYear;
  const first = /(\d{4})年/.exec(text);
  if (first && year === null) year = Number(first[1]);
  for (const sentence of text.split(/[。;;\n]/)) {
    const ym = [...sentence.matchAll(YEAR_MENTION)].filter((y) => Number(y[1]) >= 2000 && Number(y[1]) <= 2100);
    // "到2035年，…" goals are usually qualitative; a sentence with its own target year uses it.
    if (ym.length > 0 && /^[\s\u3000]*(到|至)/.test(sentence)) year = Number(ym[0][1]);
    for (const clause of sentence.split(/[,,::]/)) out.push(...indicatorsFromClause(clause, year, path));
  }
  return out;
}

const TABLE_HEADER = /指\s*标/;
const TABLE_ROW = /^(.+?)\s*(?:[((]([^()()]{1,6})[))])?\s*(≥|≤|>=|<=|>|<|>|<|=|＝)?\s*(\d+(?:\.\d+)?)\s*$/;
/** What a goals table's category cell ends with: a field of quality work, or letters spaced out ("产 业"). */
const CATEGORY_CELL = /\s|(发展|质量|设施|人才|建设|品牌|产业|产品|服务|工程|环境|创新|民生|安全|效益|生态|治理|基础|开放|共享|协调|类)$/;

/**
 * Rows of a flattened table begin with the category cell on the first row of each group
 * ("创新发展国家级创新平台"). Drop it when it looks like a category and the rest is
 * what the plan's own text calls the target.
 */
function dropCategoryCell(name: string, prose: string): string {
  if (!prose.includes(name)) {
    for (let k = 1; k <= 6 && name.length - k >= 4; k++) {
      const rest = name.slice(k).trim();
      if (CATEGORY_CELL.test(name.slice(0, k)) && prose.includes(rest)) return rest.replace(/\s+/g, '');
    }
  }
  return name.replace(/\s+/g, '');
}

/**
 * A goals table flattened to text (as on many portals): a header "…指标…目标…" and rows
 * "[类别]名称(单位)≥值". A leading category cell is dropped where the rest of the name is
 * what the plan's text calls the target.
 */
export function indicatorsFromTable(lines: string[], docText: string, defaultYear: number | null, path: string[]): ParsedIndicator[] | null {
  const headerAt = lines.findIndex((l) => {
    const t = trimLine(l);
    return t.length <= 40 && TABLE_HEADER.test(t) && /目标/.test(t) && !/[。,,]/.test(t);
  });
  if (headerAt < 0) return null;
  const header = trimLine(lines[headerAt]);
  const hy = /(\d{4})年/.exec(header);
  const year = hy ? Number(hy[1]) : defaultYear;
  const tableText = new Set(lines.slice(headerAt).map(trimLine));
  const prose = docText
    .split('\n')
    .filter((l) => !tableText.has(trimLine(l)))
    .join('\n');
  const out: ParsedIndicator[] = [];
  const headerCells = header.split(/\t|\s*\|\s*/).map(trimLine).filter(Boolean);
  if (headerCells.length >= 2) return indicatorsFromColumns(headerCells, lines.slice(headerAt + 1), year, path);
  for (const line of lines.slice(headerAt + 1)) {
    const t = trimLine(line);
    if (!t) {
      if (out.length > 0) break;
      continue;
    }
    const cells = t.replace(/\t|\s*\|\s*/g, '');
    // Ranking rows: "全球创新指数排名(名)世界前20名、全国前10名".
    const rank = /^(.+?)[((]([^()()]{1,6})[))](.*前\d+[名位].*)$/.exec(cells);
    const m = rank ? null : TABLE_ROW.exec(cells);
    const row = rank ?? m;
    if (!row || /[。]/.test(t)) break;
    const name = dropCategoryCell(row[1].trim(), prose);
    const unit = row[2] ? row[2].replace('%', '%') : null;
    if (rank) {
      for (const tp of rank[3].matchAll(/前(\d+)[名位]/g)) out.push({ name, op: 'top', value: Number(tp[1]), unit, year, path });
      continue;
    }
    const target = row[4];
    out.push({ name, op: opOfSign(row[3]), value: Number(target), unit, year, path });
  }
  return out;
}

/** A goals table whose cells are kept apart (tabs from .docx/.html, or pipes): read by column. */
function indicatorsFromColumns(header: string[], rows: string[], year: number | null, path: string[]): ParsedIndicator[] {
  const col = (re: RegExp) => header.findIndex((c) => re.test(c.replace(/\s+/g, '')));
  const nameCol = col(/指标/);
  const unitCol = col(/^单位$|计量单位/);
  let targetCol = col(/目标值|目标|\d{4}年/);
  if (targetCol === nameCol) targetCol = header.length - 1;
  const out: ParsedIndicator[] = [];
  for (const line of rows) {
    const t = trimLine(line);
    if (!t) {
      if (out.length > 0) break;
      continue;
    }
    const cells = t.split(/\t|\s*\|\s*/).map(trimLine);
    if (cells.length < 2) break;
    // Rows without the (merged) category cell are one cell short: align them to the right.
    const shift = header.length - cells.length;
    const at = (k: number) => (k - shift >= 0 && k - shift < cells.length ? cells[k - shift] : '');
    const nameCell = at(nameCol);
    const parsed = /^(.+?)\s*(?:[((]([^()()]{1,6})[))])?$/.exec(nameCell);
    if (!parsed) continue;
    const unit = (unitCol >= 0 ? at(unitCol) : '') || parsed[2] || null;
    const target = at(targetCol);
    const tops = [...target.matchAll(/前(\d+)[名位]/g)];
    const name = parsed[1].replace(/\s+/g, '');
    if (tops.length > 0) {
      for (const tp of tops) out.push({ name, op: 'top', value: Number(tp[1]), unit: unit ?? '名', year, path });
      continue;
    }
    const v = /^(≥|≤|>=|<=|>|<|>|<|=|＝)?\s*(\d+(?:\.\d+)?)\s*(%|%)?\s*(以上|以下)?$/.exec(target);
    if (!v) continue;
    const op = v[4] === '以上' ? '>=' : v[4] === '以下' ? '<=' : opOfSign(v[1]);
    out.push({ name, op, value: Number(v[2]), unit: (unit ?? (v[3] ? '%' : null))?.replace('%', '%') ?? null, year, path });
  }
  return out;
}
