/**
 * Task tables (任务分工表): columns like 序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限,
 * as text with tabs, pipes or wide spaces between cells, or from a .docx/.html table
 * (which the decoder turns into tab-separated lines).
 */
import { isUnitList, parseNoteContent, splitDepartments, splitGluedNames } from './departments.js';
import { findDue } from './deadlines.js';
import { findMarkers } from './numbering.js';
import { chineseToNumber, stripTrailingPunctuation, trimLine } from './text.js';

export interface TableRow {
  number: string;
  title: string;
  body: string;
  lead: string[];
  co: string[];
  due: string | null;
  line: number;
  /** The grouping rows above the row, as printed ("一、优化营商环境", "(六)提升…"). */
  groups: string[];
  /** The unit cells as "header:cell" ("牵头单位:区财政局;配合单位:区税务局"), or null. */
  note: string | null;
}

export interface TaskTable {
  headerLine: number;
  endLine: number; // exclusive
  rows: TableRow[];
}

export function splitCells(line: string): string[] {
  const t = trimLine(line);
  let cells: string[];
  if (t.includes('\t')) cells = t.split('\t');
  else if (/\|/.test(t)) cells = t.split('|');
  else cells = t.split(/\s{2,}|\u3000+/);
  cells = cells.map(trimLine);
  if (cells.length && cells[0] === '') cells.shift();
  if (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

interface Columns {
  number: number;
  task: number;
  lead: number;
  co: number;
  due: number;
  /** The department column says 牵头 (lead) rather than 责任 (responsible). */
  leadIsLead: boolean;
}

/** A header cell is a short label ("牵头单位", "完成时限"), never a sentence. */
const HEADER_CELL_MAX = 12;

function columnsOf(cells: string[]): Columns | null {
  const labels = cells.map((c) => c.replace(/[\s\u3000]+/g, ''));
  const find = (re: RegExp, except: number[] = []) => labels.findIndex((c, i) => c.length <= HEADER_CELL_MAX && re.test(c) && !except.includes(i));
  const number = find(/^(序号|编号|序)$/);
  const task = find(/(重点任务|工作任务|主要任务|任务内容|工作内容|具体任务|任务名称|工作措施|主要内容|任务事项|改革举措|重点工作|工作事项|主要工作|任务举措|项目名称|^任务$|^事项$|^举措$|测评点|评估要点|评估内容|考核要点|考核内容|评价要点|评价内容|^职责$|^工作职责$)/);
  const lead = find(/(牵头单位|牵头部门|责任单位|责任部门|负责单位|负责部门|主责单位|主责部门|指导部门|指导单位|主管部门|责任主体|实施主体|^牵头$)/, [task]);
  const leadIsLead = lead >= 0 && /牵头/.test(labels[lead]);
  // Beside a 牵头单位 column, a 责任单位 column names the co-responsible units.
  const co = find(/(配合单位|配合部门|协同单位|参与单位|协办单位|配合|参与)/, [task, lead]) >= 0
    ? find(/(配合单位|配合部门|协同单位|参与单位|协办单位|配合|参与)/, [task, lead])
    : leadIsLead ? find(/(责任单位|责任部门)/, [task, lead]) : -1;
  const due = find(/(完成时限|完成时间|时间节点|时限|进度安排|时间安排|完成期限)/, [task, lead, co]);
  return cells.length >= 3 && task >= 0 && lead >= 0 && task !== lead ? { number, task, lead, co, due, leadIsLead } : null;
}

/** A provision number at the start of a cell: "21.完善…" → ["21", "完善…"]. */
const LEADING_NUMBER = /^(\d{1,3})\s*[.、.．]\s*(?!\d)(.+)$/;
/** An item number in parentheses at the start of a cell: "(1)贯彻落实…" → ["(1)", "贯彻落实…"]. */
const LEADING_ITEM_NUMBER = /^(\(\s*\d{1,2}\s*\)|[\u2460-\u2473])\s*(.+)$/;

/** A cell's leading number and text, for the cells of text columns. */
function numberedCell(cell: string): { number: string; text: string } | null {
  const m = LEADING_NUMBER.exec(cell) ?? LEADING_ITEM_NUMBER.exec(cell);
  return m ? { number: m[1].replace(/\s+/g, ''), text: m[2] } : null;
}
/** A row that only names a group of the rows below it: "一、优化营商环境", "(六)提升…". */
const GROUP_ROW = /^([一二三四五六七八九十]{1,3}[、.．]|[(\uFF08][一二三四五六七八九十]{1,3}[)\uFF09])/;

function groupLevel(text: string): number {
  return /^[(\uFF08]/.test(text) ? 1 : 0;
}

/**
 * The task table whose header is at `at`, or null when that line is no task-table header.
 * `nextSection`: the number of the document's next "一、" section; a row that starts it ends the
 * table instead of grouping its rows.
 */
export function readTaskTable(lines: string[], at: number, nextSection: number | null = null): TaskTable | null {
  const header = splitCells(lines[at]);
  const cols = columnsOf(header);
  if (!cols) return null;
  const rows: TableRow[] = [];
  let groups: string[] = [];
  let i = at + 1;
  for (; i < lines.length; i++) {
    if (trimLine(lines[i]) === '') {
      if (rows.length > 0) break;
      continue;
    }
    const cells = splitCells(lines[i]);
    const distinct = [...new Set(cells.filter((c) => c !== ''))];
    // A grouping row (one cell, or one merged cell filling the row).
    if (distinct.length === 1 && GROUP_ROW.test(distinct[0])) {
      if (nextSection !== null && groupLevel(distinct[0]) === 0 && chineseToNumber(/^[一二三四五六七八九十]+/.exec(distinct[0])![0]) === nextSection) break;
      const level = groupLevel(distinct[0]);
      groups = [...groups.slice(0, level), distinct[0]];
      continue;
    }
    if (cells.length < 2) break;
    const get = (k: number) => (k >= 0 && k < cells.length ? cells[k] : '');
    let task = get(cols.task);
    let rowGroups = groups;
    let number = /^(\d{1,3})[.、.]?$/.exec(get(cols.number))?.[1] ?? null;
    if (number === null) {
      const inTask = LEADING_NUMBER.exec(task);
      // The number may stand in another text column, the task column then naming the row's group
      // ("一、加强… | 1.增强… | 牵头单位 | …"). Columns that each number one level, left to right, make
      // a tree (督导评估内容 "一、…" | 督导评估要点 "1.…" | 具体测评点 "(1)…" | … | 责任单位): the
      // innermost numbered cell left of the units is the item, the cells left of it its path.
      const textColumn = (k: number) => k !== cols.task && k !== cols.lead && k !== cols.co && k !== cols.due && k !== cols.number;
      let other = -1;
      if (!inTask) {
        for (let k = 0; k < Math.min(cells.length, cols.lead); k++) if (textColumn(k) && numberedCell(cells[k])) other = k;
        if (other < 0) other = cells.findIndex((c, k) => textColumn(k) && LEADING_NUMBER.test(c));
      }
      if (inTask) {
        number = inTask[1];
        task = inTask[2];
      } else if (other >= 0) {
        const m = numberedCell(cells[other])!;
        number = m.number;
        const outer = cells.filter((c, k) => c !== '' && k < other && (k === cols.task || (textColumn(k) && numberedCell(c))));
        rowGroups = [...groups, ...(other > cols.task ? outer : task ? [task] : [])];
        task = m.text;
      } else if (cols.number < 0) {
        number = String(rows.length + 1);
      }
    }
    if (number === null || !task) continue;
    const first = /^[^。;;]*/.exec(task)![0];
    const dueCell = get(cols.due);
    // A unit cell may hold a note of its own ("牵头单位:区自贸办 配合单位:区台湾工作部").
    const labelled = /(单位|部门)\s*[::]/.test(get(cols.lead)) ? parseNoteContent(get(cols.lead)) : null;
    const named = labelled ? labelled.lead : splitDepartments(get(cols.lead));
    const co = [...(labelled ? labelled.co : []), ...splitDepartments(get(cols.co))];
    // A "牵头单位" column may name several co-leads; a "责任单位" column without a 配合 column names
    // the lead first (排在第一位的为牵头单位); with the lead cell empty, the first co-unit leads.
    const firstLeads = !labelled && !cols.leadIsLead && cols.co < 0;
    let lead = firstLeads ? named.slice(0, 1) : named;
    let others = [...(firstLeads ? named.slice(1) : []), ...co.filter((c) => !lead.includes(c))];
    if (lead.length === 0 && others.length > 0) [lead, others] = [others.slice(0, 1), others.slice(1)];
    const due = dueCell ? (dueCell.length <= 20 ? dueCell : findDue(dueCell, { noteContext: true })) : findDue(task);
    const previous = rows[rows.length - 1];
    // A 序号 merged over several rows: one provision, its units the union of its rows.
    if (previous && previous.number === number && cols.number >= 0) {
      for (const u of lead) if (!previous.lead.includes(u)) previous.lead.push(u);
      for (const u of others) if (!previous.lead.includes(u) && !previous.co.includes(u)) previous.co.push(u);
      if (!previous.body.includes(task)) previous.body += '\n' + task;
      continue;
    }
    const unitCells = [cols.lead, cols.co].filter((k) => k >= 0 && get(k) !== '').map((k) => `${header[k].replace(/[\s\u3000]+/g, '')}:${get(k)}`);
    rows.push({ number, title: stripTrailingPunctuation(first), body: task, lead, co: others, due, line: i, groups: rowGroups, note: unitCells.length > 0 ? unitCells.join(';') : null });
  }
  return rows.length > 0 ? { headerLine: at, endLine: i, rows } : null;
}

/** Spans of a line ([start, end) pairs) that make one line when joined by tabs. */
type Piece = [number, number][];

/**
 * A task table whose cells a crawler ran together with one space between them, in the middle
 * of a long line: "…附件2 某某任务分工 序号 职责 负责单位 备注 1 将…纳入… 区文明办 2 协调做好… 区经发局 …".
 * The header is a run of short labels starting with 序号 that the table reader accepts, followed by
 * "1"; each row starts with the next number. Returns the line cut into the lines the table would
 * have had (text before, the title after 附件, header, rows, text after), or null for a line without
 * such a table.
 */
export function flattenedTablePieces(line: string): Piece[] | null {
  if (!line.includes(' 序号 ')) return null;
  const tokens = [...line.matchAll(/[^\s\u3000]+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].text !== '序号') continue;
    let width = 0;
    for (let m = 3; m <= 8 && k + m < tokens.length; m++) {
      const header = tokens.slice(k, k + m);
      if (header.some((t) => t.text.length > HEADER_CELL_MAX || /^\d+$/.test(t.text))) break;
      if (tokens[k + m].text === '1' && columnsOf(header.map((t) => t.text))) width = m;
    }
    if (width === 0) continue;
    const pieces: Piece[] = [];
    const before = line.slice(0, tokens[k].start);
    // The table's title: what follows the last 附件 (or the last sentence) before the header.
    const appendix = before.lastIndexOf('附件');
    const sentence = Math.max(before.lastIndexOf('。'), before.lastIndexOf(';'));
    const titleAt = appendix > sentence && before.length - appendix <= 70 ? appendix : sentence >= 0 && before.length - sentence <= 60 ? sentence + 1 : -1;
    if (titleAt > 0) pieces.push([[0, titleAt]]);
    if (titleAt >= 0 || before.trim() !== '') pieces.push([[Math.max(0, titleAt), tokens[k].start]]);
    pieces.push(tokens.slice(k, k + width).map((t) => [t.start, t.end]));
    let at = k + width;
    let expected = 1;
    while (at < tokens.length && tokens[at].text === String(expected)) {
      let next = at + 1;
      while (next < tokens.length && next - at < width && tokens[next].text !== String(expected + 1)) next++;
      pieces.push(tokens.slice(at, next).map((t) => [t.start, t.end]));
      at = next;
      expected++;
    }
    if (at < tokens.length) pieces.push([[tokens[at].start, line.length]]);
    return pieces.filter((p) => line.slice(p[0][0], p[p.length - 1][1]).trim() !== '');
  }
  return null;
}

/** The lines with every table of flattenedTablePieces cut into its lines; `printed` cut at the same places. */
export function splitFlattenedTables(lines: string[], printed: string[]): { lines: string[]; printed: string[] } | null {
  let changed = false;
  const outLines: string[] = [];
  const outPrinted: string[] = [];
  lines.forEach((line, i) => {
    const pieces = flattenedTablePieces(line);
    if (!pieces) {
      outLines.push(line);
      outPrinted.push(printed[i]);
      return;
    }
    changed = true;
    const join = (s: string, p: Piece) => p.map(([a, b]) => s.slice(a, b)).join('\t');
    for (const p of pieces) {
      outLines.push(join(line, p));
      outPrinted.push(join(printed[i], p));
    }
  });
  return changed ? { lines: outLines, printed: outPrinted } : null;
}

/** Column labels of task tables, longest first, as a crawler prints a header row run together. */
const GLUED_LABELS = [
  '配合/责任单位', '主要工作任务', '具体工作措施', '主要责任单位', '工作任务', '工作要求', '重点任务', '主要任务', '具体任务', '任务内容',
  '工作内容', '工作措施', '具体措施', '改革举措', '重点工作', '工作事项', '牵头单位', '牵头部门', '责任单位', '责任部门', '配合单位',
  '配合部门', '完成时限', '完成时间', '时间节点', '任务来源', '具体内容', '序号', '备注',
];
const GLUED_HEADER = new RegExp(`(?:${GLUED_LABELS.join('|')}){3,}`, 'g');
const GLUED_LABEL = new RegExp(GLUED_LABELS.join('|'), 'g');

export interface GluedTable {
  /** Offsets in the line: where the header starts and where the table ends. */
  start: number;
  end: number;
  /** The text before the header after its last sentence or 附件: the table's title. */
  title: string;
  rows: TableRow[];
}

/**
 * A task table whose cells a crawler ran together without any separator, its rows numbered:
 * "附件2022年…任务分解表工作任务工作要求牵头单位配合/责任单位一、加强…1.增强…。 区直各有关单位,…2.加大…。区经发局…".
 * The header is a run of column labels; "一、" cells group the rows below them; each row is a
 * number that continues the count, its text up to its last sentence, and the unit names after it
 * (a space left where the lead cell was empty). The first named unit of a row leads. Returns null
 * for a line without such a table.
 */
export function readGluedTable(line: string, lineIndex: number): GluedTable | null {
  GLUED_HEADER.lastIndex = 0;
  // A few candidate headers per line at most: each reads the rest of the line once.
  let tries = 0;
  for (let h = GLUED_HEADER.exec(line); h && tries < 3; h = GLUED_HEADER.exec(line)) {
    const labels = h[0].match(GLUED_LABEL) ?? [];
    if (!columnsOf(labels)) continue;
    tries++;
    const headerEnd = h.index + h[0].length;
    const rest = line.slice(headerEnd);
    let group = 0;
    let expected = 1;
    const cuts: { at: number; kind: 'group' | 'row'; len: number; value: number }[] = [];
    for (const mk of findMarkers(rest)) {
      if (mk.level === 0 && (mk.value === group || mk.value === group + 1)) {
        cuts.push({ at: mk.col, kind: 'group', len: mk.len, value: mk.value });
        group = mk.value;
      } else if (mk.level === 2 && mk.value === expected) {
        cuts.push({ at: mk.col, kind: 'row', len: mk.len, value: mk.value });
        expected++;
      }
    }
    if (cuts.length === 0 || cuts[0].at > 0 || expected < 3) continue;
    const before = line.slice(0, h.index);
    const titleAt = Math.max(before.lastIndexOf('附件') >= 0 ? before.lastIndexOf('附件') + 2 : -1, before.search(/[。;;][^。;;]*$/) + 1, 0);
    const title = stripTrailingPunctuation(before.slice(titleAt).replace(/^\s*(?:\d{1,2}(?![\d年]))?\s*[::]?\s*/, ''));
    const rows: TableRow[] = [];
    let groupCell = '';
    let end = line.length;
    for (let k = 0; k < cuts.length; k++) {
      const cut = cuts[k];
      const text = rest.slice(cut.at + cut.len, k + 1 < cuts.length ? cuts[k + 1].at : undefined);
      if (cut.kind === 'group') {
        groupCell = trimLine(rest.slice(cut.at, k + 1 < cuts.length ? cuts[k + 1].at : undefined));
        continue;
      }
      const stop = Math.max(text.lastIndexOf('。'), text.lastIndexOf(';'), text.lastIndexOf(';'));
      const task = trimLine(text.slice(0, stop + 1));
      const tail = text.slice(stop + 1);
      // The unit cells: the names after the text, up to anything that is no unit (the page after the table).
      const tokens = tail.split(/[\s\u3000]+/).filter(Boolean);
      const unitTokens: string[] = [];
      for (const token of tokens) {
        if (!isUnitList(token) && splitGluedNames(token).length === 0) break;
        unitTokens.push(token);
      }
      if (k === cuts.length - 1) {
        const used = unitTokens.join(' ');
        const at = tail.indexOf(used) + used.length;
        end = headerEnd + cut.at + cut.len + stop + 1 + (used ? at : 0);
      }
      if (!task) continue;
      const names = unitTokens.flatMap(splitGluedNames);
      const first = /^[^。;;]*/.exec(task)![0];
      rows.push({
        number: String(cut.value),
        title: stripTrailingPunctuation(first),
        body: task,
        lead: names.slice(0, 1),
        co: names.slice(1),
        due: null,
        line: lineIndex,
        groups: [...(title ? [title] : []), ...(groupCell ? [groupCell] : [])],
        note: unitTokens.length > 0 ? `${labels.filter((l) => /单位|部门/.test(l)).join('/')}:${unitTokens.join(' ')}` : null,
      });
    }
    if (rows.length > 0) return { start: titleAt, end, title, rows };
  }
  return null;
}

/**
 * The lines with every table of readGluedTable on a line of its own (the text before and after it
 * on lines around it); `printed` cut at the same places. `tables` maps a table's line to it.
 */
export function splitGluedTables(lines: string[], printed: string[]): { lines: string[]; printed: string[]; tables: Map<number, GluedTable> } | null {
  const outLines: string[] = [];
  const outPrinted: string[] = [];
  const tables = new Map<number, GluedTable>();
  lines.forEach((line, i) => {
    const table = readGluedTable(line, 0);
    if (!table) {
      outLines.push(line);
      outPrinted.push(printed[i]);
      return;
    }
    for (const [a, b] of [[0, table.start], [table.start, table.end], [table.end, line.length]] as const) {
      if (a === table.start && b === table.end) {
        tables.set(outLines.length, { ...table, rows: table.rows.map((r) => ({ ...r, line: outLines.length })) });
      } else if (line.slice(a, b).trim() === '') continue;
      outLines.push(line.slice(a, b));
      outPrinted.push(printed[i].slice(a, b));
    }
  });
  return tables.size > 0 ? { lines: outLines, printed: outPrinted, tables } : null;
}
