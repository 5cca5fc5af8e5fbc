// Small charts drawn with CSS and SVG, each with its figures as a table for screen readers
// (the text alternative) and a legend.
import { COLORS } from '../colors.js';

export interface Part {
  name: string;
  value: number;
  color: string;
}

export interface BarRow {
  label: string;
  parts: Part[];
}

function Legend({ items }: { items: [string, string][] }) {
  return (
    <div class="legend" aria-hidden="true">
      {items.map(([name, color]) => (
        <span key={name}>
          <i style={{ background: color }} />
          {name}
        </span>
      ))}
    </div>
  );
}

/** The chart's figures as a table, read by screen readers instead of the drawing. */
function FiguresTable({ title, heads, rows }: { title: string; heads: string[]; rows: (string | number)[][] }) {
  return (
    <table class="sr-only" aria-label={`${title}(数据)`}>
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((v, i) => (
              <td key={heads[i]}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Stacked horizontal bars, one per row. */
export function StackedBars({ title, data, legend }: { title: string; data: BarRow[]; legend: [string, string][] }) {
  const max = Math.max(1, ...data.map((d) => d.parts.reduce((s, p) => s + p.value, 0)));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <Legend items={legend} />
      {data.length === 0 ? <p class="muted">暂无数据</p> : null}
      <div aria-hidden="true">
        {data.map((d) => (
          <div class="bar-row" key={d.label}>
            <span class="bar-label" title={d.label}>
              {d.label}
            </span>
            <span class="bar-track">
              {d.parts
                .filter((p) => p.value > 0)
                .map((p) => (
                  <span key={p.name} class="bar-seg" style={{ width: `${(p.value / max) * 100}%`, background: p.color }} title={`${p.name} ${p.value}`} />
                ))}
            </span>
            <span class="bar-total">{d.parts.reduce((s, p) => s + p.value, 0)}</span>
          </div>
        ))}
      </div>
      <FiguresTable
        title={title}
        heads={['', ...legend.map(([n]) => n), '合计']}
        rows={data.map((d) => [d.label, ...legend.map(([n]) => d.parts.find((p) => p.name === n)?.value ?? 0), d.parts.reduce((s, p) => s + p.value, 0)])}
      />
    </figure>
  );
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** A small column chart over months (SVG). */
export function ColumnChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const W = 560;
  const H = 180;
  const pad = 28;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupW = (W - pad * 2) / Math.max(1, labels.length);
  const barW = Math.max(4, (groupW - 10) / Math.max(1, series.length));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <Legend items={series.map((s) => [s.name, s.color])} />
      <svg viewBox={`0 0 ${W} ${H + 24}`} class="svg-chart" aria-hidden="true" focusable="false">
        <line x1={pad} y1={H} x2={W - pad} y2={H} stroke={COLORS.line} />
        {labels.map((label, i) => {
          const x0 = pad + i * groupW + 5;
          return (
            <g key={label}>
              {series.map((s, j) => {
                const v = s.values[i] ?? 0;
                const bh = ((H - 20) * v) / max;
                return (
                  <g key={s.name}>
                    <rect x={x0 + j * barW} y={H - bh} width={barW - 2} height={bh} fill={s.color}>
                      <title>{`${label} ${s.name} ${v}`}</title>
                    </rect>
                    {v > 0 ? (
                      <text x={x0 + j * barW + (barW - 2) / 2} y={H - bh - 3} text-anchor="middle" font-size={10} fill={COLORS.muted}>
                        {v}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              <text x={x0 + (groupW - 10) / 2} y={H + 16} text-anchor="middle" font-size={11} fill={COLORS.fg}>
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <FiguresTable title={title} heads={['月份', ...series.map((s) => s.name)]} rows={labels.map((l, i) => [l, ...series.map((s) => s.values[i] ?? 0)])} />
    </figure>
  );
}
