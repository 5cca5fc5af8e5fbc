// What the format fixtures (test/fixtures/formats, made by make.mjs) hold, written by hand from the
// plan and the task tables make.mjs lays out: each task as "number title: lead / co".
import { Assignment, Item } from '#domain';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

export const FORMATS_DIR = join(import.meta.dirname, '..', 'fixtures', 'formats');

/** plan.docx / .pdf / .doc / .wps / .ofd. */
export const PLAN_TITLE = '某某市2025年质量强市建设工作要点';
export const PLAN = [
  '(一)加强计量能力建设:市市场监管局 / 市发展改革委、市工业和信息化局',
  '(二)推进标准化建设:市市场监管局 / 市商务局、市农业农村局',
  '(三)完善检验检测服务体系:市市场监管局 / 市科技局、市财政局',
  '(四)实施制造业质量提升行动:市工业和信息化局 / 市市场监管局、市科技局',
  '(五)提升服务业质量水平:市商务局 / 市民政局、市卫生健康委',
  '(六)强化工程质量管理:市住房城乡建设局 / 市交通运输局、市水利局',
  '(七)加强农产品质量安全监管:市农业农村局 / 市市场监管局、市林业局',
  '(八)加强督促检查:市政府督查室 / 各区人民政府',
  '(九)营造良好氛围:市委宣传部 / 市市场监管局、市教育局',
];

/** tasks.xlsx / .xls / .et: two sheets, the 牵头单位 merged over rows. */
export const TABLE = [
  '1推行企业开办“一网通办”:市市场监管局 / 市政务服务中心、市税务局',
  '2推进经营主体登记便利化:市市场监管局 / 市自然资源局',
  '3深化工程建设项目审批制度改革:市住房城乡建设局 / 市自然资源局、市发展改革委',
  '4建立涉企政策“免申即享”机制:市发展改革委 / ',
  '1优化水电气报装服务:市城市管理局 / 国网某某供电公司',
  '2提升跨境贸易便利化水平:市商务局 / 某某海关',
];

/** tasks.csv (GBK): the first-named 责任单位 leads. */
export const CSV = ['1推进老旧小区改造,年内完成改造30个小区:区住房城乡建设局 / 区财政局', '2建设"15分钟便民生活圈":区商务局 / 区民政局', '3实施义务教育 学校扩容工程:区教育局 / '];

/** A plan's tasks and safeguards as "number title: lead / co", read back from the database. */
export async function storedItems(ds: DataSource, planId: number): Promise<string[]> {
  const items = await ds.getRepository(Item).find({ where: { planId }, order: { order: 'ASC' } });
  const assignments = await ds.getRepository(Assignment).find({ where: items.map((i) => ({ itemId: i.id })), relations: { department: true }, order: { id: 'ASC' } });
  return items
    .filter((i) => i.kind === 'task' || i.kind === 'safeguard')
    .map((i) => {
      const of = (role: string) =>
        assignments
          .filter((a) => a.itemId === i.id && a.role === role)
          .map((a) => a.department.name)
          .join('、');
      return `${i.number}${i.title}:${of('lead')} / ${of('co')}`;
    });
}
