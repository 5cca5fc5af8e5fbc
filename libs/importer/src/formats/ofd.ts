/**
 * OFD (GB/T 33190, the national fixed-layout format): a zip in which OFD.xml names each
 * document's Document.xml, that lists its pages (Pages/Page_N/Content.xml), whose
 * TextObject/TextCode elements carry the text with its position (millimetres, y downwards).
 * The text codes are laid out by page and position like a PDF's text (layout.ts). Page
 * templates (running headers, seals, lines) are not read.
 */
import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import { ImportError } from '../types.js';
import { type PageText, type TextRun, textOfPages } from './layout.js';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A small element tree (names without their namespace prefix). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: XmlElement = { name: name.replace(/^.*:/, ''), attrs, children: [], text: '' };
        stack[stack.length - 1].children.push(el);
        stack.push(el);
      },
      ontext(text) {
        stack[stack.length - 1].text += text;
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return root;
}

function* descendants(el: XmlElement, name: string): Generator<XmlElement> {
  for (const child of el.children) {
    if (child.name === name) yield child;
    yield* descendants(child, name);
  }
}

function first(el: XmlElement, name: string): XmlElement | null {
  for (const found of descendants(el, name)) return found;
  return null;
}

const numbers = (s: string | undefined) => (s ?? '').trim().split(/\s+/).filter(Boolean).map(Number);

/** Advances of a DeltaX attribute: numbers, and "g N v" for N repeats of v. */
export function advances(deltaX: string | undefined): number[] {
  const parts = (deltaX ?? '').trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'g') {
      const n = Math.min(Number(parts[i + 1]) || 0, 100_000);
      const v = Number(parts[i + 2]) || 0;
      for (let k = 0; k < n; k++) out.push(v);
      i += 2;
    } else out.push(Number(parts[i]) || 0);
  }
  return out;
}

/** The text runs of one page's Content.xml. */
export function runsOfPage(xml: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const obj of descendants(parseXml(xml), 'TextObject')) {
    const [bx = 0, by = 0] = numbers(obj.attrs.Boundary);
    const size = Number(obj.attrs.Size) || 3.5;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = obj.attrs.CTM ? numbers(obj.attrs.CTM) : [];
    for (const code of descendants(obj, 'TextCode')) {
      const text = code.text;
      if (text.trim() === '') continue;
      const x = Number(code.attrs.X) || 0;
      const y = Number(code.attrs.Y) || 0;
      const deltas = advances(code.attrs.DeltaX);
      const width = (deltas.slice(0, Math.max(0, [...text].length - 1)).reduce((s, v) => s + v, 0) + size) * Math.abs(a);
      runs.push({ text, x: bx + a * x + c * y + e, y: by + b * x + d * y + f, width, size: size * Math.abs(d || 1) });
    }
  }
  return runs;
}

function resolveIn(base: string, loc: string): string {
  const clean = loc.trim().replace(/\\/g, '/');
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(base), clean));
}

/** The text of an OFD file's entries (as readZip returns them). */
export function ofdText(entries: Map<string, Buffer>, fileName: string): string {
  const byLowerName = new Map([...entries.keys()].map((k) => [k.toLowerCase(), k]));
  const read = (name: string): string | null => {
    const key = entries.has(name) ? name : byLowerName.get(name.toLowerCase());
    return key ? entries.get(key)!.toString('utf8') : null;
  };
  const unreadable = (): never => {
    throw new ImportError('UNREADABLE', `无法读取 OFD 文件“${fileName}”(缺少 OFD.xml 或页面,文件可能已损坏)。`);
  };
  const ofdXml = read('OFD.xml') ?? unreadable();
  const pages: PageText[] = [];
  for (const root of descendants(parseXml(ofdXml), 'DocRoot')) {
    const docPath = resolveIn('OFD.xml', root.text);
    const documentXml = read(docPath);
    if (documentXml === null) continue;
    const pagesEl = first(parseXml(documentXml), 'Pages');
    for (const page of pagesEl ? descendants(pagesEl, 'Page') : []) {
      const content = page.attrs.BaseLoc ? read(resolveIn(docPath, page.attrs.BaseLoc)) : null;
      if (content !== null) pages.push({ runs: runsOfPage(content) });
    }
  }
  if (pages.length === 0) unreadable();
  if (pages.every((p) => p.runs.length === 0)) {
    throw new ImportError(
      'SCANNED',
      `OFD 文件“${fileName}”是扫描图片,没有可提取的文字;请先用文字识别(OCR)软件转换,或上传 Word(.docx)、文本(.txt)版本后再导入。`,
    );
  }
  return textOfPages(pages);
}
