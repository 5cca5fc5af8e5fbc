// A table that sorts (click a header), filters (a search box), pages (the first rows, then more on
// request, so a page stays fast with thousands of items) and exports what it shows to Excel.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { download, messagesOfError } from '../api.js';
import { toast } from '../toast.js';

export type CellValue = string | number | null | undefined;

export interface Column<R> {
  label: string;
  /** The value sorted, filtered on and exported. */
  value: (row: R) => CellValue;
  render?: (row: R) => ComponentChildren;
  class?: string;
}

export interface DataTableProps<R> {
  title: string;
  columns: (Column<R> | null | false)[];
  rows: R[];
  empty?: string;
  filter?: boolean;
  caption?: string;
  /** Rows drawn at first, and added by each "more" button. */
  pageSize?: number;
  morePageSize?: number;
  /** How a row is told apart (for stable rows while sorting); the index by default. */
  rowKey?: (row: R) => string | number;
}

const text = (v: CellValue) => (v === null || v === undefined ? '' : String(v));

/** The rows a table shows for a filter text and a sort: pure, so the table's logic is tested apart. */
export function visibleRows<R>(rows: R[], columns: Column<R>[], q: string, sort: { column: number; dir: 1 | -1 } | null): R[] {
  let list = rows;
  if (q) list = list.filter((r) => columns.some((c) => text(c.value(r)).includes(q)));
  if (sort) {
    const c = columns[sort.column];
    if (c) {
      list = [...list].sort((a, b) => {
        const x = c.value(a);
        const y = c.value(b);
        if (typeof x === 'number' && typeof y === 'number') return (x - y) * sort.dir;
        return text(x).localeCompare(text(y), 'zh-CN') * sort.dir;
      });
    }
  }
  return list;
}

/** Sends the rows shown to the server, which writes a real .xlsx. */
export async function exportTable(title: string, columns: string[], rows: CellValue[][]): Promise<void> {
  try {
    await download('POST', '/api/dashboard/export', { title, columns, rows: rows.map((r) => r.map((v) => (typeof v === 'number' ? v : (v ?? '')))) }, `${title}.xlsx`);
  } catch (e) {
    toast(messagesOfError(e, '导出失败').join(';'), 'error');
  }
}

export function DataTable<R>({ title, columns: given, rows, empty = '没有数据', filter = true, caption, pageSize = 200, morePageSize = 500, rowKey }: DataTableProps<R>) {
  const columns = given.filter((c): c is Column<R> => Boolean(c));
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<{ column: number; dir: 1 | -1 } | null>(null);
  const [limit, setLimit] = useState(pageSize);
  const list = useMemo(() => visibleRows(rows, columns, q, sort), [rows, q, sort, columns.length]);
  const shown = list.slice(0, limit);
  const sortBy = (i: number) => setSort((s) => ({ column: i, dir: s?.column === i ? (s.dir === 1 ? -1 : 1) : 1 }));
  return (
    <div class="data-table">
      <div class="table-tools">
        {filter ? <input type="search" placeholder="筛选" aria-label={`筛选${title}`} value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value.trim())} /> : null}
        <span class="muted small">共 {list.length} 条</span>
        <button
          type="button"
          class="button small"
          onClick={() =>
            exportTable(
              title,
              columns.map((c) => c.label),
              list.map((r) => columns.map((c) => c.value(r))),
            )
          }
        >
          导出 Excel
        </button>
      </div>
      <div class="table-wrap">
        <table class="data" aria-label={title}>
          {caption ? <caption>{caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={c.label || i} class={c.class} scope="col" aria-sort={sort?.column === i ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" class="sort" onClick={() => sortBy(i)}>
                    {c.label || <span class="sr-only">操作</span>}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.length ? (
              shown.map((r, i) => (
                <tr key={rowKey ? rowKey(r) : i}>
                  {columns.map((c, j) => (
                    <td key={c.label || j} class={c.class}>
                      {c.render ? c.render(r) : text(c.value(r))}
                    </td>
                  ))}
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={columns.length} class="muted">
                  {empty}
                </td>
              </tr>
            )}
            {list.length > limit ? (
              <tr>
                <td colSpan={columns.length}>
                  <button type="button" class="button small" onClick={() => setLimit((l) => l + morePageSize)}>
                    已显示 {limit} 条,再显示 {morePageSize} 条
                  </button>
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
