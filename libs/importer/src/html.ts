/**
 * HTML (a saved web page, or a .docx converted by mammoth) → text lines. Block elements end
 * a line, table cells are joined with tabs (so task tables keep their columns), scripts,
 * styles, navigation, headers and footers are dropped.
 */
import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'section', 'article',
  'blockquote', 'pre', 'dd', 'dt', 'dl', 'hr', 'tbody', 'thead', 'tfoot', 'caption', 'center', 'form',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'iframe', 'select', 'button', 'svg', 'head', 'title', 'object']);

export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  let skipDepth = 0;
  let cellIndex = 0;
  const endLine = () => {
    if (line.trim() !== '') out.push(line.replace(/[ \t]+$/g, ''));
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'tr') {
          endLine();
          cellIndex = 0;
        } else if (name === 'td' || name === 'th') {
          if (cellIndex > 0) line += '\t';
          cellIndex++;
        } else if (BLOCK.has(name) && !(cellIndex > 0 && (name === 'p' || name === 'div' || name === 'br'))) {
          endLine();
        } else if (cellIndex > 0 && (name === 'p' || name === 'br')) {
          // Paragraphs inside one table cell stay in the cell.
          if (line !== '' && !line.endsWith('\t')) line += ' ';
        }
      },
      ontext(text) {
        if (skipDepth > 0) return;
        line += text.replace(/[\r\n\t]+/g, ' ');
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'tr' || name === 'table') {
          endLine();
          cellIndex = 0;
        } else if (BLOCK.has(name) && cellIndex === 0) {
          endLine();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  return out.join('\n');
}
