/**
 * Task tables (任务分工表): columns like 序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限,
 * as text with tabs, pipes or wide spaces between cells, or from a .docx/.html table
 * (which the decoder turns into tab-separated lines).
 */
import { splitDepartments } from './departments.js';
import { findDue } from './deadlines.js';
import { stripTrailingPunctuation, trimLine } from './text.js';

export interface TableRow {
  number: string;
  title: string;
  body: string;
  lead: string[];
  co: string[];
  due: string | null;
  line: number;
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

function columnsOf(cells: string[]): Columns | null {
  const find = (re: RegExp) => cells.findIndex((c) => re.test(c.replace(/\s+/g, '')));
  const cols: Columns = {
    number: find(/^(序号|编号)$/),
    task: find(/(重点任务|工作任务|主要任务|任务内容|工作内容|具体任务|任务名称|工作措施|主要内容|任务事项|^任务$)/),
    lead: find(/(牵头单位|牵头部门|责任单位|责任部门|主责单位|牵头)/),
    co: find(/(配合单位|配合部门|协同单位|参与单位|协办单位|配合)/),
    due: find(/(完成时限|完成时间|时间节点|时限|进度安排|时间安排)/),
    leadIsLead: false,
  };
  if (cols.lead >= 0) cols.leadIsLead = /牵头/.test(cells[cols.lead]);
  return cells.length >= 3 && cols.task >= 0 && cols.lead >= 0 && cols.task !== cols.lead ? cols : null;
}

/** The task table whose header is at `at`, or null when that line is no task-table header. */
export function readTaskTable(lines: string[], at: number): TaskTable | null {
  const cols = columnsOf(splitCells(lines[at]));
  if (!cols) return null;
  const rows: TableRow[] = [];
  let i = at + 1;
  for (; i < lines.length; i++) {
    if (trimLine(lines[i]) === '') {
      if (rows.length > 0) break;
      continue;
    }
    const cells = splitCells(lines[i]);
    if (cells.length < 2) break;
    const get = (k: number) => (k >= 0 && k < cells.length ? cells[k] : '');
    const numberCell = get(cols.number);
    const number = /^(\d{1,3})[.、.]?$/.exec(numberCell)?.[1] ?? (cols.number < 0 ? String(rows.length + 1) : null);
    if (number === null) continue;
    const task = get(cols.task);
    if (!task) continue;
    const first = /^[^。;;]*/.exec(task)![0];
    const dueCell = get(cols.due);
    const named = splitDepartments(get(cols.lead));
    const co = splitDepartments(get(cols.co));
    // A "牵头单位" column may name several co-leads; in a "责任单位" column without a
    // co-department column the first named leads (排在第一位的为牵头单位).
    const firstLeads = !cols.leadIsLead && cols.co < 0;
    const lead = firstLeads ? named.slice(0, 1) : named;
    rows.push({
      number,
      title: stripTrailingPunctuation(first),
      body: task,
      lead,
      co: [...(firstLeads ? named.slice(1) : []), ...co.filter((c) => !lead.includes(c))],
      due: dueCell ? (dueCell.length <= 20 ? dueCell : findDue(dueCell, { noteContext: true })) : findDue(task),
      line: i,
    });
  }
  return rows.length > 0 ? { headerLine: at, endLine: i, rows } : null;
}
