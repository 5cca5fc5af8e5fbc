/**
 * PDF with a text layer → text, through pdfjs-dist (Mozilla's PDF.js). The text items of each
 * page are laid out into lines by position (see layout.ts). A PDF without text (a scanned image)
 * is refused with a message saying so.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportError } from '../types.js';
import { type PageText, type TextRun, textOfPages } from './layout.js';

/** Fewer letters than this per page on average: the pages are images. */
const MIN_CHARS_PER_PAGE = 10;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** PDF.js with its worker code running in this thread (the caller is already a worker thread). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export async function pdfToText(buffer: Buffer, fileName: string): Promise<string> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(buffer),
    // Chinese PDFs often use the predefined CJK CMaps (UniGB-UCS2-H) of fonts that are not embedded.
    cMapUrl: pathToFileURL(join(packageDir, 'cmaps')).href + '/',
    cMapPacked: true,
    standardFontDataUrl: pathToFileURL(join(packageDir, 'standard_fonts')).href + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    if ((error as Error).name === 'PasswordException') {
      throw new ImportError('UNREADABLE', `PDF 文件“${fileName}”设有密码,请取消密码保护后再导入。`);
    }
    throw new ImportError('UNREADABLE', `无法读取 PDF 文件“${fileName}”(文件可能已损坏)。`);
  }
  try {
    const pages: PageText[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , , top] = page.view;
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items as Item[]) {
        if (typeof item.str !== 'string' || item.str.trim() === '') continue;
        const [a, b, c, d, e, f] = item.transform;
        // Horizontal text only; rotated runs (stamps, side notes) are left out.
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
        chars += item.str.replace(/\s+/g, '').length;
        runs.push({ text: item.str, x: e, y: top - f, width: item.width, size: Math.abs(d) || item.height });
      }
      pages.push({ runs });
      page.cleanup();
    }
    if (chars < MIN_CHARS_PER_PAGE * Math.max(1, doc.numPages) && chars < 200) {
      throw new ImportError(
        'SCANNED',
        `PDF 文件“${fileName}”是扫描图片,没有可提取的文字;请先用文字识别(OCR)软件转换,或上传 Word(.docx)、文本(.txt)版本后再导入。`,
      );
    }
    return textOfPages(pages);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('UNREADABLE', `无法读取 PDF 文件“${fileName}”的页面内容(文件可能已损坏)。`);
  } finally {
    await doc.destroy();
  }
}
