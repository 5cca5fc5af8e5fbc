/**
 * Synthetic plan documents in the seeds' formats, of any size, for benchmarks.
 * Deterministic: the same size and seed give the same text.
 */
import { numberToChinese } from '../libs/importer/src/text.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['加强', '推进', '完善', '提升', '深化', '实施', '健全', '强化', '培育', '打造'];
const NOUNS = ['质量基础设施', '标准化建设', '计量能力', '检验检测', '品牌培育', '工程质量', '服务质量', '产品质量', '质量文化', '质量监管'];
export const DEPARTMENTS = Array.from({ length: 60 }, (_, i) => `市第${numberToChinese(i + 1)}局`);
const FILLER = '围绕重点产业链开展质量提升行动,推动企业建立健全质量管理体系,提高产品和服务质量水平,加快形成以技术、标准、品牌、质量、服务为核心的竞争新优势。';

/** A plan of about `bytes` UTF-8 bytes: sections 一、… with groups (一)… and tasks 1. … with notes. */
export function syntheticPlan(bytes: number, seed = 1): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: string[] = ['某某省质量强省建设实施方案(2024—2027年)', '一、总体要求', '(一)主要目标', '到2027年,制造业产品质量合格率达到95%以上,食品抽检合格率不低于98%。'];
  let size = Buffer.byteLength(out.join('\n'));
  let section = 1;
  while (size < bytes && section < 9999) {
    section++;
    const lines = [`${numberToChinese(section)}、${pick(VERBS)}${pick(NOUNS)}`];
    for (let g = 1; g <= 4; g++) {
      lines.push(`(${numberToChinese(g)})${pick(VERBS)}${pick(NOUNS)}`);
      for (let t = 1; t <= 8; t++) {
        const lead = pick(DEPARTMENTS);
        const co = [pick(DEPARTMENTS), pick(DEPARTMENTS)].filter((d) => d !== lead);
        const note = r() < 0.5 ? `(${lead}牵头,${[...new Set(co)].join('、')}分工负责)` : `(牵头单位:${lead};配合单位:${co[0]})`;
        const due = r() < 0.3 ? '2025年12月底前完成。' : '';
        lines.push(`${t}.${pick(VERBS)}${pick(NOUNS)}。${FILLER}${due}${note}`);
      }
    }
    const chunk = lines.join('\n') + '\n';
    out.push(chunk);
    size += Buffer.byteLength(chunk);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- a synthetic province

const JURISDICTIONS = ['省', '东山市', '南湖市', '西岭市', '北川市', '青河市', '云台市', '临江市', '安平市', '宁远市', '丰城市', '长乐市', '永和市', '新野市', '平湖区', '高新区', '经开区', '滨海新区', '东城区', '西城区', '南关区', '北塘区', '石门县', '桃源县', '清溪县'];
const BUREAUS = ['市场监管局', '发展改革委', '工业和信息化局', '科技局', '财政局', '住房城乡建设局', '交通运输局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委', '应急管理局', '生态环境局', '教育局', '人力资源社会保障局', '自然资源局', '水利局', '统计局', '税务局', '海关'];

/** `n` distinct department names of a province: "省市场监管局", "东山市科技局", … (up to 500). */
export function provinceDepartments(n: number): string[] {
  const out: string[] = [];
  for (const j of JURISDICTIONS) for (const b of BUREAUS) if (out.length < n) out.push(`${j}${b}`);
  for (let i = out.length; i < n; i++) out.push(`第${numberToChinese(i + 1)}专项工作组`);
  return out;
}

/**
 * One plan document of a province in the seeds' form: a title, 总体要求 with quantified goals,
 * sections 二、… of groups (一)… of tasks 1. …, each task naming its departments in one of the
 * printed forms and often a deadline; 保障措施; the issuer's signature and date.
 * `departments` are the names tasks pick from; the first department of the plan's slice leads most.
 */
export function provincePlan(opts: { index: number; tasks: number; departments: string[]; year: number; seed?: number }): string {
  const r = rng(opts.seed ?? opts.index + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const jurisdiction = JURISDICTIONS[opts.index % JURISDICTIONS.length]!;
  // A plan's departments: mostly its own jurisdiction's, some of the province's.
  const own = opts.departments.filter((d) => d.startsWith(jurisdiction));
  const pool = own.length >= 5 ? own : opts.departments;
  const dept = () => (r() < 0.85 ? pick(pool) : pick(opts.departments));
  const y = opts.year;
  const title = `${jurisdiction}${y}年质量强${jurisdiction.endsWith('省') ? '省' : '市'}建设工作要点(第${numberToChinese(opts.index + 1)}批)`;
  const out: string[] = [
    title,
    '一、总体要求',
    '(一)主要目标',
    `到${y + 1}年,制造业产品质量合格率达到9${opts.index % 10}%以上,食品抽检合格率不低于98%,新增国家级质检中心突破${10 + (opts.index % 7)}家。`,
  ];
  const dues = [`${y}年12月底前完成。`, `${y}年6月30日前完成。`, `${y + 1}年6月底前完成。`, '年内完成。', '持续推进。', '10个工作日内完成。'];
  let made = 0;
  let section = 1;
  while (made < opts.tasks) {
    section++;
    out.push(`${numberToChinese(section)}、${pick(VERBS)}${pick(NOUNS)}`);
    for (let g = 1; g <= 4 && made < opts.tasks; g++) {
      out.push(`(${numberToChinese(g)})${pick(VERBS)}${pick(NOUNS)}`);
      for (let t = 1; t <= 8 && made < opts.tasks; t++) {
        const lead = dept();
        const co = [...new Set([dept(), dept()])].filter((d) => d !== lead);
        const due = r() < 0.7 ? pick(dues) : '';
        const form = r();
        const note =
          form < 0.05
            ? '' // no printed department: a coordinator assigns it
            : form < 0.55
              ? `(${lead}牵头,${co.join('、') || dept()}分工负责)`
              : form < 0.85
                ? `(牵头单位:${lead};配合单位:${co[0] ?? dept()})`
                : `(${lead}负责)`;
        out.push(`${t}.${pick(VERBS)}${pick(NOUNS)}。${FILLER}${due}${note}`);
        made++;
      }
    }
  }
  out.push(`${numberToChinese(section + 1)}、保障措施`, '(一)加强组织领导。各地各部门要把质量工作摆上重要议事日程,主要负责同志亲自抓。', '(二)强化督查考核。质量强市办对重点任务推进情况进行跟踪督办,定期通报。');
  out.push('', `${jurisdiction}质量强${jurisdiction.endsWith('省') ? '省' : '市'}工作领导小组办公室`, `${y}年3月1日`);
  return out.join('\n');
}
