/**
 * HTML (a saved web page, or a .docx converted by mammoth) → text lines. Block elements end
 * a line, cells of a data table are joined with tabs (so task tables keep their columns),
 * scripts, styles, navigation, headers and footers are dropped. A layout table (a portal page's
 * frame, a <td> holding the whole article) is read as blocks, not as columns.
 */
import { parseDocument } from 'htmlparser2';

/** What the walk reads of htmlparser2's DOM nodes. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}
interface DomElement extends DomNode {
  name: string;
  children: DomNode[];
}

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'section', 'article',
  'blockquote', 'pre', 'dd', 'dt', 'dl', 'hr', 'tbody', 'thead', 'tfoot', 'caption', 'center', 'form', 'main',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'iframe', 'select', 'button', 'svg', 'head', 'title', 'object', 'textarea']);
/** A cell holding this much text in several blocks is a page's frame, not a table cell. */
const LAYOUT_CELL_CHARS = 1500;
const LAYOUT_CELL_BLOCKS = 3;

const isElement = (n: DomNode): n is DomElement => typeof n.name === 'string' && Array.isArray(n.children);
const isText = (n: DomNode): n is DomNode & { data: string } => n.type === 'text' && typeof n.data === 'string';

function textLength(n: DomNode): number {
  if (isText(n)) return n.data.trim().length;
  if (!isElement(n) || SKIP.has(n.name)) return 0;
  let sum = 0;
  for (const c of n.children) sum += textLength(c);
  return sum;
}

function countBlocks(n: DomNode, depth = 0): number {
  if (!isElement(n) || SKIP.has(n.name) || depth > 6) return 0;
  let sum = 0;
  for (const c of n.children) {
    if (isElement(c) && BLOCK.has(c.name)) sum++;
    sum += countBlocks(c, depth + 1);
  }
  return sum;
}

function hasNestedTable(n: DomNode): boolean {
  if (!isElement(n)) return false;
  return n.children.some((c) => isElement(c) && (c.name === 'table' || hasNestedTable(c)));
}

/** The cells of a table, not of the tables nested in it. */
function cellsOf(table: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const walk = (n: DomNode) => {
    if (!isElement(n)) return;
    if (n.name === 'td' || n.name === 'th') out.push(n);
    else if (n.name !== 'table') n.children.forEach(walk);
  };
  table.children.forEach(walk);
  return out;
}

/** The rows of a table, not of the tables nested in it. */
function rowsOf(table: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const walk = (n: DomNode) => {
    if (!isElement(n)) return;
    if (n.name === 'tr') out.push(n);
    else if (n.name !== 'table') n.children.forEach(walk);
  };
  table.children.forEach(walk);
  return out;
}

/**
 * A table that frames a page rather than holding data: a cell holds another table, or paragraphs
 * of text that are a lot of text or the only text of their row (a task table's row always has a
 * task and its units in cells of their own).
 */
function isLayoutTable(table: DomElement): boolean {
  if (cellsOf(table).some(hasNestedTable)) return true;
  return rowsOf(table).some((row) => {
    const cells = row.children.filter((c): c is DomElement => isElement(c) && (c.name === 'td' || c.name === 'th'));
    const filled = cells.filter((c) => textLength(c) > 0);
    return filled.some((cell) => countBlocks(cell) >= LAYOUT_CELL_BLOCKS && (textLength(cell) >= LAYOUT_CELL_CHARS || filled.length === 1));
  });
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  /** Cells of the current data-table row seen so far (0 outside a data table). */
  let cellIndex = 0;
  let inDataCell = 0;
  const endLine = () => {
    if (line.trim() !== '') out.push(line.replace(/[ \t]+$/g, ''));
    line = '';
  };

  const walk = (n: DomNode, layout: boolean) => {
    if (isText(n)) {
      line += n.data.replace(/[\r\n\t]+/g, ' ');
      return;
    }
    if (!isElement(n) || SKIP.has(n.name)) return;
    const name = n.name;
    if (name === 'table') {
      const asLayout = isLayoutTable(n);
      endLine();
      const saved = { cellIndex, inDataCell };
      cellIndex = 0;
      inDataCell = 0;
      for (const c of n.children) walk(c, asLayout);
      endLine();
      ({ cellIndex, inDataCell } = saved);
      return;
    }
    if (!layout && name === 'tr') {
      endLine();
      cellIndex = 0;
      for (const c of n.children) walk(c, layout);
      endLine();
      cellIndex = 0;
      return;
    }
    if (!layout && (name === 'td' || name === 'th')) {
      if (cellIndex > 0) line += '\t';
      cellIndex++;
      inDataCell++;
      for (const c of n.children) walk(c, layout);
      inDataCell--;
      return;
    }
    if (inDataCell > 0) {
      // Paragraphs inside one table cell stay in the cell.
      if ((name === 'p' || name === 'br' || name === 'div' || name === 'li') && line !== '' && !line.endsWith('\t') && !line.endsWith(' ')) line += ' ';
      for (const c of n.children) walk(c, layout);
      return;
    }
    const block = BLOCK.has(name) || name === 'td' || name === 'th';
    if (block) endLine();
    for (const c of n.children) walk(c, layout);
    if (block) endLine();
  };

  const root = parseDocument(html, { decodeEntities: true, lowerCaseTags: true }) as unknown as DomElement;
  for (const n of root.children) walk(n, false);
  endLine();
  return out.join('\n');
}
