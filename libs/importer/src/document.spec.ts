import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { decodeDocument, ImportError, MAX_DOCUMENT_BYTES, parseDocument, parsePlanText, toPlanJson } from '#importer';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const seed = (name: string) => readFileSync(join(process.cwd(), 'seeds', name));

async function refusal(buffer: Buffer, fileName: string): Promise<ImportError> {
  try {
    await parseDocument(buffer, fileName);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error(`expected ${fileName} to be refused`);
}

describe('decoding documents', () => {
  it('reads GB18030/GBK text exactly as the UTF-8 original', async () => {
    const utf8 = seed('004_60e92da960188409.txt');
    const gbk = iconv.encode(utf8.toString('utf8'), 'gbk');
    expect(gbk.equals(utf8)).toBe(false);
    expect(await decodeDocument(gbk, 'plan.txt')).toBe(utf8.toString('utf8'));
    const a = toPlanJson(await parseDocument(gbk, 'plan.txt'));
    const b = toPlanJson(await parseDocument(utf8, 'plan.txt'));
    expect(a).toEqual(b);
    expect(a.items.length).toBe(39);
  });

  it('reads UTF-8 with a byte-order mark and UTF-16', async () => {
    const text = seed('003_c000cd268e244dd5.txt').toString('utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await decodeDocument(bom, 'a.txt')).toBe(text);
    expect(await decodeDocument(utf16, 'a.txt')).toBe(text);
  });

  it('reads a .docx with headings, paragraphs and a task table', async () => {
    const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '某某市质量提升行动方案', bold: true })] }),
            new Paragraph('一、重点任务'),
            new Paragraph('(一)加强质量文化宣传。开展质量月活动。(市市场监管局牵头,市委宣传部、市教育局分工负责)'),
            new Paragraph('(二)完善质量政策。年内出台质量奖励办法。'),
            new Paragraph('二、任务清单'),
            new Table({
              rows: [
                new TableRow({ children: ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'].map(cell) }),
                new TableRow({ children: ['1', '建设质量基础设施一站式服务平台', '市市场监管局', '市发改委、市财政局', '2025年6月底前'].map(cell) }),
              ],
            }),
          ],
        },
      ],
    });
    const buffer = Buffer.from(await Packer.toBuffer(doc));
    const plan = toPlanJson(await parseDocument(buffer, '方案.docx'));
    expect(plan.title).toBe('某某市质量提升行动方案');
    expect(plan.sections).toEqual([
      { number: '一、', title: '重点任务' },
      { number: '二、', title: '任务清单' },
    ]);
    expect(plan.items).toEqual([
      { number: '(一)', path: ['一、重点任务'], title: '加强质量文化宣传', kind: 'task', lead: ['市市场监管局'], co: ['市委宣传部', '市教育局'], due: null },
      { number: '(二)', path: ['一、重点任务'], title: '完善质量政策', kind: 'task', lead: [], co: [], due: '年内' },
      { number: '1', path: ['二、任务清单'], title: '建设质量基础设施一站式服务平台', kind: 'task', lead: ['市市场监管局'], co: ['市发改委', '市财政局'], due: '2025年6月底前' },
    ]);
  });
});

describe('refusing what is not a plan', () => {
  it.each([
    ['empty.txt', 'EMPTY', '空文件'],
    ['random.bin', 'UNSUPPORTED', '不支持的文件类型'],
    ['scan.pdf', 'SCANNED', '扫描图片'],
    ['old.doc', 'UNREADABLE', '无法读取 Word 文档'],
    ['broken.docx', 'UNREADABLE', '无法读取'],
    ['no-numbering.txt', 'NO_STRUCTURE', '未能'],
  ])('%s → %s with a Chinese message', async (file, code, words) => {
    const e = await refusal(readFileSync(join(FIXTURES, 'not-ok', file)), file);
    expect(e.code).toBe(code);
    expect(e.message).toContain(words);
  });

  it('refuses binary bytes named .txt', async () => {
    const e = await refusal(readFileSync(join(FIXTURES, 'not-ok', 'random.bin')), 'plan.txt');
    expect(e.code).toBe('BINARY');
  });

  it('refuses a 50 MB file before reading it', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const e = await refusal(big, 'big.txt');
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toContain(`${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
  });

  it('survives absurd nesting and numbering without hanging', () => {
    const nested = '一、总则\n' + '('.repeat(200_000) + '一' + ')'.repeat(200_000) + '\n' + '(一)'.repeat(50_000) + '\n' + '1.'.repeat(50_000);
    const plan = parsePlanText(nested);
    expect(plan.sections.map((s) => s.number)).toEqual(['一、']);
    // Only one "(一)" can open the numbering; the run of repeats stays its text.
    expect(plan.items.filter((i) => i.level === 1).length).toBeLessThanOrEqual(1);
  });

  it('keeps a plan with no numbering as a warning when parsing text directly', () => {
    const plan = parsePlanText('只是一段文字。');
    expect(plan.items).toEqual([]);
    expect(plan.warnings.join()).toContain('未在文档中找到编号的条目');
  });
});
