// Charts drawn by ECharts (SVG renderer, bundled: nothing is fetched at run time), each with a legend
// and its figures as a table for screen readers (the text alternative); the drawing itself is hidden
// from them.
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'preact/hooks';
import { COLORS } from '../colors.js';

type Option = EChartsCoreOption;

/** One ECharts instance in a box of the given height, redrawn when the option changes and resized with the box. */
function EChart({ option, height }: { option: Option; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(option);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let dispose: (() => void) | null = null;
    let gone = false;
    void import('./echarts.js').then(({ echarts }) => {
      if (gone) return;
      const chart = echarts.init(el, undefined, { renderer: 'svg', height });
      chart.setOption(option);
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(el);
      dispose = () => {
        resize.disconnect();
        chart.dispose();
      };
    });
    return () => {
      gone = true;
      dispose?.();
    };
  }, [key, height]);
  return <div ref={box} class="echart" style={{ height: `${height}px` }} aria-hidden="true" />;
}

const LABEL_WIDTH = 140;
// The page's own fonts: ECharts measures the labels with them to cut the long ones.
const FONT = { fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif', fontSize: 12, color: COLORS.fg };

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
    // A table ignores the 1 px box of .sr-only; the div around it does not.
    <div class="sr-only">
      <table aria-label={`${title}(数据)`}>
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
    </div>
  );
}

/** Stacked horizontal bars, one per row, with the row's total after its bar. */
export function StackedBars({ title, data, legend }: { title: string; data: BarRow[]; legend: [string, string][] }) {
  const totals = data.map((d) => d.parts.reduce((s, p) => s + p.value, 0));
  // ECharts draws a category axis from the bottom up: reversed, the first row stays on top.
  const rows = [...data].reverse();
  const option: Option = {
    animation: false,
    textStyle: FONT,
    // The labels in a column of their own on the left, cut with "…" when long (the table below has them whole).
    grid: { left: LABEL_WIDTH + 16, right: 36, top: 4, bottom: 4 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', show: false, max: Math.max(1, ...totals) },
    yAxis: {
      type: 'category',
      data: rows.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { align: 'left', margin: LABEL_WIDTH + 10, width: LABEL_WIDTH, overflow: 'truncate', ellipsis: '…', fontFamily: FONT.fontFamily, color: COLORS.fg },
    },
    series: [
      ...legend.map(([name, color]) => ({ name, type: 'bar', stack: 'all', barWidth: 13, itemStyle: { color }, data: rows.map((d) => d.parts.find((p) => p.name === name)?.value ?? 0) })),
      {
        name: '合计',
        type: 'bar',
        stack: 'all',
        silent: true,
        tooltip: { show: false },
        itemStyle: { color: 'transparent' },
        label: { show: true, position: 'right', color: COLORS.muted, formatter: (p: { dataIndex: number }) => String(totals[data.length - 1 - p.dataIndex] ?? '') },
        data: rows.map(() => 0),
      },
    ],
  };
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <Legend items={legend} />
      {data.length === 0 ? <p class="muted">暂无数据</p> : <EChart option={option} height={12 + data.length * 22} />}
      <FiguresTable
        title={title}
        heads={['', ...legend.map(([n]) => n), '合计']}
        rows={data.map((d, i) => [d.label, ...legend.map(([n]) => d.parts.find((p) => p.name === n)?.value ?? 0), totals[i] ?? 0])}
      />
    </figure>
  );
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** A small column chart over months, each value above its column. */
export function ColumnChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const option: Option = {
    animation: false,
    textStyle: FONT,
    grid: { left: 8, right: 8, top: 16, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLine: { lineStyle: { color: COLORS.line } }, axisLabel: { color: COLORS.fg } },
    yAxis: { type: 'value', show: false, minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      itemStyle: { color: s.color },
      label: { show: true, position: 'top', fontSize: 10, color: COLORS.muted, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
      data: s.values,
    })),
  };
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <Legend items={series.map((s) => [s.name, s.color])} />
      <EChart option={option} height={200} />
      <FiguresTable title={title} heads={['月份', ...series.map((s) => s.name)]} rows={labels.map((l, i) => [l, ...series.map((s) => s.values[i] ?? 0)])} />
    </figure>
  );
}
