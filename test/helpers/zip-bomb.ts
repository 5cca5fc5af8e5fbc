/**
 * Hostile zip archives for the archive-limit tests, written byte by byte so that their central
 * directory can say what an attacker wants: honest huge sizes, sizes that lie, or many entries
 * that point at the same compressed data (the "overlapping files" bomb).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface BombEntry {
  name: string;
  /** Raw deflate data (method 8). */
  data: Buffer;
  /** Uncompressed size as the archive declares it. */
  declaredSize: number;
  crc?: number;
}

/**
 * Raw deflate data that inflates to `megabytes` MB of `unit` repeated, built from one compressed
 * megabyte repeated (each piece ends with a full flush, so the pieces are independent): about
 * 1 KB of output per MB of input, without ever holding the inflated data.
 */
export function deflatedRepeat(unit: string, megabytes: number): Buffer {
  const mb = Buffer.alloc(1024 * 1024, unit);
  const piece = deflateRawSync(mb, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: megabytes }, () => piece), last]);
}

export function deflated(text: string): { data: Buffer; size: number; crc: number } {
  const raw = Buffer.from(text, 'utf8');
  return { data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
}

/**
 * A zip of the entries. With `overlap`, the first entry's data is stored once and the central
 * directory lists it `overlap` times under numbered names.
 */
export function zipOf(entries: BombEntry[], overlap = 0): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const central = (e: BombEntry, name: Buffer, at: number) => {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8); // UTF-8 names
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc ?? 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(Math.min(e.declaredSize, 0xfffffffe), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(at, 42);
    return Buffer.concat([c, name]);
  };
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc ?? 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(Math.min(e.declaredSize, 0xfffffffe), 22);
    h.writeUInt16LE(name.length, 26);
    locals.push(h, name, e.data);
    centrals.push(central(e, name, offset));
    if (overlap > 0 && e === entries[0]) {
      for (let i = 1; i < overlap; i++) centrals.push(central(e, Buffer.from(`${e.name}.${i}`, 'utf8'), offset));
    }
    offset += h.length + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A .docx whose word/document.xml inflates to `megabytes` MB; `declared` is what its directory says. */
export function docxBomb(megabytes: number, declared: 'honest' | 'lying' = 'honest'): Buffer {
  const types = deflated(CONTENT_TYPES);
  // Whitespace between elements is XML too, and compresses best (about 1 KB per MB).
  const body = deflatedRepeat(' ', megabytes);
  return zipOf([
    { name: '[Content_Types].xml', data: types.data, declaredSize: types.size, crc: types.crc },
    { name: 'word/document.xml', data: body, declaredSize: declared === 'honest' ? megabytes * 1024 * 1024 : 4096 },
  ]);
}

/** A .xlsx whose first sheet inflates to `megabytes` MB. */
export function xlsxBomb(megabytes: number, declared: 'honest' | 'lying' = 'honest'): Buffer {
  const types = deflated(CONTENT_TYPES);
  const workbook = deflated('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="任务" sheetId="1"/></sheets></workbook>');
  const sheet = deflatedRepeat(' ', megabytes);
  return zipOf([
    { name: '[Content_Types].xml', data: types.data, declaredSize: types.size, crc: types.crc },
    { name: 'xl/workbook.xml', data: workbook.data, declaredSize: workbook.size, crc: workbook.crc },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: declared === 'honest' ? megabytes * 1024 * 1024 : 4096 },
  ]);
}

/** A .docx of ~200 KB whose central directory lists the same 200 MB entry ten times: 2 GB. */
export function overlappingDocxBomb(): Buffer {
  return zipOf([{ name: 'word/document.xml', data: deflatedRepeat(' ', 200), declaredSize: 200 * 1024 * 1024 }], 10);
}
