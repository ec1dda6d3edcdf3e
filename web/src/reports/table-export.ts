import { CSV_BOM, addDataRow, columnStyles, csvHeaderLine, csvLine, safeSheetName, startSheet, wallClock, type SheetCell, type SheetTable } from '../../../shared/sheet-table';

/**
 * A report as a table for the browser's downloads. The rules (header style, widths, cell types,
 * formula defusing, CSV quoting) are the server's own, from shared/sheet-table.ts; the
 * XLSX is written by exceljs, loaded only when a user exports so the first screen does not carry it.
 */
export interface ExportTable extends SheetTable {
  rows: SheetCell[][];
}

/** RFC 4180 CSV with a UTF-8 BOM, so Excel opens Chinese text correctly. */
export function toCsv(table: ExportTable): string {
  const toWallClock = wallClock(table.timeZone);
  return CSV_BOM + [csvHeaderLine(table.columns), ...table.rows.map((row) => csvLine(table.columns, toWallClock, row))].join('\r\n') + '\r\n';
}

/** An XLSX workbook with one sheet: styled header, column widths, numbers and percentages as numbers. */
export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  startSheet(sheet, table);
  const toWallClock = wallClock(table.timeZone);
  const styles = columnStyles(table.columns);
  for (const row of table.rows) addDataRow(sheet, table, styles, toWallClock, row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Saves bytes or text as a download in the browser. */
export function download(filename: string, content: Uint8Array | string, type: string): void {
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
