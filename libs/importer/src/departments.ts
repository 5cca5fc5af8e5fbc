/**
 * Department notes: who leads (牵头单位) and who co-operates (配合单位) on a provision.
 * Forms handled, wherever they stand in the provision's text:
 *   (X牵头,Y、Z分工负责)   (X负责)   (牵头单位:X;配合单位:Y)   牵头单位:X;配合单位:Y
 *   X、Y、Z负责落实。  (a line of its own: the first named leads)
 */
import { findDue } from './deadlines.js';
import { trimLine } from './text.js';

export interface Assignment {
  lead: string[];
  co: string[];
  due: string | null;
}

export interface FoundNote extends Assignment {
  /** Offsets of the note in the text it was found in (including parentheses). */
  start: number;
  end: number;
}

const LEAD_LABEL = /^(牵头单位|牵头部门|主责单位|主责部门|责任单位|责任部门|负责单位|主办单位)$/;
const CO_LABEL = /^(配合单位|配合部门|协同单位|协同部门|协办单位|参与单位|参与部门|协助单位)$/;
const LABEL = /(牵头单位|牵头部门|主责单位|主责部门|责任单位|责任部门|负责单位|主办单位|配合单位|配合部门|协同单位|协同部门|协办单位|参与单位|参与部门|协助单位)\s*[::]/;
const LEAD_VERB = /^(.+?)(牵头负责|牵头)$/;
const CO_VERB = /^(.+?)(按职责分工负责|按职责负责|分工负责|共同负责|配合落实|配合|参与|协助|协同|协办)$/;
const RESPONSIBLE_VERB = /^(.+?)(负责落实|负责推进|具体负责|负责)$/;

/** "市发改委、市经信委" → ["市发改委", "市经信委"]; drops words that are not names. */
export function splitDepartments(s: string): string[] {
  return s
    .split(/[、,,;;\s\u3000/]+/)
    .map((n) => trimLine(n).replace(/^(由|请|各自)/, '').replace(/(等有关部门|等相关部门|等部门|等单位|等)$/, ''))
    .filter((n) => n.length >= 2 && n.length <= 40 && /[\u4e00-\u9fa5]/.test(n) && !/[。::]/.test(n));
}

function pushUnique(list: string[], names: string[]): void {
  for (const n of names) if (!list.includes(n)) list.push(n);
}

/** Parses the inside of a note; null when it names no department. */
export function parseNoteContent(content: string): Assignment | null {
  const due = findDue(content, { noteContext: true });
  const lead: string[] = [];
  const co: string[] = [];
  const responsible: string[] = [];
  let matched = false;

  const labelled = LABEL.test(content);
  const clauses = labelled
    ? content.split(/[;;]|(?=(?:牵头单位|牵头部门|主责单位|主责部门|责任单位|责任部门|负责单位|主办单位|配合单位|配合部门|协同单位|协同部门|协办单位|参与单位|参与部门|协助单位)\s*[::])/)
    : content.split(/[;;,,]/);

  for (const raw of clauses) {
    const clause = trimLine(raw).replace(/[。.]$/, '');
    if (!clause) continue;
    const lab = /^(.{2,6}?)\s*[::]\s*(.*)$/.exec(clause);
    if (lab && (LEAD_LABEL.test(lab[1]) || CO_LABEL.test(lab[1]))) {
      const names = splitDepartments(stripDue(lab[2]));
      if (names.length === 0) continue;
      matched = true;
      if (CO_LABEL.test(lab[1])) pushUnique(co, names);
      else if (/牵头|主责|主办/.test(lab[1])) pushUnique(lead, names);
      else pushUnique(responsible, names);
      continue;
    }
    const body = stripDue(clause);
    let m: RegExpExecArray | null;
    if ((m = LEAD_VERB.exec(body))) {
      const names = splitDepartments(m[1]);
      if (names.length) {
        pushUnique(lead, names);
        matched = true;
      }
    } else if ((m = CO_VERB.exec(body))) {
      const names = splitDepartments(m[1]);
      if (names.length) {
        pushUnique(co, names);
        matched = true;
      }
    } else if ((m = RESPONSIBLE_VERB.exec(body))) {
      const names = splitDepartments(m[1]);
      if (names.length) {
        pushUnique(responsible, names);
        matched = true;
      }
    }
  }
  if (!matched) return null;
  // "X负责" or "责任单位:X、Y": the first named leads unless another clause named a lead.
  if (responsible.length > 0) {
    if (lead.length === 0) {
      lead.push(responsible[0]);
      pushUnique(co, responsible.slice(1));
    } else {
      pushUnique(co, responsible);
    }
  }
  return { lead, co: co.filter((n) => !lead.includes(n)), due };
}

/** Removes a trailing deadline clause ("2024年底前完成") so it is not read as a name. */
function stripDue(s: string): string {
  return s.replace(/[,,]?\s*(\d{4}年)?(\d{1,2}月)?(底|末)?(前|之前|以前)?完成$/, '').trim();
}

const NOTE_HINT = /牵头|负责|配合|参与|协同|协办|协助|单位\s*[::]|部门\s*[::]/;

/** Department notes in parentheses anywhere in the text. */
export function findParenthesizedNotes(text: string): FoundNote[] {
  const notes: FoundNote[] = [];
  const re = /[((]([^()()\n]{2,400})[))]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const content = m[1];
    if (!NOTE_HINT.test(content)) continue;
    const parsed = parseNoteContent(content);
    if (parsed) notes.push({ ...parsed, start: m.index, end: m.index + m[0].length });
  }
  return notes;
}

/**
 * Notes that are not in parentheses: a line after the provision's first line "X、Y、Z负责落实。", or labels
 * "牵头单位:X;配合单位:Y" at the end of a paragraph or on their own line.
 */
export function findLineNotes(lines: string[]): FoundNote[] {
  const notes: FoundNote[] = [];
  let offset = 0;
  for (const [index, line] of lines.entries()) {
    const t = trimLine(line);
    const labelAt = t.search(LABEL);
    if (labelAt >= 0 && !/^[((]/.test(t.slice(Math.max(0, labelAt - 1)))) {
      const parsed = parseNoteContent(t.slice(labelAt).replace(/[))]$/, ''));
      if (parsed) notes.push({ ...parsed, start: offset + line.indexOf(t) + labelAt, end: offset + line.length });
    } else if (index > 0) {
      const m = /^([^。,,;;::()()]{2,300}?)(负责落实|牵头落实|抓好落实|负责)[。.]?$/.exec(t);
      if (m) {
        const names = splitDepartments(m[1]);
        const tokens = m[1].split(/[、,,\s\u3000]+/).filter(Boolean);
        if (names.length > 0 && names.length === tokens.length && tokens.every((x) => x.length <= 25)) {
          notes.push({ lead: [names[0]], co: names.slice(1), due: null, start: offset, end: offset + line.length });
        }
      }
    }
    offset += line.length + 1;
  }
  return notes;
}

/** Union of several notes in order of appearance: leads first named, co without repeats. */
export function mergeNotes(notes: Assignment[]): { lead: string[]; co: string[] } {
  const lead: string[] = [];
  const co: string[] = [];
  for (const n of notes) pushUnique(lead, n.lead);
  for (const n of notes) pushUnique(co, n.co.filter((c) => !lead.includes(c)));
  return { lead, co };
}
