/**
 * How a department's own words are shortened for the 通报: from each of its submitted reports
 * of the month, the first sentence (up to 。!?;), at most SUMMARY_SENTENCE_CHARS characters
 * (longer ones cut and marked with ……), at most SUMMARY_REPORTS reports in the plan's order.
 */
export const SUMMARY_SENTENCE_CHARS = 60;
export const SUMMARY_REPORTS = 3;
export const SUMMARY_RULE = `摘自各单位本月报送的进展原文:每项事项取第一句,超过 ${SUMMARY_SENTENCE_CHARS} 字的截断并以“……”标示,每个单位最多摘录 ${SUMMARY_REPORTS} 项。`;

/** The first sentence of a report, shortened by the rule above ('' for an empty report). */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[。!?;!?;]/);
  const sentence = (end === -1 ? flat : flat.slice(0, end)).trim();
  const chars = [...sentence];
  if (chars.length <= SUMMARY_SENTENCE_CHARS) return sentence;
  return `${chars.slice(0, SUMMARY_SENTENCE_CHARS).join('')}……`;
}

/** A department's summary from its reports (in plan order): the shortened first sentences, with how many were left out. */
export function departmentSummary(reports: readonly { number: string; text: string }[]): { lines: { number: string; text: string }[]; omitted: number } {
  const lines = reports.map((r) => ({ number: r.number, text: firstSentence(r.text) })).filter((l) => l.text !== '');
  return { lines: lines.slice(0, SUMMARY_REPORTS), omitted: Math.max(0, lines.length - SUMMARY_REPORTS) };
}
