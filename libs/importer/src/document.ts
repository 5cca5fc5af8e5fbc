/**
 * Bytes of an uploaded document → plain text for the parser. Plain text in UTF-8 (with or
 * without BOM), UTF-16 or GB18030/GBK; .docx through mammoth; .html with the page around the
 * document removed. Anything else is refused with a message the user can act on.
 */
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { htmlToText } from './html.js';
import { parsePlanText } from './parse.js';
import { ImportError, type ParsedPlan } from './types.js';

/** Plans are a few dozen pages; 20 MB of text is far beyond any real one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

type Kind = 'text' | 'html' | 'docx';

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

function kindOf(buffer: Buffer, fileName: string): Kind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx' || ext === '' || ext === 'zip') return 'docx';
    throw new ImportError('UNSUPPORTED', `文件“${fileName}”是压缩包格式,仅支持 .docx 文档;请解压或另存为 .docx 后再导入。`);
  }
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError('UNSUPPORTED', `暂不支持 PDF 文件“${fileName}”;请将其另存为 .docx 或 .txt 后再导入。`);
  }
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError('UNSUPPORTED', `暂不支持旧版 Word(.doc)或 Excel 文件“${fileName}”;请在 Word 中另存为 .docx 后再导入。`);
  }
  if (ext === 'docx') throw new ImportError('UNREADABLE', `文件“${fileName}”不是有效的 .docx 文档(文件可能已损坏)。`);
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml') return 'html';
  if (!['', 'txt', 'text', 'md'].includes(ext)) {
    throw new ImportError('UNSUPPORTED', `不支持的文件类型“.${ext}”;请上传 .txt、.docx 或 .html 文件。`);
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
  if (kind === 'docx') {
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer })).value;
    } catch {
      throw new ImportError('UNREADABLE', `无法读取 .docx 文档“${fileName}”(文件可能已损坏或加密)。`);
    }
    text = htmlToText(html);
  } else {
    if (looksBinary(buffer)) throw new ImportError('BINARY', `文件“${fileName}”不是文本文件,无法识别为计划文档;请上传 .txt、.docx 或 .html 文件。`);
    const decoded = decodeText(buffer);
    text = kind === 'html' || /^\s*(<!doctype html|<html)/i.test(decoded.slice(0, 1000)) ? htmlToText(decoded) : decoded;
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
