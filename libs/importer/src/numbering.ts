/**
 * Numbering markers of this family of documents and the sequence rules that tell a real
 * provision number from a number that merely stands in the text.
 *
 *   level 0  "一、"            the plan's sections
 *   level 1  "(一)" "(一)"   also "三)" with a lost parenthesis, "(-)" scanned from "(一)"
 *   level 2  "1." "1、" "1."
 *   level 3  "(1)" "(1)" "①"   items under a "1." (or directly under a "(一)")
 */
import { chineseToNumber, numberToChinese } from './text.js';

export type Level = 0 | 1 | 2 | 3;

export interface Marker {
  level: Level;
  value: number;
  /** Number as it should be shown: repaired, in the document's own parentheses. */
  printed: string;
  normalized: string;
  /** Column in the (trimmed) line and length of the marker text. */
  col: number;
  len: number;
  repaired: boolean;
}

const CN = '[一二三四五六七八九十百千零]{1,6}';
// "四、2017年重点工作": a heading may start with a year after "、"; after "." a digit makes a decimal ("一.5").
const L0_RE = new RegExp(`(${CN})(?:、|[．.](?![\\d０-９]))`, 'g');
const L1_RE = new RegExp(`([((])\\s*(${CN}|[-‐-−—])\\s*([))])`, 'g');
const L1_LOST_OPEN_RE = new RegExp(`^(${CN})([))])`);
// "1.2017年10月底前…" numbers a provision that starts with a year; "1.5%" is a decimal.
/** Not right after a letter or digit: "alert(1)", "GB/T 2828(2)" are no provisions. */
const L3_RE = /(?<![A-Za-z0-9_])([((])\s*([\d０-９]{1,2})\s*([))])|([\u2460-\u2473])/g;
const L2_RE = /(?<![\d０-９.．])([\d０-９]{1,3})\s*([.、．])(?![.．%％])(?![\d０-９](?![\d０-９]{3}年))/g;

function makeL1(open: string, numeral: string, close: string, col: number, len: number, repaired: boolean): Marker | null {
  const scanError = /^[-‐-−—]$/.test(numeral);
  const value = scanError ? 1 : chineseToNumber(numeral);
  if (value === null || value < 1) return null;
  const printedNumeral = scanError ? numberToChinese(value) : numeral;
  return {
    level: 1,
    value,
    printed: `${open}${printedNumeral}${close}`,
    normalized: `(${value})`,
    col,
    len,
    repaired: repaired || scanError,
  };
}

/** Every numbering marker in a line, in column order; which of them are real is decided by the caller. */
export function findMarkers(line: string): Marker[] {
  const out: Marker[] = [];
  let m: RegExpExecArray | null;
  L0_RE.lastIndex = 0;
  while ((m = L0_RE.exec(line))) {
    const value = chineseToNumber(m[1]);
    if (value !== null && value > 0) {
      out.push({ level: 0, value, printed: m[0], normalized: `${value}、`, col: m.index, len: m[0].length, repaired: false });
    }
  }
  L1_RE.lastIndex = 0;
  while ((m = L1_RE.exec(line))) {
    const mk = makeL1(m[1], m[2], m[3], m.index, m[0].length, false);
    if (mk) out.push(mk);
  }
  const lost = L1_LOST_OPEN_RE.exec(line);
  if (lost) {
    const open = lost[2] === ')' ? '(' : '(';
    const mk = makeL1(open, lost[1], lost[2], 0, lost[0].length, true);
    if (mk) out.push(mk);
  }
  L2_RE.lastIndex = 0;
  while ((m = L2_RE.exec(line))) {
    // Full-width digits ("１.") count like ASCII ones.
    const value = Number(m[1].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
    if (value > 0) out.push({ level: 2, value, printed: String(value), normalized: String(value), col: m.index, len: m[0].length, repaired: false });
  }
  L3_RE.lastIndex = 0;
  while ((m = L3_RE.exec(line))) {
    const value = m[4] ? m[4].charCodeAt(0) - 0x245f : Number(m[2].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
    if (value > 0) out.push({ level: 3, value, printed: m[0], normalized: `((${value}))`, col: m.index, len: m[0].length, repaired: false });
  }
  // A marker found inside another (the "一、" inside nothing, "(一)" vs "一、") cannot overlap: keep the earliest.
  out.sort((a, b) => a.col - b.col || a.level - b.level);
  const kept: Marker[] = [];
  let end = -1;
  for (const mk of out) {
    if (mk.col >= end) {
      kept.push(mk);
      end = mk.col + mk.len;
    }
  }
  return kept;
}

/**
 * The expected-number state of one document: numbers restart under a new parent or run on
 * from the previous parent ("(三)…(三十)" across sections, tasks 1-24 across groups).
 */
export class NumberingState {
  private section = 0;
  private l1 = 0;
  private l1Global = 0;
  private l2 = 0;
  private l2Global = 0;
  private l3 = 0;
  private l3Global = 0;
  /** False until the first section; with sections present, nothing before it is a provision. */
  sectionsSeen = false;

  constructor(private readonly documentHasSections: boolean) {}

  /**
   * Whether a marker with this level and value continues the numbering.
   * `tolerance` > 0 accepts a skipped number (a provision lost in scanning), at line starts only.
   */
  accepts(level: Level, value: number, tolerance: number): boolean {
    const within = (next: number) => value >= next && value <= next + tolerance;
    if (level === 0) return within(this.section + 1);
    if (this.documentHasSections && !this.sectionsSeen) return false;
    if (level === 1) return this.l1 === 0 ? value === 1 || within(this.l1Global + 1) : within(this.l1 + 1);
    if (level === 2) return this.l2 === 0 ? value === 1 || within(this.l2Global + 1) : within(this.l2 + 1);
    // "(1)" items stand under a provision, never alone at the top of a section.
    if (this.l1 === 0 && this.l2 === 0) return false;
    return this.l3 === 0 ? value === 1 || within(this.l3Global + 1) : within(this.l3 + 1);
  }

  /** The number the marker was expected to carry, for warnings about gaps. */
  expected(level: Level): number {
    if (level === 0) return this.section + 1;
    if (level === 1) return this.l1 === 0 ? this.l1Global + 1 : this.l1 + 1;
    if (level === 2) return this.l2 === 0 ? this.l2Global + 1 : this.l2 + 1;
    return this.l3 === 0 ? this.l3Global + 1 : this.l3 + 1;
  }

  take(level: Level, value: number): void {
    if (level === 0) {
      this.section = value;
      this.sectionsSeen = true;
      this.l1 = 0;
      this.l2 = 0;
      this.l3 = 0;
    } else if (level === 1) {
      this.l1 = value;
      this.l1Global = value;
      this.l2 = 0;
      this.l3 = 0;
    } else if (level === 2) {
      this.l2 = value;
      this.l2Global = value;
      this.l3 = 0;
    } else {
      this.l3 = value;
      this.l3Global = value;
    }
  }
}

/**
 * The colon that announces the provisions ("具体如下:一、…", "重点组织实施好以下五项工作:1.…",
 * "主要从以下几个方面推进:(一)…"): a marker may follow it directly.
 */
export const ANNOUNCES_PROVISIONS = /(如下|以下[^。;;,,::]{0,12})[::]\s*$/;

/** Whether the text has at least two sections "一、" and "二、" at line starts or after a sentence. */
export function documentHasSections(lines: string[]): boolean {
  let next = 1;
  for (const line of lines) {
    for (const mk of findMarkers(line)) {
      if (mk.level !== 0 || mk.value !== next) continue;
      const before = line.slice(0, mk.col);
      if (before.trim() === '' || /[。;;!?!?))]\s*$/.test(before) || ANNOUNCES_PROVISIONS.test(before)) {
        next++;
        if (next > 2) return true;
      }
    }
  }
  return false;
}
