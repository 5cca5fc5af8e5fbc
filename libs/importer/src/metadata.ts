/**
 * The plan's title, issuer, issue date and document number, from the lines before its first
 * section (title lines, a 印发 notice and its signature) and from a signature at its end.
 */
import { isChromeLine, parseChineseDate, trimLine } from './text.js';

export interface PlanMetadata {
  title: string | null;
  issuer: string | null;
  issued: string | null;
  docNumber: string | null;
}

const TITLE_END = /(分工表|分解表|任务表|任务清单|推广清单|实施方案|实施意见|工作要点|行动计划|行动方案|工作方案|实施细则|若干措施|若干意见|建设纲要|发展纲要|规划|意见|方案|要点|计划|措施|办法|纲要)$/;
const YEAR_RANGE_LINE = /^[((][^()()]{0,20}\d{4}[^()()]{0,20}[))]$/;
const ORG_END = /(办公室|委员会|人民政府|政府|管委会|工委|领导小组|小组|指挥部|市委|区委|县委|州委|省委|局|厅|委|办|中心|院)$/;
const DOC_NUMBER = /[A-Za-z\u4e00-\u9fa5]{1,12}[〔\[\uFF3B(\uFF08](?:19|20)\d{2}[〕\]\uFF3D)\uFF09]\s*\d{1,5}\s*号/;

/**
 * A crawler's or portal's header line about the file, never its title: "本地目录: zwgk/…/7940_…工作方案",
 * "原文链接: https://…".
 */
const CRAWLER_LINE = /^(本地目录|原文链接|页面链接|原文地址|链接地址|网址|URL)\s*[::]/i;

/**
 * The plan a notice issues or revises: "X关于印发《Y》的通知", "关于修订《Y》的通知" → Y (and its issuer X).
 * "印发" may name the plan without 《》; "修订" only with them.
 */
export function noticedPlan(line: string): { issuer: string; plan: string } | null {
  const m = /^(.*?)(?:关于)?(?:印发(.+?)|修订《(.+?)》)的通知$/.exec(line);
  if (!m) return null;
  return { issuer: m[1], plan: m[3] ?? m[2].replace(/^《|》$/g, '') };
}

function titleOf(line: string): string | null {
  const t = trimLine(line);
  if (CRAWLER_LINE.test(t)) return null;
  if (t.length < 6 || t.length > 90 || /[。,,;;::!?!?]$/.test(t) || /[。;;]/.test(t) || isChromeLine(t)) return null;
  const core = t.replace(/\s*[((][^()()]{1,20}[))]$/, '');
  return TITLE_END.test(core) ? t : null;
}

const META_LABELS = new Set(['索引号', '主题分类', '发文机关', '成文日期', '标题', '发文字号', '发布日期', '主题词', '发布机构', '文号', '有效性', '信息分类', '公开方式', '生成日期', '组配分类', '体裁分类']);
const labelOf = (cell: string) => cell.replace(/[\s\u3000\[\]【】\uFF3B\uFF3D]/g, '').replace(/[::]$/, '');

/**
 * A portal page's metadata table (索引号 | … | 发文机关 | 国务院 | 成文日期 | …), as label → value, from
 * cells joined by tabs or pipes, or "label:value" in one cell.
 */
export function metadataTable(lines: string[], from: number, to: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = from; i < to; i++) {
    const cells = lines[i].split(/\t|\|/).map(trimLine).filter((c) => c !== '');
    for (let k = 0; k < cells.length; k++) {
      const label = labelOf(cells[k]);
      if (META_LABELS.has(label)) {
        const value = cells[k + 1];
        if (value !== undefined && !META_LABELS.has(labelOf(value)) && !out.has(label)) out.set(label, value);
        continue;
      }
      const inline = /^([^::]{2,8})[::]\s*(.+)$/.exec(cells[k]);
      if (inline && META_LABELS.has(labelOf(inline[1])) && !out.has(labelOf(inline[1]))) out.set(labelOf(inline[1]), trimLine(inline[2]));
    }
  }
  return out;
}

/** A signature: an organisation line followed (across blank lines) by a date line. */
export function findSignature(lines: string[], from: number, to: number): { issuer: string; issued: string; line: number } | null {
  for (let i = from; i < to; i++) {
    const date = parseChineseDate(trimLine(lines[i]));
    if (!date) continue;
    let j = i - 1;
    while (j >= from && trimLine(lines[j]) === '') j--;
    if (j < from) continue;
    const org = trimLine(lines[j]);
    if (org.length >= 4 && org.length <= 60 && !/[。,,;;::]/.test(org) && ORG_END.test(org)) {
      return { issuer: org, issued: date, line: j };
    }
  }
  return null;
}

/**
 * `preamble` is the lines before the first section; `all` the whole document,
 * `bodyEnd` the line where the plan's provisions end (a trailing signature may follow).
 */
export function extractMetadata(all: string[], preambleEnd: number, bodyEnd: number): PlanMetadata {
  let title: string | null = null;
  let noticeTitle: string | null = null;
  let headlineIssuer: string | null = null;
  let docNumber: string | null = null;
  let writtenDate: string | null = null;

  const table = metadataTable(all, 0, preambleEnd);
  const labelledNumber = table.get('发文字号');
  if (labelledNumber && DOC_NUMBER.test(labelledNumber)) docNumber = DOC_NUMBER.exec(labelledNumber)![0];
  const written = /(\d{4})\s*[-年.\/]\s*(\d{1,2})\s*[-月.\/]\s*(\d{1,2})/.exec(table.get('成文日期') ?? '');
  if (written) writtenDate = `${written[1]}-${written[2].padStart(2, '0')}-${written[3].padStart(2, '0')}`;

  for (let i = 0; i < preambleEnd; i++) {
    const t = trimLine(all[i]);
    if (!t) continue;
    if (!docNumber && DOC_NUMBER.test(t) && DOC_NUMBER.exec(t)![0].length === t.length) docNumber = t;
    if (CRAWLER_LINE.test(t)) continue;
    const notice = noticedPlan(t);
    if (notice) {
      noticeTitle = notice.plan;
      if (notice.issuer) headlineIssuer = notice.issuer;
      continue;
    }
    const headline = /^(.{2,40}?)印发(.{6,80})$/.exec(t);
    if (headline && titleOf(headline[2])) {
      title = headline[2];
      headlineIssuer = headline[1];
      continue;
    }
    let candidate = titleOf(t.replace(/^《(.+)》$/, '$1'));
    // A title broken over two lines: "关于推进质量强市建设的" / "实施意见".
    if (!candidate && t.length <= 40 && !/[。,,;;::]/.test(t) && !parseChineseDate(t) && !ORG_END.test(t) && i + 1 < preambleEnd) {
      const second = trimLine(all[i + 1]);
      const joinedTitle = titleOf(t + second);
      if (joinedTitle && second.length <= 20 && (second.length < 10 || !titleOf(second))) {
        candidate = joinedTitle;
        i++;
      }
    }
    if (candidate) {
      let next = i + 1;
      while (next < preambleEnd && trimLine(all[next]) === '') next++;
      title = next < preambleEnd && YEAR_RANGE_LINE.test(trimLine(all[next])) ? candidate + trimLine(all[next]) : candidate;
    }
  }
  if (!title && noticeTitle) title = noticeTitle;
  if (!title) {
    // A document-sharing banner names the file: 《标题.docx》.
    for (let i = 0; i < Math.min(preambleEnd + 1, all.length); i++) {
      const m = /《([^《》]{4,90}?)\.(docx?|pdf|wps|txt)》?/i.exec(all[i]);
      if (m) {
        title = m[1];
        break;
      }
    }
  }

  // A portal's or crawler's "标题:" names the document: the plan itself, or the notice that issues it.
  const labelledTitle = table.get('标题');
  const labelledNotice = labelledTitle ? noticedPlan(labelledTitle) : null;
  if (labelledNotice) title = labelledNotice.plan;
  else if (labelledTitle && titleOf(labelledTitle)) title = labelledTitle;
  const signature = findSignature(all, 0, preambleEnd) ?? findSignature(all, bodyEnd, all.length);
  return {
    title,
    issuer: signature?.issuer ?? table.get('发文机关') ?? headlineIssuer,
    issued: signature?.issued ?? writtenDate,
    docNumber,
  };
}
