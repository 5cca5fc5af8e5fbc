import { safeCell } from '#reports';
import ExcelJS from 'exceljs';

/** Names Excel keeps for itself (compared case-insensitively). */
const RESERVED_SHEET_NAMES = new Set(['history']);

/**
 * A valid worksheet name for a title: none of \\ / ? * [ ] : or control characters, no apostrophe
 * at either end, at most 31 characters (whole characters, not halves of a surrogate pair), not a
 * reserved name; '表格' when nothing is left.
 */
export function sheetName(title: string): string {
  // eslint-disable-next-line no-control-regex
  const chars = [...title.replace(/[\\/?*[\]:\u0000-\u001f\u007f]/g, ' ').trim()].slice(0, 31);
  const name = chars.join('').replace(/^'+|'+$/g, '').trim();
  if (name === '') return '表格';
  return RESERVED_SHEET_NAMES.has(name.toLowerCase()) ? `${name}(表)` : name;
}

/**
 * One sheet with a bold, frozen header row. Cells are written as text or numbers only; text a
 * spreadsheet could read as a formula gets a leading apostrophe (safeCell).
 */
export async function tableXlsx(title: string, columns: string[], rows: (string | number | null | undefined)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办系统';
  const ws = wb.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(columns.map((c) => safeCell(c))).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((v) => (v === null || v === undefined ? '' : safeCell(typeof v === 'number' ? v : String(v).slice(0, 32_000)))));
  columns.forEach((c, i) => {
    const longest = Math.max(c.length, ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest * 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a Chinese file name. */
export function attachmentName(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}
