import { safeCell } from '#reports';
import ExcelJS from 'exceljs';

/**
 * One sheet with a bold, frozen header row. Cells are written as text or numbers only; text a
 * spreadsheet could read as a formula gets a leading apostrophe (safeCell).
 */
export async function tableXlsx(title: string, columns: string[], rows: (string | number | null | undefined)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办系统';
  // Sheet names: at most 31 characters, none of \ / ? * [ ] :
  const ws = wb.addWorksheet(title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || '表格', { views: [{ state: 'frozen', ySplit: 1 }] });
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
