import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, parseDocument } from '#importer';
import { deflated, docxBomb, overlappingDocxBomb, xlsxBomb, zipOf } from '../../../../test/helpers/zip-bomb.js';
import { readZip, storedZip, ZIP_LIMITS } from './zip.js';

async function refusal(work: Promise<unknown>): Promise<ImportError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('zip archives within limits', () => {
  it('reads the entries of a real .docx and packs them again without compression', async () => {
    const docx = readFileSync(join(process.cwd(), 'test', 'fixtures', 'formats', 'plan.docx'));
    const entries = await readZip(docx, 'plan.docx');
    expect(entries.get('word/document.xml')!.toString('utf8')).toContain('加强计量能力建设');
    const again = await readZip(storedZip(entries), 'again.docx');
    expect([...again.keys()].sort()).toEqual([...entries.keys()].sort());
    expect(again.get('word/document.xml')!.equals(entries.get('word/document.xml')!)).toBe(true);
  });

  it.each([
    ['declares 200 MB of XML (honest sizes)', () => docxBomb(200), '超过上限'],
    ['declares 4 KB but inflates to 200 MB (lying sizes)', () => docxBomb(200, 'lying'), '声明不符'],
    ['lists one 200 MB entry ten times (2 GB, overlapping entries)', () => overlappingDocxBomb(), '超过上限'],
    ['is an .xlsx whose sheet inflates to 200 MB', () => xlsxBomb(200), '超过上限'],
    ['is an .xlsx whose sheet lies about inflating to 200 MB', () => xlsxBomb(200, 'lying'), '声明不符'],
  ])('refuses a file that %s, in Chinese, in well under a second', async (_, make, words) => {
    const bomb = make();
    expect(bomb.length).toBeLessThan(400 * 1024);
    const started = performance.now();
    const e = await refusal(readZip(bomb, 'bomb.docx'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.code).toBe('ARCHIVE_LIMIT');
    expect(e.message).toContain('压缩炸弹');
    expect(e.message).toContain(words);
  });

  it('refuses an entry with an absurd compression ratio even within the total', async () => {
    const e = await refusal(readZip(docxBomb(20), 'ratio.docx', { ...ZIP_LIMITS, maxTotalBytes: 1024 * 1024 * 1024 }));
    expect(e.code).toBe('ARCHIVE_LIMIT');
    expect(e.message).toContain('压缩比异常');
  });

  it('stops an entry that inflates past its declared size even when every limit would allow its real size', async () => {
    const generous = { ...ZIP_LIMITS, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 1_000_000 };
    const e = await refusal(readZip(docxBomb(6, 'lying'), 'a.docx', generous));
    expect(e.code).toBe('ARCHIVE_LIMIT');
    expect(e.message).toContain('声明不符');
    // The same bytes with honest sizes are within these limits and read whole.
    const entries = await readZip(docxBomb(6), 'b.docx', generous);
    expect(entries.get('word/document.xml')!.length).toBe(6 * 1024 * 1024);
  });

  it('applies the total limit it is given', async () => {
    const e = await refusal(readZip(docxBomb(6), 'b.docx', { ...ZIP_LIMITS, maxTotalBytes: 5 * 1024 * 1024 }));
    expect(e.message).toContain('超过上限 5 MB');
  });

  it('refuses more entries than the limit before reading any', async () => {
    const small = deflated('x');
    const many = zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.xml`, data: small.data, declaredSize: small.size, crc: small.crc })));
    const e = await refusal(readZip(many, 'many.docx', { ...ZIP_LIMITS, maxEntries: 10 }));
    expect(e.code).toBe('ARCHIVE_LIMIT');
    expect(e.message).toContain('11 个文件');
    await expect(readZip(many, 'many.docx', { ...ZIP_LIMITS, maxEntries: 11 })).resolves.toHaveProperty('size', 11);
  });

  it('refuses a truncated archive as unreadable', async () => {
    const docx = readFileSync(join(process.cwd(), 'test', 'fixtures', 'formats', 'plan.docx'));
    const e = await refusal(readZip(docx.subarray(0, docx.length - 30), 'cut.docx'));
    expect(e.code).toBe('UNREADABLE');
  });

  it.each([
    ['bomb.docx', () => docxBomb(200)],
    ['bomb.xlsx', () => xlsxBomb(200, 'lying')],
    ['bomb.docx', () => overlappingDocxBomb()],
  ])('parseDocument refuses %s before any library inflates it', async (name, make) => {
    const started = performance.now();
    const e = await refusal(parseDocument(make(), name));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.code).toBe('ARCHIVE_LIMIT');
  });
});
