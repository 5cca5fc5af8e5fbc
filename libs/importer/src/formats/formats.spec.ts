/**
 * Every format read, from files made the way their users make them (test/fixtures/formats/make.mjs):
 * one plan as .docx, .pdf (LibreOffice, with a running header and "- N -" page numbers), .doc,
 * .wps and .ofd; one task table as .xlsx (title row, header on row 3, a merged 牵头单位 cell, a
 * sheet without a table, a second sheet), .xls and .et; a GBK .csv. The expectations are written
 * by hand from the documents' text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ImportError, parseDocument, toPlanJson } from '#importer';

const DIR = join(process.cwd(), 'test', 'fixtures', 'formats');
const read = (name: string) => readFileSync(join(DIR, name));

const S1 = '一、夯实质量基础设施';
const S2 = '二、提升产品和服务质量';
const S3 = '三、强化组织保障';
const task = (number: string, path: string, title: string, lead: string[], co: string[], kind = 'task') => ({ number, path: [path], title, kind, lead, co, due: null });

const PLAN_ITEMS = [
  task('(一)', S1, '加强计量能力建设', ['市市场监管局'], ['市发展改革委', '市工业和信息化局']),
  task('(二)', S1, '推进标准化建设', ['市市场监管局'], ['市商务局', '市农业农村局']),
  task('(三)', S1, '完善检验检测服务体系', ['市市场监管局'], ['市科技局', '市财政局']),
  task('(四)', S2, '实施制造业质量提升行动', ['市工业和信息化局'], ['市市场监管局', '市科技局']),
  task('(五)', S2, '提升服务业质量水平', ['市商务局'], ['市民政局', '市卫生健康委']),
  task('(六)', S2, '强化工程质量管理', ['市住房城乡建设局'], ['市交通运输局', '市水利局']),
  task('(七)', S2, '加强农产品质量安全监管', ['市农业农村局'], ['市市场监管局', '市林业局']),
  // A 保障措施 item that names its units is a task to track (the family's convention).
  task('(八)', S3, '加强督促检查', ['市政府督查室'], ['各区人民政府'], 'task'),
  task('(九)', S3, '营造良好氛围', ['市委宣传部'], ['市市场监管局', '市教育局'], 'task'),
];

const row = (number: string, title: string, lead: string[], co: string[], due: string) => ({ number, path: [], title, kind: 'task', lead, co, due });

const TABLE_ITEMS = [
  row('1', '推行企业开办“一网通办”', ['市市场监管局'], ['市政务服务中心', '市税务局'], '2025年6月底前'),
  // The 牵头单位 cell is merged over rows 1 and 2.
  row('2', '推进经营主体登记便利化', ['市市场监管局'], ['市自然资源局'], '2025年9月底前'),
  row('3', '深化工程建设项目审批制度改革', ['市住房城乡建设局'], ['市自然资源局', '市发展改革委'], '2025年12月底前'),
  row('4', '建立涉企政策“免申即享”机制', ['市发展改革委'], [], '持续推进'),
  // Sheet 第二批.
  row('1', '优化水电气报装服务', ['市城市管理局'], ['国网某某供电公司'], '2025年12月底前'),
  row('2', '提升跨境贸易便利化水平', ['市商务局'], ['某某海关'], '持续推进'),
];

describe('document formats', () => {
  it.each(['plan.docx', 'plan.pdf', 'plan.doc', 'plan.wps', 'plan.ofd'])('%s: the plan, its sections, items and departments', async (file) => {
    const plan = toPlanJson(await parseDocument(read(file), file));
    expect(plan.title).toBe('某某市2025年质量强市建设工作要点');
    expect(plan.sections.map((s) => s.number + s.title)).toEqual([S1, S2, S3]);
    expect(plan.items).toEqual(PLAN_ITEMS);
  });

  it('plan.pdf: no running header, page number or line break is left in the text', async () => {
    const plan = await parseDocument(read('plan.pdf'), 'plan.pdf');
    const body = plan.items.map((i) => i.body).join('\n');
    expect(body).not.toContain('某某市人民政府办公室文件');
    expect(body).not.toMatch(/-\s*\d\s*-/);
    // (六) runs over the page break: its note is whole.
    expect(plan.items[5].body).toContain('创建省级以上优质工程10项以上。(牵头单位:市住房城乡建设局;配合单位:市交通运输局、市水利局)');
  });

  it.each(['tasks.xlsx', 'tasks.xls', 'tasks.et'])('%s: every sheet with a task table, merged cells carried down', async (file) => {
    const plan = toPlanJson(await parseDocument(read(file), file));
    expect(plan.items).toEqual(TABLE_ITEMS);
  });

  it('tasks.csv (GBK, quotes, a newline in a cell): the rows of a 责任单位 table, the first named leading', async () => {
    const plan = toPlanJson(await parseDocument(read('tasks.csv'), 'tasks.csv'));
    expect(plan.items).toEqual([
      row('1', '推进老旧小区改造,年内完成改造30个小区', ['区住房城乡建设局'], ['区财政局'], '2025年12月底前'),
      row('2', '建设"15分钟便民生活圈"', ['区商务局'], ['区民政局'], '持续推进'),
      row('3', '实施义务教育 学校扩容工程', ['区教育局'], [], '2025年8月底前'),
    ]);
  });
});

describe('refusals of the new formats', () => {
  async function refusal(buffer: Buffer, name: string): Promise<ImportError> {
    try {
      await parseDocument(buffer, name);
    } catch (e) {
      if (e instanceof ImportError) return e;
      throw e;
    }
    throw new Error(`expected ${name} to be refused`);
  }

  it('a scanned PDF (pages that are images) is refused, saying so', async () => {
    const e = await refusal(readFileSync(join(process.cwd(), 'test', 'fixtures', 'not-ok', 'scan.pdf')), 'scan.pdf');
    expect(e.code).toBe('SCANNED');
    expect(e.message).toContain('扫描图片');
    expect(e.message).toContain('OCR');
    expect(e.message).toContain('.docx');
  });

  it.each([
    ['a PDF cut short', 'UNREADABLE', 'x.pdf', () => read('plan.pdf').subarray(0, 2000)],
    ['OLE bytes that are no Word document', 'UNREADABLE', 'x.doc', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])],
    ['an OLE file whose name says neither document nor table', 'UNSUPPORTED', 'tasks.bin', () => read('tasks.xls')],
    ['an encrypted .docx (an OLE file around the encrypted package)', 'UNREADABLE', '加密.docx', () => read('plan.doc')],
    ['an OFD whose pages hold only images (a scan)', 'SCANNED', '扫描.ofd', () => Buffer.from(zipSync({
      'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
      'Doc_0/Document.xml': strToU8('<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'),
      'Doc_0/Pages/Page_0/Content.xml': strToU8('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:ImageObject ID="5" Boundary="0 0 210 297" ResourceID="6"/></ofd:Layer></ofd:Content></ofd:Page>'),
    }))],
    ['a zip that is no Office or OFD file', 'UNSUPPORTED', 'x.zip', () => Buffer.from(zipSync({ 'readme.txt': strToU8('说明') }))],
    ['an OFD without pages', 'UNREADABLE', 'x.ofd', () => Buffer.from(zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>') }))],
  ])('%s → %s', async (_, code, name, bytes) => {
    const e = await refusal(bytes(), name);
    expect(e.code).toBe(code);
    expect(e.message).toContain(name);
  });

  it('a workbook whose sheets hold no task table is refused in Chinese', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表由各单位填写', '联系人']);
    const e = await refusal(Buffer.from(await wb.xlsx.writeBuffer()), '说明.xlsx');
    expect(e.code).toBe('NO_STRUCTURE');
    expect(e.message).toContain('任务表的表头');
  });
});
