/**
 * Positioned text (PDF text items, OFD text codes) → plain text lines for the parser.
 *
 * - Runs on one baseline form a line, ordered by x; lines are ordered top to bottom.
 * - Page numbers ("- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3/9", a bare number at the foot)
 *   and running headers and footers (the same line, digits aside, at the top or foot of most pages)
 *   are dropped.
 * - A line that runs to the right margin continues on the next line (also across a page break),
 *   unless the next line is indented (a new paragraph) or starts with a numbering marker
 *   ("一、", "(一)", "1.", "①") or a label ("牵头单位:", "完成时限:").
 */

/** A run of text on a page; y grows downwards (top of the page = 0), in any unit. */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size (height of a character). */
  size: number;
}

export interface PageText {
  runs: TextRun[];
}

export interface Line {
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** The runs of one page as lines, top to bottom. */
export function linesOf(runs: TextRun[]): Line[] {
  const sorted = runs.filter((r) => r.text.trim() !== '' && r.size > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: TextRun[][] = [];
  for (const run of sorted) {
    const row = rows[rows.length - 1];
    // Same line when the baselines are within a third of the font size (superscripts, mixed fonts).
    if (row && Math.abs(row[0].y - run.y) <= Math.max(row[0].size, run.size) / 3) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = row[0].x;
    let size = 0;
    for (const run of row) {
      const gap = run.x - end;
      const em = Math.max(run.size, 1);
      if (text !== '') {
        const before = text[text.length - 1];
        const after = run.text[0];
        // A wide gap separates columns (two spaces: a table's cells for the table reader); a
        // narrow one is a word space between Latin letters or digits (the gap between Chinese
        // and Latin text is typesetting, not a space: "2025年" stays whole).
        if (gap > 1.5 * em) text += '  ';
        else if (gap > 0.2 * em && !/\s/.test(before) && !/\s/.test(after) && !CJK.test(before) && !CJK.test(after)) text += ' ';
      }
      text += run.text;
      end = Math.max(end, run.x + run.width);
      size = Math.max(size, run.size);
    }
    return { text: withoutCjkSpacing(text.trim()), left: row[0].x, right: end, y: row[0].y, size };
  });
}

const PAGE_NUMBER = /^[-—–－_~·•\s]*(第\s*\d{1,4}\s*页(\s*[,,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[-—–－]\s*\d{1,4}\s*[-—–－])[-—–－_~·•\s]*$/;
const BARE_NUMBER = /^\s*\d{1,4}\s*$/;

/** Whether a line is a page number: "- 3 -", "第3页", "3/9" anywhere in the top or foot band; a bare number at the foot. */
export function isPageNumber(text: string, atFoot: boolean): boolean {
  return PAGE_NUMBER.test(text) || (atFoot && BARE_NUMBER.test(text));
}

/** How many lines at the top and foot of a page may be running headers, footers or page numbers. */
const BAND = 2;

const shapeOf = (text: string) => text.replace(/\s+/g, '').replace(/\d+/g, '#');

/** Lines of every page with page numbers and running headers/footers removed. */
export function withoutPageFurniture(pages: Line[][]): Line[][] {
  // A line in the top or foot band whose shape repeats on most pages is a running header/footer.
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const band = new Set([...lines.slice(0, BAND), ...lines.slice(-BAND)].map((l) => shapeOf(l.text)));
    for (const shape of band) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const running = (text: string) => pages.length >= 2 && (counts.get(shapeOf(text)) ?? 0) >= Math.max(2, Math.ceil(pages.length * 0.6));
  return pages.map((lines) =>
    lines.filter((line, i) => {
      const inTop = i < BAND;
      const inFoot = i >= lines.length - BAND;
      if (!inTop && !inFoot) return true;
      return !(isPageNumber(line.text, inFoot && i === lines.length - 1) || running(line.text));
    }),
  );
}

/** A line that starts a provision, so never continues the line above. */
const STARTS_ITEM = new RegExp(
  [
    '^[一二三四五六七八九十百]+[、,,.．]',
    '^[((][一二三四五六七八九十百\\d]+[))]',
    '^\\d{1,3}(?:[、.．)]|\\s)(?!\\d)',
    '^[①-⑳]',
    '^第[一二三四五六七八九十百\\d]+[章节条部分]',
    '^附件',
  ].join('|'),
);

/** A line that starts a labelled note ("牵头单位:", "完成时限:"): a line of its own, unless inside an open parenthesis. */
const STARTS_LABEL = /^[\u4e00-\u9fa5]{0,6}(?:单位|部门|时限|时间|节点)[::]/;

/** Whether a parenthesis opened in the text is still open at its end. */
function openParenthesis(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '(') depth++;
    else if ((ch === ')' || ch === ')') && depth > 0) depth--;
  }
  return depth > 0;
}

/** A single space between Chinese and Latin text or digits is typesetting ("2025 年"), not text. */
export function withoutCjkSpacing(text: string): string {
  return text.replace(/([\u3400-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[A-Za-z0-9%])/g, '$1').replace(/([A-Za-z0-9%]) (?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])/g, '$1');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor((sorted.length - 1) * p)))];
}

/**
 * The text of the pages, one paragraph per line. The margins are the document's: most lines of a
 * plan are full lines of body text, so the 90th percentile of right edges is the right margin and
 * the 10th of left edges the left margin.
 */
export function paragraphsOf(pages: Line[][]): string {
  const all = pages.flat();
  if (all.length === 0) return '';
  const right = percentile(all.map((l) => l.right), 0.9);
  const left = percentile(all.map((l) => l.left), 0.1);
  const out: string[] = [];
  let current: Line | null = null;
  for (const line of all) {
    const em = Math.max(line.size, 1);
    const continues =
      current !== null &&
      current.right >= right - 1.5 * Math.max(current.size, 1) &&
      line.left <= left + 0.8 * em &&
      !STARTS_ITEM.test(line.text) &&
      !(STARTS_LABEL.test(line.text) && !openParenthesis(out[out.length - 1])) &&
      !/\s{2}/.test(current.text) &&
      !/\s{2}/.test(line.text);
    if (continues) {
      const before = out[out.length - 1];
      const space = /[A-Za-z0-9,.;:]$/.test(before) && /^[A-Za-z0-9]/.test(line.text) ? ' ' : '';
      out[out.length - 1] = before + space + line.text;
    } else {
      out.push(line.text);
    }
    current = line;
  }
  return out.join('\n');
}

/** Positioned pages → text: lines, furniture removed, broken lines joined. */
export function textOfPages(pages: PageText[]): string {
  return paragraphsOf(withoutPageFurniture(pages.map((p) => linesOf(p.runs))));
}
