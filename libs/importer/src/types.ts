/**
 * The importer's output: a plan document turned into a tree of numbered provisions.
 * Field names of the JSON form (see toPlanJson) follow test/fixtures/gold/*.json.
 */

export type ItemKind = 'section' | 'group' | 'task' | 'safeguard' | 'context';

export type IndicatorOp = '>=' | '<=' | '=' | '>' | '<' | 'top';

export interface ParsedSection {
  /** Number as printed (after repair of scanning errors), e.g. "三、". */
  number: string;
  title: string;
  /** Full text of the section's own lines (heading and unnumbered paragraphs). */
  body: string;
  lineStart: number;
  lineEnd: number;
}

export interface ParsedItem {
  /** Number as printed after repair: "(三)" for "三)", "(一)" for "(-)", "26" for "26." */
  number: string;
  /** Canonical form for matching: "(3)" for "(三)" in any parentheses, "26" for 26. or 26、. */
  normalizedNumber: string;
  /** Numbering level: 1 = "(一)", 2 = "1." (sections are level 0). */
  level: number;
  /** Index into ParsedPlan.sections, or null before the first section. */
  section: number | null;
  /** Index into ParsedPlan.items of the parent item (a group), or null when directly under the section. */
  parent: number | null;
  /** Ancestors as printed, e.g. ["三、重点任务", "(一)推动经济质量效益型发展"]. */
  path: string[];
  title: string;
  /** Full text of the provision, with department notes, as it stands after clean-up. */
  body: string;
  kind: Exclude<ItemKind, 'section'>;
  lead: string[];
  co: string[];
  /** Deadline as printed ("2024年12月底前", "年内", "持续推进"), or null. */
  due: string | null;
  /** The text the units were read from (the notes as printed, or a table row's unit cells), or null. */
  note: string | null;
  lineStart: number;
  lineEnd: number;
}

export interface ParsedIndicator {
  name: string;
  op: IndicatorOp;
  value: number;
  unit: string | null;
  year: number | null;
  path: string[];
}

export interface ParsedPlan {
  title: string | null;
  issuer: string | null;
  /** ISO date (YYYY-MM-DD) the plan was signed or issued, when printed. */
  issued: string | null;
  /** 发文字号, e.g. "渝两江党发〔2024〕13号". */
  docNumber: string | null;
  sections: ParsedSection[];
  items: ParsedItem[];
  indicators: ParsedIndicator[];
  /** Problems worth telling the user about, in Chinese. */
  warnings: string[];
}

/** A document the importer refuses, with a message a user can act on (Chinese). */
export class ImportError extends Error {
  constructor(
    readonly code:
      | 'EMPTY'
      | 'BINARY'
      | 'TOO_LARGE'
      | 'UNSUPPORTED'
      | 'NO_STRUCTURE'
      | 'UNREADABLE'
      /** An archive over the entry, size or ratio limits (a zip bomb). */
      | 'ARCHIVE_LIMIT'
      /** A PDF or OFD without a text layer (a scanned image). */
      | 'SCANNED'
      /** Parsing ran past its time or memory limit. */
      | 'PARSE_LIMIT',
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
