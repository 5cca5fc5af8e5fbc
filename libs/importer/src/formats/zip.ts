/**
 * Zip-based formats (.docx, .xlsx, .ofd) read safely. The central directory is inspected before
 * anything is inflated: too many entries, too many declared uncompressed bytes, or an entry that
 * claims an absurd compression ratio are refused at once. Inflating then enforces the same budget
 * on the bytes actually produced (declared sizes can lie): yauzl checks every entry against its
 * declared size and this reader stops at the total budget, so a 200 KB file that would inflate
 * to gigabytes costs at most the budget in time and memory.
 *
 * Libraries that unzip by themselves (mammoth, exceljs) get `storedZip(entries)`: the entries
 * this reader inflated, packed again without compression, so they never inflate anything.
 */
import { zipSync } from 'fflate';
import yauzl from 'yauzl';
import { ImportError } from '../types.js';

export interface ZipLimits {
  /** Most entries (files and folders) an archive may list. */
  maxEntries: number;
  /** Most uncompressed bytes in all entries together, declared or inflated. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/**
 * Office documents and OFD files list tens to a few hundred entries, and their XML compresses
 * 5 to 50 times; 100 MB of inflated XML is far beyond any plan or task table.
 */
export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

const MB = 1024 * 1024;

function refuse(fileName: string, why: string): never {
  throw new ImportError('ARCHIVE_LIMIT', `文件“${fileName}”${why},疑似压缩炸弹或已损坏,已拒绝导入。`);
}

function unreadable(fileName: string): never {
  throw new ImportError('UNREADABLE', `无法读取文件“${fileName}”(压缩包结构已损坏或加密)。`);
}

/** The file entries of a zip archive (folders left out), inflated within `limits`. */
export async function readZip(buffer: Buffer, fileName: string, limits: ZipLimits = ZIP_LIMITS): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    unreadable(fileName);
  }
  try {
    if (zip.entryCount > limits.maxEntries) refuse(fileName, `包含 ${zip.entryCount} 个文件,超过上限 ${limits.maxEntries} 个`);
    const entries = await listEntries(zip, fileName);
    const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > limits.maxTotalBytes) {
      refuse(fileName, `解压后达 ${(declared / MB).toFixed(0)} MB,超过上限 ${limits.maxTotalBytes / MB} MB`);
    }
    for (const e of entries) {
      if (e.isEncrypted()) throw new ImportError('UNREADABLE', `文件“${fileName}”已加密,请取消密码保护后再导入。`);
      if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > Math.max(1, e.compressedSize) * limits.maxRatio) {
        refuse(fileName, `中的“${e.fileName}”压缩比异常(${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} 倍)`);
      }
    }
    const out = new Map<string, Buffer>();
    let total = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      const stream = await zip.openReadStreamPromise(entry).catch(() => unreadable(fileName));
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > limits.maxTotalBytes) {
            stream.destroy();
            refuse(fileName, `解压后超过上限 ${limits.maxTotalBytes / MB} MB`);
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof ImportError) throw error;
        // yauzl: more bytes than the entry declares, a bad CRC-less stream, corrupt deflate data.
        if (/too many bytes|too few bytes/i.test((error as Error).message)) refuse(fileName, '中的文件实际大小与声明不符');
        unreadable(fileName);
      }
      out.set(entry.fileName, Buffer.concat(chunks));
    }
    return out;
  } finally {
    zip.close();
  }
}

function listEntries(zip: yauzl.ZipFile, fileName: string): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => {
      try {
        unreadable(fileName);
      } catch (e) {
        reject(e);
      }
    });
    zip.readEntry();
  });
}

/** The entries packed again as a zip without compression (for libraries that unzip by themselves). */
export function storedZip(entries: Map<string, Buffer>): Buffer {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, data] of entries) files[name] = [data, { level: 0 }];
  return Buffer.from(zipSync(files));
}
