import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { escapeHtml as e } from '#mail';

/**
 * An official document (公文) laid out after GB/T 9704-2012, as DOCX and as a printable HTML page
 * from one model, so both always say the same.
 */
export type Block =
  /** Level-one heading (一、…), 黑体. */
  | { kind: 'h1'; text: string }
  /** Level-two heading ((一)…), 楷体. */
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string }
  /** A table; widths in parts of the 版心 width. */
  | { kind: 'table'; head: string[]; rows: (string | number)[][]; widths: number[] };

export interface OfficialDocumentModel {
  /** 发文机关标志 (red, top), e.g. 杭州市质量强市工作领导小组办公室; '' = none. */
  issuer: string;
  /** 文号, e.g. 杭质强办〔2026〕12号; '' = none. */
  number: string;
  title: string;
  /** 主送机关, e.g. 各有关单位 ('' = none). */
  addressee: string;
  blocks: Block[];
  /** 发文机关署名 and 成文日期 (Chinese date). */
  signature: string;
  date: string;
  /** 抄送 units ('' = no 抄送 line). */
  cc: string;
  /** 版记: 印发机关 and 印发日期 (Chinese date). */
  printedBy: string;
  printedOn: string;
}

const CJK = '\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d';
const HALF_TO_FULL: Record<string, string> = { ',': '\uff0c', ';': '\uff1b', ':': '\uff1a', '!': '\uff01', '?': '\uff1f', '(': '\uff08', ')': '\uff09' };

/**
 * Chinese punctuation (GB/T 15834) in Chinese text: an ASCII , ; : ! ? next to a Chinese character
 * becomes full-width, and so do parentheses around text holding Chinese; numbers, times and
 * telephone numbers (0571-12345678, 2026-10) stay as they are.
 */
export function typeset(text: string): string {
  return text
    .replace(new RegExp(`\\(([^()]*[${CJK}][^()]*)\\)`, 'gu'), '\uff08$1\uff09')
    .replace(new RegExp(`(?<=[${CJK}])\\s*([,;:!?])\\s*|([,;:!?])\\s*(?=[${CJK}])`, 'gu'), (_, a: string | undefined, b: string | undefined) => HALF_TO_FULL[(a ?? b)!]!);
}

/** The model with its texts typeset (the DOCX and the HTML get the same). */
function typesetModel(doc: OfficialDocumentModel): OfficialDocumentModel {
  const t = (v: string | number) => (typeof v === 'string' ? typeset(v) : v);
  return {
    ...doc,
    title: typeset(doc.title),
    addressee: typeset(doc.addressee),
    cc: typeset(doc.cc),
    blocks: doc.blocks.map((b) => (b.kind === 'table' ? { ...b, head: b.head.map(typeset), rows: b.rows.map((r) => r.map(t)) } : { ...b, text: typeset(b.text) })),
  };
}

// GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so bottom 35 mm, right 26 mm).
const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
export const PAGE = { width: twips(210), height: twips(297), top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) } as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Font names (Word uses the first it has; the HTML lists fallbacks). */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  number: '宋体',
} as const;
const CSS_FONTS = {
  title: "'方正小标宋简体','FZXiaoBiaoSong-B05S','华文中宋','STZhongsong','Noto Serif CJK SC','SimSun',serif",
  body: "'仿宋_GB2312','仿宋','FangSong','STFangsong','Noto Serif CJK SC',serif",
  h1: "'黑体','SimHei','Noto Sans CJK SC',sans-serif",
  h2: "'楷体_GB2312','楷体','KaiTi','STKaiti','Noto Serif CJK SC',serif",
};
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt (page numbers), 小四 12 pt (tables). */
export const SIZES = { title: 44, body: 32, pageNumber: 28, table: 24 } as const;
/** 22 lines on the 225 mm 版心: an exact line pitch of 28.95 pt. */
const LINE = 579;
const RED = 'C00000';

function run(text: string, font: string, size: number, extra: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: { eastAsia: font, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size, ...extra });
}

function paragraph(
  text: string,
  font: string,
  size: number,
  opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: number; right?: number; color?: string; before?: number; line?: number; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    keepNext: opts.keepNext,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { line: opts.line ?? LINE, lineRule: LineRuleType.EXACT, before: opts.before ?? 0, after: 0 },
    indent: { firstLine: opts.indent ?? 0, right: opts.right ?? 0 },
    children: [run(text, font, size, { color: opts.color })],
  });
}

const CHAR = 320; // one 三号 character, for 首行缩进两字 and 右空四字

function docxTable(block: Extract<Block, { kind: 'table' }>, keepNext = false): Table {
  const sum = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const form = block.head.length === 0;
  const cellPara = (text: string, bold: boolean) =>
    new Paragraph({ keepNext, alignment: form && !bold ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: { line: 320, lineRule: LineRuleType.AT_LEAST }, children: [run(text, bold ? FONTS.h1 : FONTS.body, SIZES.table)] });
  const cell = (text: string | number, i: number, bold = false) =>
    new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: [cellPara(String(text), bold)] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      ...(block.head.length ? [new TableRow({ tableHeader: true, children: block.head.map((h, i) => cell(h, i, true)) })] : []),
      // A table without a head is a form: its first column holds the labels.
      ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, form && i === 0)) })),
    ],
  });
}

/** A rule across the 版心 (the red 分隔线 under the 版头, the lines of the 版记). */
function rule(colour: string, size: number): Paragraph {
  return new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, border: { bottom: { style: BorderStyle.SINGLE, size, color: colour, space: 1 } }, children: [] });
}

/** Page number "— N —" in 四号 宋体, odd pages right and even pages left, one character in (GB/T 9704 7.5). */
function pageNumberFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: FONTS.number, ascii: FONTS.number, hAnsi: FONTS.number }, size: SIZES.pageNumber })],
      }),
    ],
  });
}

export async function renderOfficialDocx(model: OfficialDocumentModel): Promise<Buffer> {
  const doc = typesetModel(model);
  const children: (Paragraph | Table)[] = [];
  if (doc.issuer) {
    children.push(paragraph(doc.issuer, FONTS.title, 52, { align: AlignmentType.CENTER, color: RED, line: 900 }));
    children.push(paragraph('', FONTS.body, SIZES.body));
    if (doc.number) children.push(paragraph(doc.number, FONTS.body, SIZES.body, { align: AlignmentType.CENTER }));
    children.push(rule(RED, 12));
    children.push(paragraph('', FONTS.body, SIZES.body));
  } else if (doc.number) children.push(paragraph(doc.number, FONTS.body, SIZES.body, { align: AlignmentType.CENTER }));
  children.push(paragraph(doc.title, FONTS.title, SIZES.title, { align: AlignmentType.CENTER, line: 700 }));
  children.push(paragraph('', FONTS.body, SIZES.body));
  if (doc.addressee) children.push(paragraph(`${doc.addressee}\uff1a`, FONTS.body, SIZES.body));
  doc.blocks.forEach((b, i) => {
    // The last block stays on the page of the signature (GB/T 9704: no 署名 on a page of its own).
    const last = i === doc.blocks.length - 1;
    if (b.kind === 'table') {
      children.push(docxTable(b, last));
      children.push(paragraph('', FONTS.body, SIZES.body, { line: 200, keepNext: last }));
    } else children.push(paragraph(b.text, b.kind === 'h1' ? FONTS.h1 : b.kind === 'h2' ? FONTS.h2 : FONTS.body, SIZES.body, { indent: 2 * CHAR, keepNext: last || b.kind !== 'p' || /[:\uff1a]$/.test(b.text) }));
  });
  children.push(paragraph('', FONTS.body, SIZES.body, { keepNext: true }));
  // 署名 and 成文日期: the date 右空四字, the signature centred over it.
  children.push(paragraph(doc.signature, FONTS.body, SIZES.body, { align: AlignmentType.RIGHT, right: 2 * CHAR, keepNext: true }));
  children.push(paragraph(doc.date, FONTS.body, SIZES.body, { align: AlignmentType.RIGHT, right: 4 * CHAR, keepNext: true }));
  // 版记: 抄送 and 印发机关/日期 between rules (thick first and last, thin between), 四号 仿宋; the
  // rules are the paragraphs' borders and the 版记 is kept on one page.
  children.push(paragraph('', FONTS.body, SIZES.body, { line: 240, keepNext: true }));
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 };
  if (doc.cc) {
    children.push(
      new Paragraph({
        keepNext: true,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT },
        indent: { left: 280, right: 280 },
        border: { top: thick, bottom: thin },
        children: [run(`抄送\uff1a${doc.cc}。`, FONTS.body, SIZES.pageNumber)],
      }),
    );
  }
  children.push(
    new Paragraph({
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      indent: { left: 280, right: 280 },
      border: doc.cc ? { bottom: thick } : { top: thick, bottom: thick },
      tabStops: [{ type: 'right', position: TEXT_WIDTH - 560 }],
      children: [run(doc.printedBy, FONTS.body, SIZES.pageNumber), new TextRun({ text: '\t' }), run(`${doc.printedOn}印发`, FONTS.body, SIZES.pageNumber)],
    }),
  );
  const document = new Document({
    creator: '督办系统',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: SIZES.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: twips(15), footer: twips(22) },
          },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

/** The same document as one printable page (A4 with the 公文 margins when printed). */
export function renderOfficialHtml(model: OfficialDocumentModel): string {
  const doc = typesetModel(model);
  const blocks = doc.blocks
    .map((b) => {
      if (b.kind === 'h1') return `<h2 class="h1">${e(b.text)}</h2>`;
      if (b.kind === 'h2') return `<h3 class="h2">${e(b.text)}</h3>`;
      if (b.kind === 'p') return `<p>${e(b.text)}</p>`;
      const sum = b.widths.reduce((x, y) => x + y, 0);
      const cols = b.widths.map((w) => `<col style="width:${((w / sum) * 100).toFixed(1)}%">`).join('');
      const head = b.head.length ? `<thead><tr>${b.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>` : '';
      const cell = (c: string | number, i: number) => (!b.head.length && i === 0 ? `<th scope="row">${e(c)}</th>` : `<td${b.head.length ? '' : ' class="form"'}>${e(c)}</td>`);
      return `<table><colgroup>${cols}</colgroup>${head}<tbody>${b.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
    })
    .join('\n');
  const style = [
    '@page{size:A4;margin:37mm 26mm 35mm 28mm}',
    `body{font-family:${CSS_FONTS.body};font-size:16pt;line-height:28.95pt;color:#000;max-width:156mm;margin:24px auto;padding:0 12px}`,
    `.issuer{font-family:${CSS_FONTS.title};color:#c00000;font-size:26pt;text-align:center;margin:0 0 12pt}`,
    '.number{text-align:center;margin:0}',
    '.red{border:0;border-top:2px solid #c00000;margin:4pt 0 20pt}',
    `h1{font-family:${CSS_FONTS.title};font-size:22pt;font-weight:normal;text-align:center;line-height:1.4;margin:0 0 20pt}`,
    `h2.h1{font-family:${CSS_FONTS.h1};font-size:16pt;font-weight:normal;margin:0;text-indent:2em}`,
    `h3.h2{font-family:${CSS_FONTS.h2};font-size:16pt;font-weight:normal;margin:0;text-indent:2em}`,
    'p{margin:0;text-indent:2em;text-align:justify}',
    'p.addressee{text-indent:0}',
    'table{border-collapse:collapse;width:100%;margin:6pt 0 12pt;font-size:12pt;line-height:1.4;table-layout:fixed}',
    'th,td{border:1px solid #000;padding:2pt 4pt;text-align:center;word-break:break-all}',
    `th{font-family:${CSS_FONTS.h1};font-weight:normal}`,
    'td.form{text-align:left}',
    '.sign{text-align:right;text-indent:0;margin-top:32pt;padding-right:2em}',
    '.date{text-align:right;text-indent:0;padding-right:4em}',
    '.record{margin-top:32pt;border-top:1px solid #000;border-bottom:1px solid #000;font-size:14pt}',
    '.record p{text-indent:0;padding:0 1em}',
    '.record .cc{border-bottom:1px solid #000}',
    '.record .printed{display:flex;justify-content:space-between}',
    '@media print{body{margin:0;padding:0;max-width:none}}',
  ].join('\n');
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${e(doc.title)}</title><style>${style}</style></head><body>`,
    doc.issuer ? `<p class="issuer">${e(doc.issuer)}</p>` : '',
    doc.number ? `<p class="number">${e(doc.number)}</p>` : '',
    doc.issuer ? '<hr class="red">' : '',
    `<h1>${e(doc.title)}</h1>`,
    doc.addressee ? `<p class="addressee">${e(doc.addressee)}\uff1a</p>` : '',
    blocks,
    doc.signature ? `<p class="sign">${e(doc.signature)}</p>` : '',
    doc.date ? `<p class="date">${e(doc.date)}</p>` : '',
    doc.printedBy
      ? `<div class="record">${doc.cc ? `<p class="cc">抄送\uff1a${e(doc.cc)}。</p>` : ''}<p class="printed"><span>${e(doc.printedBy)}</span><span>${e(doc.printedOn)}印发</span></p></div>`
      : '',
    '</body></html>',
  ].join('\n');
}
