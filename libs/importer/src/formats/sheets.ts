/**
 * Spreadsheets of task tables (任务分工表 / 重点任务清单) → text the table reader understands.
 * Every sheet is read; on each, the header row is the first row that the task-table reader
 * accepts (a task column and a department column), wherever it stands. Merged cells are
 * carried into every cell they span, so a 重点任务 or 牵头单位 cell merged over several rows
 * applies to each of them. A sheet comes out as a heading line (the title row above the
 * header, else the sheet's name), then the header and the rows as tab-separated lines.
 *
 * Readers: .xlsx through exceljs, .xls and WPS .et (BIFF, OLE compound files) through
 * SheetJS, .csv (UTF-8 or GBK/GB18030) through csv-parse.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { readTaskTable } from '../tables.js';
import { ImportError } from '../types.js';

/** One sheet as a grid of cell texts, merged cells already filled in. */
export interface Sheet {
  name: string;
  rows: string[][];
}

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Copies the top-left cell of each merged range into every cell of the range (0-based, inclusive). */
export function fillMerges(rows: string[][], merges: Merge[]): string[][] {
  const out = rows.map((r) => [...r]);
  for (const m of merges) {
    const value = out[m.top]?.[m.left] ?? '';
    for (let r = m.top; r <= m.bottom; r++) {
      out[r] ??= [];
      for (let c = m.left; c <= m.right; c++) out[r][c] = value;
    }
  }
  return out;
}

/** A cell's text on one line: newlines and tabs inside a cell become spaces. */
export function cellText(value: string): string {
  return value.replace(/[\t\r\n\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function rowLine(row: string[]): string {
  return row.join('\t').replace(/\t+$/, '');
}

/** The sheet as text lines (heading, header, rows), or null when it holds no task table. */
export function sheetToText(sheet: Sheet): string | null {
  const rows = sheet.rows.map((r) => r.map((c) => cellText(c ?? '')));
  // Columns empty in every row (a table that starts at column B) would shift the cells.
  const width = Math.max(0, ...rows.map((r) => r.length));
  const used = Array.from({ length: width }, (_, c) => rows.some((r) => (r[c] ?? '') !== ''));
  const grid = rows.map((r) => used.map((u, c) => (u ? (r[c] ?? '') : null)).filter((c): c is string => c !== null));
  const lines = grid.map(rowLine);
  const header = lines.findIndex((_, i) => readTaskTable(lines, i) !== null);
  if (header < 0) return null;
  let heading = sheet.name.trim();
  for (let i = header - 1; i >= 0; i--) {
    const cells = [...new Set(grid[i].filter((c) => c !== ''))];
    if (cells.length === 0) continue;
    // A title row: its text, once (a merged title fills every cell of its row).
    if (cells.length <= 2) heading = cells.join(' ');
    break;
  }
  const body: string[] = [];
  for (const line of lines.slice(header)) {
    if (line.trim() === '') {
      if (body[body.length - 1] !== '') body.push('');
    } else body.push(line);
  }
  return [heading, ...body].join('\n').trimEnd();
}

/** The text of every sheet that holds a task table; refuses a workbook without one. */
export function sheetsToText(sheets: Sheet[], fileName: string): string {
  const texts = sheets.map(sheetToText).filter((t): t is string => t !== null);
  if (texts.length === 0) {
    throw new ImportError(
      'NO_STRUCTURE',
      `未能在“${fileName}”的工作表中找到任务表的表头(需要“重点任务”“工作任务”等任务列,以及“牵头单位”或“责任单位”列);请确认这是一份任务分工表。`,
    );
  }
  return texts.join('\n\n');
}

function dateText(d: Date): string {
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** .xlsx sheets through exceljs (the bytes come from readZip/storedZip, so exceljs inflates nothing). */
export async function xlsxSheets(buffer: Buffer, fileName: string): Promise<Sheet[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ImportError('UNREADABLE', `无法读取 Excel 文件“${fileName}”(文件可能已损坏或加密)。`);
  }
  return workbook.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const source = cell.isMerged ? cell.master : cell;
        const v = source.value;
        cells[c - 1] = v instanceof Date ? dateText(v) : v === null || v === undefined ? '' : source.text;
      });
      rows[r - 1] = Array.from(cells, (c) => c ?? '');
    });
    return { name: ws.name, rows: Array.from(rows, (r) => r ?? []) };
  });
}

/** .xls / .et sheets through SheetJS. */
export async function xlsSheets(buffer: Buffer, fileName: string): Promise<Sheet[]> {
  const XLSX = (await import('xlsx')).default;
  let workbook: import('xlsx').WorkBook;
  try {
    workbook = XLSX.read(buffer, { type: 'buffer', cellDates: true, cellHTML: false, cellFormula: false, WTF: false });
  } catch {
    throw new ImportError('UNREADABLE', `无法读取 Excel/WPS 表格文件“${fileName}”(文件可能已损坏或加密)。`);
  }
  return workbook.SheetNames.map((name) => {
    const ws = workbook.Sheets[name];
    if (!ws?.['!ref']) return { name, rows: [] };
    const range = XLSX.utils.decode_range(ws['!ref']);
    const rows: string[][] = [];
    for (let r = range.s.r; r <= range.e.r; r++) {
      const row: string[] = [];
      for (let c = range.s.c; c <= range.e.c; c++) {
        const cell = ws[XLSX.utils.encode_cell({ r, c })] as import('xlsx').CellObject | undefined;
        row.push(!cell || cell.v === undefined ? '' : cell.v instanceof Date ? dateText(cell.v) : (cell.w ?? String(cell.v)));
      }
      rows.push(row);
    }
    const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r - range.s.r, left: m.s.c - range.s.c, bottom: m.e.r - range.s.r, right: m.e.c - range.s.c }));
    return { name, rows: fillMerges(rows, merges) };
  });
}

/** A CSV file's rows: comma-separated, or tab- or semicolon-separated when its first line says so. */
export function csvSheet(text: string, name: string, fileName: string): Sheet {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  const delimiter = [',', '\t', ';', ','].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
  try {
    const rows = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
    return { name, rows };
  } catch {
    throw new ImportError('UNREADABLE', `无法读取 CSV 文件“${fileName}”(引号或分隔符不完整)。`);
  }
}
