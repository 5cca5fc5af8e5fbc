import { COMPARISON_SIGNS, type IndicatorOpValue } from '../../../../libs/contracts/src/index.js';

export interface IndicatorLike {
  name: string;
  op: IndicatorOpValue;
  unit: string | null;
  path: string[] | null;
  /** The API names the target targetValue (and the year targetYear); a parsed preview names them value and year. */
  targetValue?: number;
  value?: number;
  targetYear?: number | null;
  year?: number | null;
}

/** An indicator's target as printed: "≥ 97%", "前 20 名". */
export function targetText(x: { op: IndicatorOpValue; unit: string | null }, value: number | undefined): string {
  return x.op === 'top' ? `前 ${value} ${x.unit ?? ''}` : `${COMPARISON_SIGNS[x.op] ?? x.op} ${value}${x.unit ?? ''}`;
}

export function IndicatorTable({ indicators }: { indicators: IndicatorLike[] }) {
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th>指标</th>
            <th>目标</th>
            <th>年份</th>
            <th>出处</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((x, i) => (
            <tr key={i}>
              <td>{x.name}</td>
              <td class="nowrap">{targetText(x, x.targetValue ?? x.value)}</td>
              <td class="num">{x.year ?? x.targetYear ?? '—'}</td>
              <td class="muted">{(x.path ?? []).join(' / ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
