/**
 * Department notes: who leads (牵头单位) and who co-operates (配合单位) on a provision.
 * Forms handled, wherever they stand in the provision's text:
 *   (X牵头,Y、Z分工负责)   (X负责)   (牵头单位:X;配合单位:Y)   牵头单位:X;配合单位:Y
 *   X、Y、Z负责落实。  (a line of its own: the first named leads)
 */
import { findDue } from './deadlines.js';
import { trimLine } from './text.js';

/** How a note names a unit: marked as lead, as responsible ("X负责", 责任单位), or as co-operating. */
export type UnitRole = 'lead' | 'responsible' | 'co';

export interface NamedUnit {
  name: string;
  role: UnitRole;
}

export interface Assignment {
  lead: string[];
  co: string[];
  due: string | null;
  /** The units in the order the note names them, with how it names them. */
  units: NamedUnit[];
  /** Units the note says are responsible for every provision below it ("以下均需X落实,不再列出"). */
  below?: string[];
}

export interface FoundNote extends Assignment {
  /** Offsets of the note in the text it was found in (including parentheses). */
  start: number;
  end: number;
  /** The last line of a note made of label lines ("牵头单位:…"), to join the next label line to it. */
  labelLine?: number;
}

const LABEL_UNIT = '(?:单位|部门|主体|处室|科室)(?:\\((?:部门|单位)\\))?';
const LEAD_LABEL = new RegExp(`^(?:牵头|主责|主要责任|牵头责任)${LABEL_UNIT}$`);
const HOST_LABEL = new RegExp(`^主办${LABEL_UNIT}$`);
const RESPONSIBLE_LABEL = new RegExp(`^(?:责任|负责|承办|实施|落实)${LABEL_UNIT}$`);
const CO_LABEL = new RegExp(`^(?:配合|协同|协办|参与|协助|协作|参加|其他责任|配合责任)${LABEL_UNIT}$`);
const LABEL_WORDS = `(?:牵头|主责|主办|主要责任|牵头责任|责任|负责|承办|实施|落实|配合|协同|协办|参与|协助|协作|参加|其他责任|配合责任)${LABEL_UNIT}`;
const LABEL = new RegExp(`${LABEL_WORDS}\\s*[::]`);
/** Where a label starts; never inside a longer label ("牵头责任单位:", "配合责任单位:" hold "责任单位:"). */
const LABEL_SPLIT = new RegExp(`(?<!牵头|主要|其他|配合)(?=${LABEL_WORDS}\\s*[::])`);
const LEAD_VERB = /^(.+?)(牵头负责|牵头落实|牵头实施|牵头推进|负总责|为牵头单位|为牵头部门|牵头|主责|主办)$/;
const CO_VERB = /^(.+?)(按职责分工负责|按职责分工落实|按照职责分工负责|按职能分工负责|按职责负责|分工负责|分别负责|共同负责|配合落实|配合实施|为配合单位|为配合部门|配合|参与|协助|协同|协办|参加)$/;
const RESPONSIBLE_VERB = /^(.+?)(负责落实|负责推进|负责实施|具体负责|抓好落实|组织实施|负责|指导)$/;
/** "X负责法制审查工作": units, then 负责 and the part of the work they do. */
const RESPONSIBLE_FOR = /^(.{2,40}?)负责(?!人)(.{2,30})$/;
/** A convention stated in a note: "列第一位者为牵头单位,下同", "以下均需X落实,不再列出". */
const CONVENTION = /第一位|下同|不再列出|不再一一列出|以下均/;
/** Units a note says are responsible for everything below it: "以下均需X落实", "以下均需X负责,不再列出". */
const APPLIES_BELOW = /以下(?:各项)?(?:任务)?(?:均需|均由|都需|均要|均须)(.+?)(?:负责)?(?:落实|实施|推进|负责)/;

/** Words that stand where a unit would but name none. */
const NOT_A_UNIT = /^(有关部门|相关部门|有关单位|相关单位|其他部门|其他单位|有关方面|相关方面|其他有关部门|其他相关部门)$/;
/** A unit's name ends like one ("…局", "…人民政府", "各有关单位"); "各区" alone does not. */
const UNIT_END = /(局|委|厅|部|办|院|会|府|中心|单位|部门|集团|公司|署|行|社|所|馆|站|队|处|室|司|团|联|协|盟|组|关|台|园|区|县|市|省|州|镇|乡|街道|企业|高校|学校|医院|机构|组织|银行|法院|海关|分局|公安|税务|气象|铁路|邮政|电力|供电|烟草|监狱|农场|指挥部|办公室|委员会|管委会|领导小组|成员单位)$/;

/** What ends a collective unit ("各部门", "各区政府"); "各区" or "各市" alone is the start of one ("各区、县级市政府"). */
const COLLECTIVE_END = /(政府|部门|单位|委|局|办|厅|院|会|中心|机构|企业|高校|学校|街道|乡镇|镇|乡|党委|党组)$/;

/** Splits at separators outside parentheses: "A、各县(市、区)政府" → ["A", "各县(市、区)政府"]. */
export function splitTopLevel(s: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let piece = '';
  for (const ch of s) {
    if (ch === '(' || ch === '\uFF08') depth++;
    else if ((ch === ')' || ch === '\uFF09') && depth > 0) depth--;
    if (depth === 0 && separator.test(ch)) {
      out.push(piece);
      piece = '';
      continue;
    }
    piece += ch;
  }
  out.push(piece);
  return out;
}

/**
 * "等" tails are no units: "A、B等有关部门和单位" names A and B; "A、B等和C负责" names A, B and C
 * ("各有关部门和单位" without 等 is a collective unit and stays).
 */
function withoutEtc(s: string): string {
  return s
    .replace(/等(?:有关|相关|其他)?(?:部门|单位)(?:和|及|以及)(?:有关|相关)?(?:单位|部门|地方)(?=$|[、,,;;\s])/g, '')
    .replace(/等(?:有关|相关|其他)?(?:部门|单位)?(?:和|及|以及|与)/g, '、');
}

/**
 * "市发改委、市经信委" → ["市发改委", "市经信委"]. Collective units stay whole ("各区、县级市政府",
 * "各县(市、区)人民政府"); "等", "等有关部门" tails and "有关部门" alone are no units, and "A、B等和C"
 * names A, B and C.
 */
export function splitDepartments(s: string): string[] {
  const pieces = splitTopLevel(withoutEtc(s), /[、,,;;\s\u3000/]/)
    .map((n) =>
      trimLine(n)
        .replace(/^(由|请|各自|和|及|以及)/, '')
        .replace(/(按职责分工|按职责|分工)?(负责|牵头|配合|参与|协助|协同|落实)+$/, '')
        .replace(/分工(协作|合作)?$/, '')
        // A scope in parentheses after the name is no part of it: "区社会事业局(牵头医疗医美板块)".
        .replace(/[((][^()()]*(?:牵头|负责|配合)[^()()]*[))]?$/, '')
        .replace(/(等有关部门|等相关部门|等有关单位|等相关单位|等部门|等单位|等)$/, ''),
    )
    .flatMap(splitConjoined)
    .filter((n) => n !== '');
  // "各区" + "县级市政府": a short "各X" without a unit's ending joins the names after it.
  const joined: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let name = pieces[i];
    // "区、县交通与建设局": a level named alone shares the name after it.
    while (/^[区县市省乡镇]$/.test(name) && i + 1 < pieces.length) name += '、' + pieces[++i];
    while (/^各.{1,3}$/.test(name) && !COLLECTIVE_END.test(name) && i + 1 < pieces.length && !pieces[i + 1].startsWith('各') && pieces[i + 1].length <= 8) name += '、' + pieces[++i];
    joined.push(name);
  }
  return joined.filter((n) => n.length >= 2 && n.length <= 40 && /[\u4e00-\u9fa5]/.test(n) && !/[。::]/.test(n) && !NOT_A_UNIT.test(n));
}

/** Generic words that take their qualifier from the name before them ("各乡镇党委和人民政府"). */
const GENERIC_UNIT = /^(人民政府|政府|党委|党组|部门|单位|机构|组织)$/;

/**
 * "公路局和公安部门" → ["公路局", "公安部门"]: two names joined by 和/及, each a unit's name of its own.
 * Collectives stay whole ("各有关部门和单位", "各乡镇党委和人民政府").
 */
function splitConjoined(name: string): string[] {
  if (name.startsWith('各') || /[((]/.test(name)) return [name];
  const m = /^(.{2,30}?)(?:和|及|以及)(.{2,30})$/.exec(name);
  if (!m || GENERIC_UNIT.test(m[2]) || !UNIT_END.test(m[1]) || !UNIT_END.test(m[2])) return [name];
  return [m[1], ...splitConjoined(m[2])];
}

function pushUnique(list: string[], names: string[]): void {
  for (const n of names) if (!list.includes(n)) list.push(n);
}

/**
 * The leads one note names: those it marks as lead ("X牵头", 牵头单位:X), else the first it names as
 * responsible ("X、Y负责", 责任单位:X、Y: 列第一位者为牵头单位); a note naming only co-operating units
 * ("X、Y按职责分工负责", 配合单位:…) names no lead.
 */
function noteLeads(units: NamedUnit[]): string[] {
  const marked = units.filter((u) => u.role === 'lead').map((u) => u.name);
  if (marked.length > 0) return marked;
  const responsible = units.find((u) => u.role === 'responsible');
  return responsible ? [responsible.name] : [];
}

/**
 * Lead and co of one or several notes (in order of appearance): the union of each note's leads, and
 * every other unit named as co; where no note names a lead, the first named unit leads.
 */
export function resolveNotes(notes: NamedUnit[][]): { lead: string[]; co: string[] } {
  const lead: string[] = [];
  for (const units of notes) pushUnique(lead, noteLeads(units));
  const all = notes.flat().map((u) => u.name);
  if (lead.length === 0 && all.length > 0) lead.push(all[0]);
  const co: string[] = [];
  pushUnique(co, all.filter((n) => !lead.includes(n)));
  return { lead, co };
}

/** Lead and co of the units of one note. */
export function resolveUnits(units: NamedUnit[]): { lead: string[]; co: string[] } {
  return resolveNotes([units]);
}

/**
 * "X会同Y" → X leads, Y co-operates (Y may be "有关部门", which names nobody); of several units before
 * 会同 ("A、B会同有关部门负责") the first named leads.
 */
function withPartners(names: string, role: UnitRole): NamedUnit[] {
  const at = names.indexOf('会同');
  if (at <= 0) return splitDepartments(names).map((name) => ({ name, role }));
  return [
    ...splitDepartments(names.slice(0, at)).map((name) => ({ name, role: 'responsible' as const })),
    ...splitDepartments(names.slice(at + 2)).map((name) => ({ name, role: 'co' as const })),
  ];
}

/**
 * Parses the inside of a note; null when it names no department. `strict`: every clause must name
 * units (a sentence of the provision read as a note, "区财政局牵头,区直相关部门按职责分工负责").
 */
export function parseNoteContent(content: string, { strict = false } = {}): Assignment | null {
  const due = findDue(content, { noteContext: true });
  const units: NamedUnit[] = [];
  const add = (found: NamedUnit[]) => {
    for (const u of found) if (!units.some((x) => x.name === u.name)) units.push(u);
  };
  const hosts: string[] = [];
  /** The note opens with units sharing the work ("A、B等按职责分工负责,C负责落实"). */
  let sharedFirst = false;
  /** Names of clauses without a verb, waiting for the next clause's ("A、B等部门,C按职责分工负责"). */
  let pending: string[] = [];
  const flush = (role: UnitRole) => {
    for (const names of pending) add(withPartners(names, role));
    pending = [];
  };

  const labelled = LABEL.test(content);
  const clauses = labelled
    ? splitTopLevel(content, /[;;。]/).flatMap((c) => c.split(LABEL_SPLIT))
    : splitTopLevel(content, /[;;,,。]/);
  const belowMatch = APPLIES_BELOW.exec(content);
  const below = belowMatch ? splitDepartments(belowMatch[1]) : [];

  for (const raw of clauses) {
    const clause = trimLine(raw).replace(/[。.]$/, '');
    if (!clause || CONVENTION.test(clause)) continue;
    const lab = /^(.{2,12}?)\s*[::]\s*(.*)$/.exec(clause);
    if (lab && HOST_LABEL.test(lab[1])) {
      hosts.push(...splitDepartments(stripDue(lab[2])));
      continue;
    }
    if (lab && (LEAD_LABEL.test(lab[1]) || RESPONSIBLE_LABEL.test(lab[1]) || CO_LABEL.test(lab[1]))) {
      const role: UnitRole = CO_LABEL.test(lab[1]) ? 'co' : LEAD_LABEL.test(lab[1]) ? 'lead' : 'responsible';
      // "责任单位:X、Y牵头,Z按职责分工负责": the value is a note of its own.
      const inner = role === 'responsible' && /牵头|配合|参与|协助|协同|分工负责/.test(lab[2]) ? parseNoteContent(lab[2]) : null;
      add(inner ? inner.units : withPartners(stripDue(lab[2]), role));
      continue;
    }
    const body = stripDue(clause);
    let m: RegExpExecArray | null;
    const unitClause = (re: RegExp) => (m = re.exec(body)) !== null && (!strict || isUnitList(m[1].replace('会同', '、')));
    if (strict && !unitClause(LEAD_VERB) && !unitClause(CO_VERB) && !unitClause(RESPONSIBLE_VERB) && !isUnitList(body)) return null;
    if ((m = LEAD_VERB.exec(body))) {
      flush('lead');
      add(withPartners(m[1], 'lead'));
    } else if ((m = CO_VERB.exec(body))) {
      if (units.length === 0 && /负责/.test(m[2])) sharedFirst = true;
      flush('co');
      add(withPartners(m[1], 'co'));
    } else if ((m = RESPONSIBLE_VERB.exec(body))) {
      flush('responsible');
      add(withPartners(m[1], 'responsible'));
    } else if ((m = RESPONSIBLE_FOR.exec(body)) && isUnitList(m[1])) {
      // "X负责法制审查工作": X is responsible for a part of the work.
      flush('responsible');
      add(withPartners(m[1], 'responsible'));
    } else if (!labelled && splitDepartments(body).length > 0 && isUnitList(body)) {
      pending.push(body);
    }
  }
  // Verb-less names with nothing after them: a bare list of units ("(各有关单位)"); after units that
  // lead, they co-operate ("X牵头,区直相关部门").
  if (units.length === 0 && pending.length > 0 && clauses.length === pending.length && !strict) flush('responsible');
  else if (units.some((u) => u.role === 'lead') && pending.length > 0) flush('co');
  // No lead marked, the note opening with units that share the work ("A、B等按职责分工负责,各市、县人民政府
  // 负责落实"): the first-named unit leads, not the collective named after the comma.
  if (sharedFirst && units.length > 0 && !units.some((u) => u.role === 'lead') && units.some((u) => u.role === 'responsible')) units[0] = { ...units[0], role: 'responsible' };
  // 主办单位 (the host) is responsible only where no 承办/责任 unit does the work.
  if (units.length === 0) add(hosts.map((name) => ({ name, role: 'responsible' as const })));
  if (units.length === 0) return null;
  return { ...resolveUnits(units), due, units, ...(below.length > 0 ? { below } : {}) };
}

/**
 * Names a table cell printed without separators ("区经济发展局区行政审批局"): cut after a unit's
 * ending where the next name starts with its level (区, 县, 市, 省) or 各.
 */
export function splitGluedNames(s: string): string[] {
  return splitDepartments(s).flatMap((name) => name.split(/(?<=[局委办府处室站所队心司]|中心|集团|公司)(?=[区县市省各][\u4e00-\u9fa5]{2})/)).filter((n) => n.length >= 2);
}

/** Whether a text is only unit names ("市发改委、市财政局等部门"), not a sentence. */
export function isUnitList(s: string): boolean {
  const tokens = splitTopLevel(withoutEtc(s), /[、,,\s\u3000]/).map(trimLine).filter(Boolean);
  const names = splitDepartments(s);
  return tokens.length > 0 && names.length > 0 && tokens.every((t) => t.length <= 30 && UNIT_END.test(t.replace(/(等有关部门|等相关部门|等有关单位|等部门|等单位|等)$/, '')));
}

/** Removes a trailing deadline clause ("2024年底前完成") so it is not read as a name. */
function stripDue(s: string): string {
  return s.replace(/[,,]?\s*(\d{4}年)?(\d{1,2}月)?(底|末)?(前|之前|以前)?完成$/, '').trim();
}

/** The start of an enumerated paragraph ("二是…", "其次,…") after a space: no unit name runs on into it. */
const ENUMERATION_AFTER_LABEL = /[\s\u3000]+(?=[一二三四五六七八九十]{1,2}是|其次|再次|最后)/;

const NOTE_HINT = /牵头|负责|配合|参与|协同|协办|协助|指导|单位\s*[::]|部门\s*[::]/;

/** Parenthesized spans of a line, outermost first, with balanced inner parentheses. */
function parenthesized(text: string): { start: number; end: number; content: string }[] {
  const out: { start: number; end: number; content: string }[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') open.length = 0;
    else if (ch === '(' || ch === '\uFF08') open.push(i);
    else if ((ch === ')' || ch === '\uFF09') && open.length > 0) {
      const start = open.pop()!;
      if (open.length === 0 && i - start - 1 >= 2 && i - start - 1 <= 400) out.push({ start, end: i + 1, content: text.slice(start + 1, i) });
    }
  }
  return out;
}

/** Department notes in parentheses anywhere in the text; a bare list of units counts at a paragraph's end. */
export function findParenthesizedNotes(text: string): FoundNote[] {
  const notes: FoundNote[] = [];
  for (const p of parenthesized(text)) {
    const hinted = NOTE_HINT.test(p.content);
    const atEnd = /^[\s\u3000。.;;]*(\n|$)/.test(text.slice(p.end));
    if (!hinted && !(atEnd && isUnitList(p.content) && !/简称|含|包括|以下/.test(p.content))) continue;
    const parsed = parseNoteContent(p.content);
    if (parsed) notes.push({ ...parsed, start: p.start, end: p.end });
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
      // In text whose line breaks were lost, a label's value ends where the next paragraph's
      // enumeration starts ("责任单位:区交建局、各乡镇 二是科学规划…。 责任单位:…"): each label
      // standing after its own paragraph is a note of its own.
      let from = labelAt;
      while (from >= 0) {
        const rest = t.slice(from);
        const next = ENUMERATION_AFTER_LABEL.exec(rest);
        const content = next ? rest.slice(0, next.index) : rest;
        const parsed = parseNoteContent(content.replace(/[))]$/, ''));
        const previous = notes[notes.length - 1];
        const start = offset + line.indexOf(t) + from;
        const end = next ? start + next.index : offset + line.length;
        // Label lines one below the other ("牵头单位:X" / "配合单位:Y" / "实施单位:Z") are one note.
        if (parsed && from === labelAt && previous?.labelLine === index - 1) {
          previous.units.push(...parsed.units.filter((u) => !previous.units.some((x) => x.name === u.name)));
          Object.assign(previous, resolveUnits(previous.units), { due: previous.due ?? parsed.due, end, labelLine: index });
        } else if (parsed) notes.push({ ...parsed, start, end, labelLine: index });
        if (!next) break;
        const after = t.slice(from + next.index).search(LABEL);
        from = after >= 0 ? from + next.index + after : -1;
      }
    } else {
      // The last sentence of a paragraph, when it only names units: "X、Y负责落实。" on a line of
      // its own, or "…。X牵头,Y按职责分工负责" at the end of a paragraph.
      const body = t.replace(/[。.]$/, '');
      const lastStop = body.lastIndexOf('。');
      const tail = trimLine(body.slice(lastStop + 1));
      if ((index > 0 || lastStop >= 0) && tail.length >= 2 && tail.length <= 200 && !/^[((]/.test(tail) && NOTE_HINT.test(tail)) {
        const parsed = parseNoteContent(tail, { strict: true });
        // One two-character name ("由企业负责") is a word of the sentence, not a unit.
        if (parsed && (parsed.units.length > 1 || parsed.units[0].name.length > 2)) {
          const at = offset + line.indexOf(t) + (lastStop + 1);
          notes.push({ ...parsed, start: at, end: offset + line.length });
        }
      }
    }
    offset += line.length + 1;
  }
  return notes;
}

/** Union of several notes in order of appearance (see resolveNotes). */
export function mergeNotes(notes: Assignment[]): { lead: string[]; co: string[] } {
  return resolveNotes(notes.map((n) => n.units));
}

const SUBJECT_OBJECT_VERB = '(?:对|做好|开展|共同|抓好|推进|完成|进行|加强|落实|组织|建立|制定|研究|实施)';

/**
 * A provision without a note whose first sentence names its units as the subject: "由区规划局牵头,建立…",
 * "区财政局负责…", "区环土局配合区规划局对…进行确认" (the second leads), "X会同Y做好…".
 */
export function findSubjectNote(text: string): Assignment | null {
  // The first sentence, after a heading that ends in a colon ("非煤矿山领域:由区环土局牵头…").
  const first = (trimLine(text).split(/[。;;\n]/)[0] ?? '').replace(/^[^,,。::]{2,30}[::]\s*/, '');
  const units = (names: string, role: UnitRole): NamedUnit[] | null => {
    const n = names.replace(/^由/, '');
    if (!isUnitList(n)) return null;
    const found = splitDepartments(n).map((name) => ({ name, role }));
    return found.length > 1 || (found.length === 1 && found[0].name.length > 2) ? found : null;
  };
  let m = new RegExp(`^(.{2,60}?)配合(.{2,40}?)${SUBJECT_OBJECT_VERB}`).exec(first);
  if (m) {
    const co = units(m[1], 'co');
    const lead = units(m[2], 'lead');
    if (co && lead) return { ...resolveUnits([...lead, ...co]), due: null, units: [...lead, ...co] };
  }
  m = new RegExp(`^(.{2,60}?)会同(.{2,60}?)${SUBJECT_OBJECT_VERB}`).exec(first);
  if (m) {
    const lead = units(m[1], 'lead');
    const co = units(m[2], 'co');
    if (lead && co) return { ...resolveUnits([...lead, ...co]), due: null, units: [...lead, ...co] };
  }
  m = /^(.{2,120}?)(牵头|负责)/.exec(first);
  if (m) {
    // "X、Y等牵头单位应…" names the units as a noun phrase: they are responsible, the first leads.
    const asNoun = /^(单位|部门)/.test(first.slice(m[0].length));
    const found = units(m[1], m[2] === '牵头' && !asNoun ? 'lead' : 'responsible');
    if (found) return { ...resolveUnits(found), due: null, units: found };
  }
  return null;
}
