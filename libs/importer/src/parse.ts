/**
 * Plain text of a plan → its tree of numbered provisions, with departments, deadlines and
 * indicators. Every rule here is about the family of documents (numbering, notes, goals),
 * never about one particular file. Runs in time linear in the text.
 */
import { findDue } from './deadlines.js';
import { findLineNotes, findParenthesizedNotes, findSubjectNote, mergeNotes, type FoundNote } from './departments.js';
import { indicatorsFromTable, indicatorsFromText } from './indicators.js';
import { extractMetadata, findSignature } from './metadata.js';
import { ANNOUNCES_PROVISIONS, documentHasSections, findMarkers, NumberingState, type Level, type Marker } from './numbering.js';
import { type GluedTable, readTaskTable, splitFlattenedTables, splitGluedTables, type TableRow } from './tables.js';
import { applyPageJoin, findPageMarkers, isChromeLine, normalizeText, stripTrailingPunctuation, TERMINAL, toHalfWidth, trimLine, widthRestorer } from './text.js';
import type { ItemKind, ParsedIndicator, ParsedItem, ParsedPlan, ParsedSection } from './types.js';

/** A numbered provision as cut from the text, before it is classified. */
interface Segment {
  level: Level;
  marker: Marker | null;
  row: TableRow | null;
  lineStart: number;
  lineEnd: number;
  /** Text fragments, one per physical line; the first is what follows the marker on its line. */
  parts: string[];
  /** The next provision started on the same line as this one's marker. */
  endsInline: boolean;
}

const HEADING_INLINE_MAX = 30;
/** The headings every plan of the family uses for its parts. */
const STANDARD_HEADING =
  /^((?:\d{4}年度?)?重点工作|指导思想|总体要求|总体思路|基本原则|工作原则|目标要求|目标任务|工作目标|总体目标|主要目标|主要任务|重点任务|工作任务|责任分工|职责分工|任务分工|实施步骤|工作步骤|时间步骤|进度安排|保障措施|工作要求|组织领导|组织保障|工作措施)/;
/** A labelled department note or deadline that runs to this point of the line. */
const LABEL_TAIL = /(单位|部门|时限|时间)\s*[::][^。;;::]{1,200}$/;
/** "附件", "附件1:重点任务分工表", "附件:" — the start of an appendix. */
const APPENDIX = /^附件\s*[0-9一二三四五六七八九十]*\s*[::]?\s*(.{0,60})$/;
/** An appendix that starts after a sentence in text whose line breaks were lost: "…投资。 附件:2016年…分工表 …". */
const INLINE_APPENDIX = /[。;;!?][\s\u3000]+附件\s*[0-9一二三四五六七八九十]*\s*[::]\s*([^\s\u3000]{1,60})/;

function title(seg: Segment): string {
  if (seg.row) return seg.row.title;
  const first = seg.parts[0] ?? '';
  const withoutNotes = first.replace(/[((][^()()]{0,400}(牵头|负责|配合|单位)[^()()]{0,400}[))]/g, '');
  // A short heading alone on its line, with one space between two Chinese
  // characters: a gap of a PDF's text layer inside a word ("三、推动服务消 费提质扩容"), not heading + text.
  const alone = trimLine(withoutNotes);
  if (!seg.endsInline && (seg.marker?.col ?? 0) === 0 && alone.length <= HEADING_INLINE_MAX && !/[。;;!?!?,,::、]|\s{2,}|\u3000/.test(alone) && /[\u4e00-\u9fa5] [\u4e00-\u9fa5]/.test(alone)) {
    return alone.replace(/(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/g, '');
  }
  const stop = withoutNotes.search(TERMINAL);
  const colon = withoutNotes.search(/[::]/);
  let end = stop >= 0 ? stop : withoutNotes.length;
  if (colon >= 0 && colon < end && colon <= 40) end = colon;
  // A heading run into its paragraph with a wide space ("总体要求  以习近平…"), or with one space
  // between Chinese words in text whose line breaks were lost ("总体要求 全面贯彻…"), also after
  // a heading that ends in a bracket or quote ("突出重点领域(行业) 以下重点领域…").
  const wide = /\S(\s{2,}|\u3000+)\S/.exec(withoutNotes);
  const one = /[\u4e00-\u9fa5)）”》](\s+)[\u4e00-\u9fa5]/.exec(withoutNotes);
  // The first of them: a wide space further on does not hide the single space of the heading.
  const gap = wide && one ? (wide.index <= one.index ? wide : one) : (wide ?? one);
  if (gap && gap.index < end && gap.index <= HEADING_INLINE_MAX && !/[,,、;;]/.test(withoutNotes.slice(0, gap.index))) end = gap.index + 1;
  // A heading and its elaboration after a dash: "实施农村垃圾治理行动——加快…".
  const dash = withoutNotes.search(/——|--/);
  if (dash >= 4 && dash < end && dash <= HEADING_INLINE_MAX) end = dash;
  // A heading run into its enumeration: "开展旅游安全专项整治一是深化…".
  const enumeration = /[一1]是|首先[,,]/.exec(withoutNotes);
  if (enumeration && enumeration.index >= 4 && enumeration.index < end && enumeration.index <= HEADING_INLINE_MAX && !/[,,、;;]/.test(withoutNotes.slice(0, enumeration.index))) end = enumeration.index;
  // A standard heading run into its text where the line breaks were lost ("一、目标要求按照…的原则,…"):
  // the heading is the standard words when the sentence would be far longer than a heading.
  const standard = seg.endsInline && end > HEADING_INLINE_MAX ? STANDARD_HEADING.exec(withoutNotes) : null;
  if (standard && /^[\u4e00-\u9fa5“"]/.test(withoutNotes.slice(standard[0].length))) end = standard[0].length;
  // Any heading run into its text where the line breaks were lost ("一、坚决遏制煤炭产量无序增长全面贯彻…",
  // "二、切实减轻企业负担2013年年底前,…"; a provision that shares its line with another): the heading ends where a sentence opens with a year or a
  // word that opens the body of a provision, never inside a heading's first words.
  if ((seg.endsInline || (seg.marker?.col ?? 0) > 0) && end > HEADING_INLINE_MAX) {
    const head = withoutNotes.slice(0, HEADING_INLINE_MAX);
    const opener = /(\d{4}年|按照|根据|围绕|(?:全面|认真|深入)?贯彻|着力|引导|各地|各级)/g;
    let m: RegExpExecArray | null;
    while ((m = opener.exec(head))) {
      if (m.index < 6) continue;
      // Not a sentence of its own: "各牵头单位应按照…", "由X牵头…", "严格按照…" are no headings.
      const before = head.slice(0, m.index);
      if (!/[,,、;;::“”"]/.test(before) && !/^(由|各|对|在|将)/.test(before) && !/(应|要|须|将|并|严格|认真)$/.test(before)) end = m.index;
      break;
    }
  }
  return stripTrailingPunctuation(withoutNotes.slice(0, end));
}

function body(seg: Segment): string {
  if (seg.row) return seg.row.body;
  return seg.parts.map(trimLine).filter((p) => p !== '').join('\n');
}

const SAFEGUARD_SECTION = /保障措施|组织保障|工作保障|保障机制|实施保障|组织实施|工作要求|组织领导|强化保障|组织协调|监测评估|监督考核|督促检查|督查考核|考核评估|评估考核|有关要求/;
/** Provisions that set the frame rather than a work item: 指导思想, 基本原则, 目标, 意义 … */
const CONTEXT_TITLE = /^(总体要求|总体思路|工作思路|指导思想|基本原则|工作原则|战略意义|重要意义|发展定位|主要指标)|^(总体|主要|发展|工作|具体|年度)?目标(和|与|及)?(任务|要求|指标)?$/;
const GOALS_TITLE = /目标|指标/;
/** A heading over the standing duties of a role: "链长工作职责", "牵头单位工作职责". */
const DUTIES_TITLE = /^.{1,10}工作职责$/;

/**
 * Parses a plan. The rules read a half-width copy of the text (full-width "\uFF08一\uFF09" reads as
 * "(一)"); every string returned is taken back from the same place in the text as printed.
 */
export function parsePlanText(raw: string): ParsedPlan {
  const text = normalizeText(raw);
  return parseLines(toHalfWidth(text).split('\n'), text.split('\n'), widthRestorer(text));
}

/**
 * Finds the printed form of a string the parser read from the half-width copy: the same span of
 * the original lines. Strings the parser composed itself (a repaired "(三)") fall back to the
 * document's prevailing width.
 */
class AsPrinted {
  /** The document prints no full-width character: every string is already as printed. */
  private readonly identical: boolean;

  constructor(
    private readonly half: string[],
    private readonly printed: string[],
    readonly fallback: (s: string) => string,
  ) {
    this.identical = half.every((line, i) => line === printed[i]);
  }

  /** `s` as printed, looked for in lines a..b (0-based, inclusive). */
  in(s: string, a: number, b: number): string {
    return this.find(s, a, b) ?? this.fallback(s);
  }

  /** `s` as printed in lines a..b, or null when it does not stand there. */
  find(s: string, a: number, b: number): string | null {
    if (this.identical || !/[!-~]/.test(s)) return s;
    const lo = Math.max(0, a);
    const hi = Math.min(this.half.length - 1, b);
    // Most strings stand within one line; only a string across lines needs the lines joined.
    for (let k = lo; k <= hi; k++) {
      const at = this.half[k].indexOf(s);
      if (at >= 0) return this.printed[k].slice(at, at + s.length);
    }
    if (!s.includes('\n')) return null;
    const at = this.half.slice(lo, hi + 1).join('\n').indexOf(s);
    return at >= 0 ? this.printed.slice(lo, hi + 1).join('\n').slice(at, at + s.length) : null;
  }

  /** A multi-line text, line by line. */
  lines(s: string, a: number, b: number): string {
    return s
      .split('\n')
      .map((line) => this.in(line, a, b))
      .join('\n');
  }
}

function parseLines(halfLines: string[], printedLines: string[], fallback: (s: string) => string): ParsedPlan {
  const warnings: string[] = [];
  let lines = halfLines;
  let printed = printedLines;
  const markers = findPageMarkers(lines);
  if (markers) {
    lines = applyPageJoin(halfLines, halfLines, markers);
    printed = applyPageJoin(printedLines, halfLines, markers);
    warnings.push(`已去除文档分享网站的分页标记,共 ${halfLines.length - lines.length} 处分页已接续。`);
  }
  const unflattened = splitFlattenedTables(lines, printed);
  if (unflattened) ({ lines, printed } = unflattened);
  const unglued = splitGluedTables(lines, printed);
  if (unglued) ({ lines, printed } = unglued);
  const gluedTables = unglued?.tables ?? new Map<number, GluedTable>();
  const asPrinted = new AsPrinted(lines, printed, fallback);

  const hasSections = documentHasSections(lines);
  const state = new NumberingState(hasSections);
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let firstSectionLine = -1;
  let bodyEnd = lines.length;
  let appendix: string | null = null;
  const appendixRows: { row: TableRow; heading: string }[] = [];

  const close = (line: number) => {
    if (current) {
      current.lineEnd = line;
      segments.push(current);
    }
    current = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const glued = gluedTables.get(i);
    if (glued) {
      // A table whose cells ran together: in an appendix, the departments of the tasks above; else tasks.
      close(i);
      if (appendix !== null) appendixRows.push(...glued.rows.map((row) => ({ row, heading: appendix ?? '' })));
      else for (const row of glued.rows) segments.push({ level: 2, marker: null, row, lineStart: i, lineEnd: i, parts: [row.body], endsInline: false });
      continue;
    }
    const t = trimLine(lines[i]);
    const inBody = state.sectionsSeen || (!hasSections && segments.length + (current ? 1 : 0) > 0);
    if (inBody && t !== '') {
      if (isChromeLine(t)) {
        bodyEnd = i;
        break;
      }
      const sig = findSignature(lines, i, Math.min(lines.length, i + 4));
      if (sig && sig.line === i) {
        bodyEnd = i;
        break;
      }
    }
    if (t === '') continue;

    // An appendix (附件) after the provisions: only its task tables count, as the
    // departments and deadlines of the tasks above.
    const appendixHeading = inBody ? APPENDIX.exec(t) : null;
    if (appendixHeading || appendix !== null) {
      if (appendixHeading) {
        close(i);
        appendix = appendixHeading[1] || appendix || '';
      }
      const table = readTaskTable(lines, i);
      if (table) {
        appendixRows.push(...table.rows.map((row) => ({ row, heading: appendix ?? '' })));
        i = table.endLine - 1;
      } else if (!appendixHeading && appendixRows.length === 0 && !appendix) {
        appendix = t;
      }
      continue;
    }

    {
      // A task table's header is unmistakable wherever it stands (a table file has no sections).
      const table = readTaskTable(lines, i, state.sectionsSeen ? state.expected(0) : null);
      if (table) {
        close(i);
        for (const row of table.rows) {
          segments.push({ level: 2, marker: null, row, lineStart: row.line, lineEnd: row.line, parts: [row.body], endsInline: false });
        }
        i = table.endLine - 1;
        continue;
      }
    }

    let pos = 0;
    let openedHereAt = -1;
    const inlineAppendix = INLINE_APPENDIX.exec(t);
    /** Where the provisions of this line end: at an appendix that follows them on the same line. */
    let end = t.length;
    for (const mk of findMarkers(t)) {
      if (mk.col < pos) continue;
      if (inlineAppendix && mk.col > inlineAppendix.index && (state.sectionsSeen || current)) {
        end = inlineAppendix.index + 1;
        break;
      }
      const atLineStart = mk.col === 0;
      let contextOk = atLineStart;
      if (!contextOk) {
        const before = t.slice(Math.max(0, mk.col - 4), mk.col);
        // After a sentence, or after a space in text whose line breaks were lost.
        contextOk = /[。;;!?!?))]\s*$/.test(before) || /[\s\u3000]$/.test(before);
        // After the colon that announces the provisions: "具体如下:一、…".
        if (!contextOk) contextOk = ANNOUNCES_PROVISIONS.test(t.slice(Math.max(0, mk.col - 20), mk.col));
        // Right after a labelled note in text whose line breaks were lost: "责任单位:区财政局2.推进…".
        if (!contextOk && state.accepts(mk.level, mk.value, 0)) contextOk = LABEL_TAIL.test(t.slice(0, mk.col));
        if (!contextOk && openedHereAt >= 0) {
          const head = t.slice(openedHereAt, mk.col);
          contextOk = mk.col - openedHereAt <= HEADING_INLINE_MAX && !/[,,。;;::、“”"]/.test(head);
        }
      }
      if (!contextOk) continue;
      if (!state.accepts(mk.level, mk.value, 0)) {
        // A skipped number: at a line start, or for "(二十二)" after a sentence in text without line breaks.
        const afterSentence = mk.level === 1 && /[。;;!?!?))]\s*$/.test(t.slice(Math.max(0, mk.col - 4), mk.col));
        if (!((atLineStart || afterSentence) && state.accepts(mk.level, mk.value, 1))) continue;
        warnings.push(`第 ${i + 1} 行的编号“${mk.printed}”与前文不连续(应为第 ${state.expected(mk.level)} 项),已按新条目识别。`);
      }
      if (mk.repaired) warnings.push(`第 ${i + 1} 行的编号“${t.slice(mk.col, mk.col + mk.len)}”已按“${mk.printed}”识别。`);
      const seg = current as Segment | null;
      if (seg) {
        const before = t.slice(pos, mk.col);
        if (pos === 0) seg.parts.push(before);
        else seg.parts[seg.parts.length - 1] += before;
        if (seg.lineStart === i) seg.endsInline = true;
      }
      close(i);
      if (mk.level === 0 && firstSectionLine < 0) firstSectionLine = i;
      state.take(mk.level, mk.value);
      current = { level: mk.level, marker: mk, row: null, lineStart: i, lineEnd: i, parts: [''], endsInline: false };
      pos = mk.col + mk.len;
      openedHereAt = pos;
    }
    if (inlineAppendix && end === t.length && (state.sectionsSeen || current) && inlineAppendix.index >= pos) end = inlineAppendix.index + 1;
    const seg = current as Segment | null;
    if (seg) {
      const rest = t.slice(pos, end);
      if (openedHereAt >= 0) seg.parts[seg.parts.length - 1] += rest;
      else seg.parts.push(rest);
    }
    if (end < t.length) {
      // The rest of the line is the appendix: a table whose cells ran together is not read.
      close(i);
      appendix = inlineAppendix![1];
    }
  }
  close(bodyEnd);

  // Tree: sections, then items under their section and group.
  const sections: ParsedSection[] = [];
  const items: ParsedItem[] = [];
  const itemSegs: Segment[] = [];
  const sectionPaths: string[] = [];
  let sectionIdx: number | null = null;
  let groupIdx: number | null = null;
  /** The current "1." provision, parent of the "(1)" items below it. */
  let provisionIdx: number | null = null;
  /** Each item as an ancestor in a path: its number as printed ("1.", "(一)") and title. */
  const headings: string[] = [];
  // A document whose only numbering is "一、二、三、": those provisions are its items.
  const onlyTopLevel = segments.length > 0 && segments.every((seg) => seg.level === 0);
  // A "一、" provision without numbered children that carries its own department note is a task, with an
  // empty path ("一、实施购房契税补贴 … \n责任单位:市财政局" among sections that hold "(一)" children).
  const leafWithNote = new Set<Segment>();
  segments.forEach((seg, k) => {
    const next = segments[k + 1];
    if (seg.level !== 0 || onlyTopLevel || (next && next.level !== 0)) return;
    const text = body(seg);
    if (findParenthesizedNotes(text).length + findLineNotes(text.split('\n')).length > 0) leafWithNote.add(seg);
  });
  for (const seg of segments) {
    if (seg.level === 0 && onlyTopLevel) seg.level = 1;
    if (leafWithNote.has(seg)) {
      seg.level = 1;
      sectionIdx = null;
      groupIdx = null;
      provisionIdx = null;
    }
    if (seg.level === 0) {
      const s: ParsedSection = { number: seg.marker!.printed, title: title(seg), body: body(seg), lineStart: seg.lineStart + 1, lineEnd: seg.lineEnd + 1 };
      sections.push(s);
      sectionPaths.push(s.number + s.title);
      sectionIdx = sections.length - 1;
      groupIdx = null;
      provisionIdx = null;
      continue;
    }
    const parent = seg.level === 2 ? groupIdx : seg.level === 3 ? (provisionIdx ?? groupIdx) : null;
    const path = sectionIdx === null ? [] : [sectionPaths[sectionIdx]];
    if (seg.level === 3 && provisionIdx !== null && groupIdx !== null && items[provisionIdx].parent === groupIdx) path.push(headings[groupIdx]);
    if (parent !== null) path.push(headings[parent]);
    if (seg.row) path.push(...seg.row.groups);
    const number = seg.row ? seg.row.number : seg.marker!.printed;
    items.push({
      number,
      normalizedNumber: seg.row ? seg.row.number : seg.marker!.normalized,
      level: seg.level,
      section: sectionIdx,
      parent,
      path,
      title: title(seg),
      body: body(seg),
      kind: 'task',
      lead: [],
      co: [],
      due: null,
      note: null,
      lineStart: seg.lineStart + 1,
      lineEnd: seg.lineEnd + 1,
    });
    itemSegs.push(seg);
    const mk = seg.marker;
    const item = items[items.length - 1];
    headings.push((mk && mk.level === 2 ? trimLine(lines[seg.lineStart]).slice(mk.col, mk.col + mk.len).trim() : item.number) + item.title);
    if (seg.level === 1) {
      groupIdx = items.length - 1;
      provisionIdx = null;
    }
    if (seg.level === 2 && !seg.row) provisionIdx = items.length - 1;
  }

  classify(sections, items);
  assignDepartments(items, itemSegs);
  mergeAppendixRows(items, appendixRows);

  const docText = lines.slice(0, bodyEnd).join('\n');
  const preambleEnd = firstSectionLine >= 0 ? firstSectionLine : 0;
  const meta = extractMetadata(lines, preambleEnd, bodyEnd);
  const planYear = yearOf(meta.title) ?? (meta.issued ? Number(meta.issued.slice(0, 4)) : null);
  const indicators = extractIndicators(sections, items, docText, planYear);

  if (sections.length === 0 && items.length === 0) {
    warnings.push('未在文档中找到编号的条目(如“一、”“(一)”“1.”)。');
  }

  // Everything returned, as printed.
  // Title, issuer and number stand before the first section or in a signature at the end.
  const metaAsPrinted = (s: string | null) =>
    s === null ? null : (asPrinted.find(s, 0, preambleEnd) ?? asPrinted.find(s, bodyEnd, lines.length - 1) ?? fallback(s));
  const paths = new Map<string, string>();
  const sectionsOut = sections.map((sec) => {
    const a = sec.lineStart - 1;
    const b = sec.lineEnd - 1;
    const out = { ...sec, number: asPrinted.in(sec.number, a, b), title: asPrinted.in(sec.title, a, b), body: asPrinted.lines(sec.body, a, b) };
    paths.set(sec.number + sec.title, out.number + out.title);
    return out;
  });
  const itemsOut = items.map((item, idx) => {
    const a = item.lineStart - 1;
    const b = item.lineEnd - 1;
    const at = (x: string) => asPrinted.in(x, a, b);
    const out = { ...item, number: at(item.number), title: at(item.title), body: asPrinted.lines(item.body, a, b), lead: item.lead.map(at), co: item.co.map(at), due: item.due === null ? null : at(item.due), note: item.note === null ? null : asPrinted.lines(item.note, a, b) };
    paths.set(item.number + item.title, out.number + out.title);
    // Appendix rows that became items of their own have no heading: nothing stands below them.
    const heading = headings[idx];
    if (heading !== undefined) paths.set(heading, at(heading.slice(0, heading.length - item.title.length)) + out.title);
    return out;
  });
  const pathAsPrinted = (path: string[]) => path.map((p) => paths.get(p) ?? fallback(p));
  for (const item of itemsOut) item.path = pathAsPrinted(item.path);
  return {
    title: metaAsPrinted(meta.title),
    issuer: metaAsPrinted(meta.issuer),
    issued: meta.issued,
    docNumber: metaAsPrinted(meta.docNumber),
    sections: sectionsOut,
    items: itemsOut,
    indicators: indicators.map(({ indicator: x, a, b }) => ({
      ...x,
      name: asPrinted.in(x.name, a, b),
      unit: x.unit === null ? null : asPrinted.in(x.unit, a, b),
      path: pathAsPrinted(x.path),
    })),
    warnings,
  };
}

function yearOf(title: string | null): number | null {
  const m = title ? /(\d{4})\s*[—–-]\s*(\d{4})年/.exec(title) ?? /(\d{4})年/.exec(title) : null;
  if (!m) return null;
  return Number(m[2] && /^\d{4}$/.test(m[2]) ? m[2] : m[1]);
}

function classify(sections: ParsedSection[], items: ParsedItem[]): void {
  const hasChildren = new Set(items.filter((i) => i.parent !== null).map((i) => i.parent!));
  items.forEach((item, idx) => {
    const section = item.section !== null ? sections[item.section] : null;
    const parent = item.parent !== null ? items[item.parent] : null;
    let kind: Exclude<ItemKind, 'section'>;
    const heading = (item.level === 1 || item.level === 2) && hasChildren.has(idx);
    if (CONTEXT_TITLE.test(item.title)) kind = 'context';
    else if (parent && parent.kind === 'context') kind = 'context';
    else if (parent && parent.kind === 'safeguard') kind = 'safeguard';
    else if (section && CONTEXT_TITLE.test(section.title)) kind = 'context';
    // In a 保障措施 section a heading over numbered children groups them; they are the safeguards.
    else if (section && SAFEGUARD_SECTION.test(section.title)) kind = heading ? 'group' : 'safeguard';
    else if (heading) kind = 'group';
    else kind = 'task';
    item.kind = kind;
  });
}

function assignDepartments(items: ParsedItem[], segs: Segment[]): void {
  /** Units a note said are responsible for every provision below it. */
  const carried: string[] = [];
  /** Items whose only note is a paragraph of its own after their text (it may close their group). */
  const closingNote = new Set<number>();
  items.forEach((item, idx) => {
    const seg = segs[idx];
    if (seg.row) {
      item.lead = seg.row.lead;
      item.co = seg.row.co.filter((c) => !item.lead.includes(c));
      item.due = seg.row.due;
      item.note = seg.row.note;
      return;
    }
    const inParentheses = findParenthesizedNotes(item.body);
    const notes: FoundNote[] = [...inParentheses, ...findLineNotes(item.body.split('\n'))].sort((a, b) => a.start - b.start);
    const subject = notes.length === 0 && (item.kind === 'task' || item.kind === 'safeguard') ? findSubjectNote(item.body) : null;
    const merged = subject ?? mergeNotes(notes);
    item.note = subject ? (item.body.split(/[。;;\n]/)[0] ?? null) : notes.length > 0 ? notes.map((n) => trimLine(item.body.slice(n.start, n.end))).join(' ') : null;
    const lines = item.body.split('\n');
    if (notes.length === 1 && lines.length > 1) {
      const last = lines[lines.length - 1];
      const lastStart = item.body.length - last.length;
      if (notes[0].start <= lastStart + (last.length - trimLine(last).length) && notes[0].end >= item.body.length - 1) closingNote.add(idx);
    }
    item.lead = merged.lead;
    item.co = merged.co;
    if ((item.kind === 'task' || item.kind === 'safeguard') && merged.lead.length > 0) {
      for (const unit of carried) if (!item.lead.includes(unit) && !item.co.includes(unit)) item.co.push(unit);
    }
    for (const n of notes) for (const unit of n.below ?? []) if (!carried.includes(unit)) carried.push(unit);
    // A safeguard that names its units is work to track like any task.
    if (item.kind === 'safeguard' && item.lead.length + item.co.length > 0) item.kind = 'task';
    // The duties of a role in general ("(一)链长工作职责 1.调研… 2.研究…", "(二)牵头单位工作职责"):
    // provisions that name no unit under a heading of duties describe a role, they assign no work.
    const parent = item.parent !== null ? items[item.parent] : null;
    if (item.kind === 'task' && parent && DUTIES_TITLE.test(parent.title) && item.lead.length + item.co.length === 0) item.kind = 'context';
    item.due = notes.find((n) => n.due)?.due ?? findDue(stripNotes(item.body, inParentheses));
  });
  // A group whose children name no units but the last, in a paragraph of its own after its text:
  // that note closes the group and is the group's ("(一)… 1.… 2.… 3.…\n(责任单位:X;配合单位:Y)").
  const childrenOf = new Map<number, (readonly [ParsedItem, number])[]>();
  items.forEach((c, k) => {
    if (c.parent !== null) childrenOf.set(c.parent, [...(childrenOf.get(c.parent) ?? []), [c, k] as const]);
  });
  items.forEach((group, g) => {
    if (group.kind !== 'group' || group.lead.length + group.co.length > 0) return;
    const children = childrenOf.get(g) ?? [];
    if (children.length < 2) return;
    const [last, lastIdx] = children[children.length - 1];
    if (!closingNote.has(lastIdx) || children.slice(0, -1).some(([c]) => c.lead.length + c.co.length > 0)) return;
    group.lead = last.lead;
    group.co = last.co;
    group.note = last.note;
    last.lead = [];
    last.co = [];
    last.note = null;
  });
}

const comparable = (s: string) => s.replace(/[\s\u3000,,、。;;::“”"()()]/g, '');

/**
 * Rows of an appendix task table: each enriches the task above with the same title (or the
 * same number when titles differ only in wording) with its departments and deadline; a row
 * that matches no task becomes a task of its own under the appendix's heading.
 */
function mergeAppendixRows(items: ParsedItem[], rows: { row: TableRow; heading: string }[]): void {
  const tasks = items.filter((i) => i.kind === 'task');
  for (const { row, heading } of rows) {
    const title = comparable(row.title);
    const match =
      tasks.find((t) => comparable(t.title) === title) ??
      tasks.find((t) => title.length >= 4 && comparable(t.title).length >= 4 && (comparable(row.body).includes(comparable(t.title)) || comparable(t.title).includes(title)));
    if (match) {
      if (match.lead.length === 0 && match.co.length === 0) {
        match.lead = row.lead;
        match.co = row.co.filter((c) => !row.lead.includes(c));
        match.note = row.note;
      }
      match.due ??= row.due;
      continue;
    }
    items.push({
      number: row.number,
      normalizedNumber: row.number,
      level: 2,
      section: null,
      parent: null,
      path: [...(heading ? [heading] : []), ...row.groups],
      title: row.title,
      body: row.body,
      kind: 'task',
      lead: row.lead,
      co: row.co.filter((c) => !row.lead.includes(c)),
      due: row.due,
      note: row.note,
      lineStart: row.line + 1,
      lineEnd: row.line + 1,
    });
  }
}

/** The text without its department notes, for deadlines and indicators. */
function stripNotes(text: string, notes: FoundNote[] = findParenthesizedNotes(text)): string {
  let out = '';
  let last = 0;
  for (const n of notes) {
    out += text.slice(last, n.start);
    last = n.end;
  }
  return out + text.slice(last);
}

function extractIndicators(
  sections: ParsedSection[],
  items: ParsedItem[],
  docText: string,
  planYear: number | null,
): { indicator: ParsedIndicator; a: number; b: number }[] {
  const out: { indicator: ParsedIndicator; a: number; b: number }[] = [];
  const region = (text: string, path: string[], lineStart: number, lineEnd: number) => {
    const clean = stripNotes(text);
    const lines = clean.split('\n');
    const table = indicatorsFromTable(lines, docText, planYear, path);
    const found = table && table.length > 0 ? table : indicatorsFromText(clean, null, path).map((x) => ({ ...x, year: x.year ?? planYear }));
    out.push(...found.map((indicator) => ({ indicator, a: lineStart - 1, b: lineEnd - 1 })));
  };
  sections.forEach((s) => {
    if (!GOALS_TITLE.test(s.title) || !CONTEXT_TITLE.test(s.title)) return;
    // The section's own text: what stands before its first numbered provision.
    region(s.body, [s.number + s.title], s.lineStart, s.lineEnd);
  });
  // Goal provisions: a context item titled as goals, or any context item under a goals heading.
  for (const item of items) {
    if (item.kind !== 'context') continue;
    const parent = item.parent !== null ? items[item.parent] : null;
    const section = item.section !== null ? sections[item.section] : null;
    const underGoals = (parent && GOALS_TITLE.test(parent.title)) || (!parent && section && GOALS_TITLE.test(section.title));
    if (GOALS_TITLE.test(item.title) || underGoals) region(item.body, [...item.path, item.number + item.title], item.lineStart, item.lineEnd);
  }
  return out;
}
