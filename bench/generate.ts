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
