/**
 * Bytes of an uploaded document → plain text for the parser. Plain text in UTF-8 (with or
 * without BOM), UTF-16 or GB18030/GBK; .docx through mammoth; .html with the page around the
 * document removed; .pdf with a text layer; old Word .doc and WPS .wps; task tables in .xlsx,
 * .xls, WPS .et and .csv; OFD. Zip-based formats are unpacked within limits first
 * (formats/zip.ts). Anything else is refused with a message the user can act on.
 *
 * parseDocument runs in the caller's thread; uploads go through parseDocumentIsolated
 * (isolated.ts), which runs it in a worker thread with time and memory limits.
 */
import iconv from 'iconv-lite';
import { htmlToText } from './html.js';
import { parsePlanText } from './parse.js';
import { ImportError, type ParsedPlan } from './types.js';
import { readZip, storedZip } from './formats/zip.js';

/** Plans are a few dozen pages; 20 MB of text is far beyond any real one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The file types the importer reads, as an upload form lists them. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.docx', '.doc', '.wps', '.pdf', '.ofd', '.html', '.htm', '.xlsx', '.xls', '.et', '.csv'] as const;

/** The supported types, for the sentence of a message. */
export const SUPPORTED_FORMATS_TEXT =
  'Word(.docx、.doc)、WPS 文字(.wps)、PDF(含文字层)、OFD、网页(.html)、纯文本(.txt)、Excel(.xlsx、.xls)、WPS 表格(.et)和 .csv';

type Kind = 'text' | 'html' | 'zip' | 'pdf' | 'word' | 'xls' | 'csv';

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Names of the formats a damaged file claims to be, by extension. */
const CLAIMED: Record<string, string> = { docx: 'Word', doc: 'Word', wps: 'WPS 文字', xlsx: 'Excel', xls: 'Excel', et: 'WPS 表格', ofd: 'OFD', pdf: 'PDF' };

function kindOf(buffer: Buffer, fileName: string): Kind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buffer, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  // "%PDF-" starts the file, or follows a little junk that readers tolerate.
  if (buffer.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(buffer, OLE)) {
    if (['doc', 'dot', 'wps', 'wpt'].includes(ext)) return 'word';
    if (['xls', 'xlt', 'et', 'ett'].includes(ext)) return 'xls';
    // Word and Excel save a document with an opening password as an OLE file around the encrypted package.
    if (['docx', 'xlsx', 'docm', 'xlsm'].includes(ext)) {
      throw new ImportError('UNREADABLE', `文件“${fileName}”设有打开密码(已加密),请在 Word/Excel 中取消密码保护后再导入。`);
    }
    throw new ImportError(
      'UNSUPPORTED',
      `文件“${fileName}”是 Office/WPS 二进制文件,但从扩展名无法判断是文档还是表格;请以 .doc、.wps、.xls 或 .et 扩展名上传。支持的格式:${SUPPORTED_FORMATS_TEXT}。`,
    );
  }
  if (CLAIMED[ext]) throw new ImportError('UNREADABLE', `文件“${fileName}”不是有效的 ${CLAIMED[ext]} 文件(文件可能已损坏)。`);
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml') return 'html';
  if (ext === 'csv') return 'csv';
  if (!['', 'txt', 'text', 'md'].includes(ext)) {
    throw new ImportError('UNSUPPORTED', `不支持的文件类型“.${ext}”。支持的格式:${SUPPORTED_FORMATS_TEXT}。`);
  }
  return 'text';
}

/** Whether the bytes are text at all: no NUL bytes and few control characters. */
function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 64 * 1024);
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return false; // UTF-16
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > sample.length * 0.01;
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(buffer: Buffer): string {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return buffer.subarray(3).toString('utf8');
  if (startsWith(buffer, [0xff, 0xfe])) return iconv.decode(buffer.subarray(2), 'utf16le');
  if (startsWith(buffer, [0xfe, 0xff])) return iconv.decode(buffer.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

/** A zip-based document (.docx, .xlsx, .ofd), told apart by its entries rather than its name. */
async function zipToText(buffer: Buffer, fileName: string): Promise<string> {
  const entries = await readZip(buffer, fileName);
  if (entries.has('word/document.xml')) {
    const { default: mammoth } = await import('mammoth');
    let html: string;
    try {
      // Pictures are not read at all (mammoth would otherwise inline each one as base64).
      const convertImage = mammoth.images.imgElement(async () => ({ src: '' }));
      html = (await mammoth.convertToHtml({ buffer: storedZip(entries) }, { convertImage })).value;
    } catch {
      throw new ImportError('UNREADABLE', `无法读取 .docx 文档“${fileName}”(文件可能已损坏或加密)。`);
    }
    return htmlToText(html);
  }
  if (entries.has('xl/workbook.xml')) {
    const { sheetsToText, xlsxSheets } = await import('./formats/sheets.js');
    return sheetsToText(await xlsxSheets(storedZip(entries), fileName), fileName);
  }
  if ([...entries.keys()].some((k) => k.toLowerCase() === 'ofd.xml')) {
    const { ofdText } = await import('./formats/ofd.js');
    return ofdText(entries, fileName);
  }
  throw new ImportError(
    'UNSUPPORTED',
    `文件“${fileName}”是压缩包,但不是 Word(.docx)、Excel(.xlsx)或 OFD 文档;请解压后上传其中的文件。支持的格式:${SUPPORTED_FORMATS_TEXT}。`,
  );
}

/** The document's text, ready for parsePlanText. */
export async function decodeDocument(buffer: Buffer, fileName: string): Promise<string> {
  if (buffer.length === 0) throw new ImportError('EMPTY', `文件“${fileName}”是空文件。`);
  if (buffer.length > MAX_DOCUMENT_BYTES) {
    throw new ImportError(
      'TOO_LARGE',
      `文件“${fileName}”过大(${(buffer.length / 1024 / 1024).toFixed(1)} MB),单个文档不能超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB。`,
    );
  }
  const kind = kindOf(buffer, fileName);
  let text: string;
  switch (kind) {
    case 'zip':
      text = await zipToText(buffer, fileName);
      break;
    case 'pdf':
      text = await (await import('./formats/pdf.js')).pdfToText(buffer, fileName);
      break;
    case 'word':
      text = await (await import('./formats/word.js')).wordToText(buffer, fileName);
      break;
    case 'xls': {
      const { sheetsToText, xlsSheets } = await import('./formats/sheets.js');
      text = sheetsToText(await xlsSheets(buffer, fileName), fileName);
      break;
    }
    case 'csv': {
      if (looksBinary(buffer)) throw new ImportError('BINARY', `文件“${fileName}”不是文本格式的 CSV 文件。`);
      const { csvSheet, sheetsToText } = await import('./formats/sheets.js');
      text = sheetsToText([csvSheet(decodeText(buffer), fileName.replace(/\.[^.]*$/, ''), fileName)], fileName);
      break;
    }
    default: {
      if (looksBinary(buffer)) throw new ImportError('BINARY', `文件“${fileName}”不是文本文件,无法识别为计划文档。支持的格式:${SUPPORTED_FORMATS_TEXT}。`);
      const decoded = decodeText(buffer);
      text = kind === 'html' || /^\s*(<!doctype html|<html)/i.test(decoded.slice(0, 1000)) ? htmlToText(decoded) : decoded;
    }
  }
  if (text.trim() === '') throw new ImportError('EMPTY', `文件“${fileName}”中没有文字内容。`);
  return text;
}

/** Decodes and parses; refuses a document in which no numbered provision can be found. */
export async function parseDocument(buffer: Buffer, fileName: string): Promise<ParsedPlan> {
  const plan = parsePlanText(await decodeDocument(buffer, fileName));
  if (plan.sections.length === 0 && plan.items.length === 0) {
    throw new ImportError(
      'NO_STRUCTURE',
      `未能在“${fileName}”中识别出编号的条目(如“一、”“(一)”“1.”),无法生成任务;请确认这是一份实施方案或工作要点。`,
    );
  }
  return plan;
}
