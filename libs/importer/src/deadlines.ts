/**
 * Deadlines stated in a provision, returned as printed: "2024年12月底前", "2025年6月30日前",
 * "2024年底前", "年内", "10个工作日内", "持续推进". Target years ("到2025年") and recurring
 * quantities ("每年…", "全年…") are not deadlines.
 */

const DATE_BEFORE = /(\d{4}年)?\d{1,2}月\d{1,2}日(前|之前|以前)/;
const MONTH_BEFORE = /(\d{4}年)?\d{1,2}月(份)?(底|末|中旬|上旬|下旬)?(前|之前|以前)/;
const YEAR_END_BEFORE = /\d{4}年(底|末|年底)(前|之前|以前)?/;
const YEAR_BEFORE = /\d{4}年(前|之前|以前)(?![\d年])/;
const WORKDAYS = /\d{1,3}个工作日内/;
/** "年内" but not "三年内", "每年内", "五年内". */
const WITHIN_YEAR = /(?<![\d一二两三四五六七八九十百每多数几近])(年内|年底前|本年度内)/;
/** Ongoing work, only when it stands as a clause of its own ("(…;持续推进)", "完成时限:持续推进"). */
const ONGOING = /(?:^|[((,,;;::\s])(持续推进|长期坚持|长期推进|持续开展|常态化推进)(?=$|[)),,;;。\s])/;

export function findDue(text: string, opts: { noteContext?: boolean } = {}): string | null {
  const patterns = [DATE_BEFORE, MONTH_BEFORE, YEAR_END_BEFORE, YEAR_BEFORE, WORKDAYS];
  let best: { index: number; value: string } | null = null;
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, value: m[0] };
  }
  // "2025年底" without 前 is a deadline only inside a department note or a table cell.
  if (best && /年(底|末|年底)$/.test(best.value) && !opts.noteContext) {
    const before = text.slice(Math.max(0, best.index - 1), best.index);
    if (before === '到') best = null;
  }
  if (best) return best.value;
  const w = WITHIN_YEAR.exec(text);
  if (w) return w[1];
  const o = ONGOING.exec(text);
  // Inside parentheses ("(市质监局负责,持续推进)") or after a label ("完成时限:持续推进").
  if (o && (opts.noteContext || /[((][^))]*$|完成时限|时间节点|完成时间|时限/.test(text.slice(Math.max(0, o.index - 40), o.index + 1)))) {
    return o[1];
  }
  if (opts.noteContext) {
    const bare = /^\s*(持续推进|长期坚持|长期推进|持续开展|常态化推进|年内|长期)\s*$/.exec(text);
    if (bare) return bare[1];
  }
  return null;
}
