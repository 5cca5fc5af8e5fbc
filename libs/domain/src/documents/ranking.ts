/**
 * The department ranking of the monthly report (月报 and 通报): fewer overdue items first, then a
 * higher share of this month's lead reports submitted on time, then a higher share of led items
 * completed, then the name (Chinese collation). One rule, stated in the documents as RANKING_RULE.
 */
export interface RankingFacts {
  name: string;
  led: number;
  completed: number;
  overdue: number;
  reportsOnTime: number;
  reportsDue: number;
}

export const RANKING_RULE = '排名规则:逾期事项少者在前;相同时,本月按时报送进展的比例高者在前;再相同时,牵头事项完成比例高者在前;仍相同时按单位名称排序。';

const zh = new Intl.Collator('zh-CN').compare;
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function compareRanking(a: RankingFacts, b: RankingFacts): number {
  return (
    a.overdue - b.overdue ||
    ratio(b.reportsOnTime, b.reportsDue) - ratio(a.reportsOnTime, a.reportsDue) ||
    ratio(b.completed, b.led) - ratio(a.completed, a.led) ||
    zh(a.name, b.name)
  );
}

/** The rows in ranking order with their rank (1, 2, …). */
export function rankDepartments<T extends RankingFacts>(rows: readonly T[]): (T & { rank: number })[] {
  return [...rows].sort(compareRanking).map((r, i) => ({ ...r, rank: i + 1 }));
}
