/**
 * Old Word binary documents (.doc, and WPS Office's .wps, both OLE compound files) → text,
 * through word-extractor. Table cells come out separated by tabs, one row a line, so task
 * tables keep their columns.
 */
import WordExtractor from 'word-extractor';
import { ImportError } from '../types.js';

export async function wordToText(buffer: Buffer, fileName: string): Promise<string> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(buffer);
    // filterUnicode: false keeps “”‘’ and dashes as printed (the default turns them into ASCII).
    body = doc.getBody({ filterUnicode: false });
  } catch {
    throw new ImportError('UNREADABLE', `无法读取 Word 文档“${fileName}”(文件可能已损坏、加密,或不是 .doc/.wps 文档)。`);
  }
  // A row of a table ends with a cell mark as well: drop the tab it leaves at the end of the line.
  return body.replace(/\t+$/gm, '');
}
