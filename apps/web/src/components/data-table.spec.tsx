import { render } from 'preact';
import { act } from 'preact/test-utils';
import { type Column, DataTable, visibleRows } from './data-table.js';

interface Row {
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { label: '单位', value: (r) => r.name },
  { label: '数量', value: (r) => r.count, class: 'num' },
];
const rows: Row[] = [
  { name: '市教育局', count: 3 },
  { name: '市财政局', count: 12 },
  { name: '市民政局', count: 1 },
];

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const cells = (column: number) => [...host.querySelectorAll('tbody tr')].map((tr) => tr.children[column]?.textContent);
const header = (label: string) => [...host.querySelectorAll('th')].find((th) => th.textContent === label)!;

describe('visibleRows', () => {
  it.each([
    ['no filter, no sort: as given', '', null, ['市教育局', '市财政局', '市民政局']],
    ['filters on any column', '财政', null, ['市财政局']],
    ['filters on numbers as text', '12', null, ['市财政局']],
    ['sorts numbers as numbers', '', { column: 1, dir: 1 }, ['市民政局', '市教育局', '市财政局']],
    ['sorts descending', '', { column: 1, dir: -1 }, ['市财政局', '市教育局', '市民政局']],
    ['sorts text the Chinese way (pinyin)', '', { column: 0, dir: 1 }, ['市财政局', '市教育局', '市民政局']],
  ] as const)('%s', (_name, q, sort, expected) => {
    expect(visibleRows(rows, columns, q, sort as { column: number; dir: 1 | -1 } | null).map((r) => r.name)).toEqual(expected);
  });
});

describe('DataTable', () => {
  it('names the table, sorts on a header click and says how in aria-sort', () => {
    act(() => render(<DataTable title="单位排名" columns={columns} rows={rows} />, host));
    expect(host.querySelector('table')?.getAttribute('aria-label')).toBe('单位排名');
    expect(header('数量').getAttribute('aria-sort')).toBe('none');
    act(() => header('数量').querySelector('button')!.click());
    expect(cells(1)).toEqual(['1', '3', '12']);
    expect(header('数量').getAttribute('aria-sort')).toBe('ascending');
    act(() => header('数量').querySelector('button')!.click());
    expect(cells(1)).toEqual(['12', '3', '1']);
    expect(header('数量').getAttribute('aria-sort')).toBe('descending');
    expect(header('单位').getAttribute('aria-sort')).toBe('none');
  });

  it('filters with its search box and counts what it shows', () => {
    act(() => render(<DataTable title="单位排名" columns={columns} rows={rows} empty="没有单位" />, host));
    const search = host.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(search.getAttribute('aria-label')).toBe('筛选单位排名');
    act(() => {
      search.value = '民政';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(cells(0)).toEqual(['市民政局']);
    expect(host.textContent).toContain('共 1 条');
    act(() => {
      search.value = '不存在';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(cells(0)).toEqual(['没有单位']);
  });

  it('draws the first page of rows, and more on request', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ name: `单位${i}`, count: i }));
    act(() => render(<DataTable title="单位" columns={columns} rows={many} empty="没有单位" pageSize={3} morePageSize={3} />, host));
    expect(cells(0).slice(0, 3)).toEqual(['单位0', '单位1', '单位2']);
    const more = () => [...host.querySelectorAll<HTMLButtonElement>('tbody button')].find((b) => b.textContent?.includes('再显示'));
    expect(more()?.textContent).toBe('已显示 3 条,再显示 3 条');
    act(() => more()!.click());
    act(() => more()!.click());
    expect(cells(0)).toEqual(many.map((r) => r.name));
    expect(more()).toBeUndefined();
    expect(host.textContent).toContain('共 7 条');
  });

  it('exports the rows it shows, in its order, to the server', async () => {
    const calls: { url: string; body: unknown }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return { ok: true, status: 200, blob: async () => new Blob(['x']) } as Response;
    }) as typeof fetch;
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    try {
      act(() => render(<DataTable title="单位排名" columns={columns} rows={rows} />, host));
      act(() => header('数量').querySelector('button')!.click());
      const button = [...host.querySelectorAll('button')].find((b) => b.textContent === '导出 Excel')!;
      await act(async () => button.click());
      expect(calls).toEqual([
        {
          url: '/api/dashboard/export',
          body: {
            title: '单位排名',
            columns: ['单位', '数量'],
            rows: [
              ['市民政局', 1],
              ['市教育局', 3],
              ['市财政局', 12],
            ],
          },
        },
      ]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
