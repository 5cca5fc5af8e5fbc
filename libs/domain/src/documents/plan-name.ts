/**
 * How documents name a plan: its title; a plan whose document printed no title (the importer then
 * used its file name) is named by its issuer and date instead, never by a file name.
 */
export function planDisplayName(plan: { title: string; sourceFileName: string; issuer: string | null; issued: string | null }): string {
  const base = plan.sourceFileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  if (plan.title.trim() && plan.title.trim() !== base) return plan.title;
  const [y, m, d] = (plan.issued ?? '').split('-').map(Number);
  const when = y && m && d ? `${y}年${m}月${d}日` : '';
  return plan.issuer || when ? `${plan.issuer ?? ''}${when}印发的方案` : '未命名方案';
}
