import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, addDataRow, columnStyles, csvHeaderLine, csvLine, safeSheetName, startSheet, wallClock, type SheetCell, type SheetTable } from '../../../shared/sheet-table.js';

export type { ColumnKind, SheetCell, SheetColumn, SheetTable } from '../../../shared/sheet-table.js';

/**
 * The one way the server writes a table as a file: CSV (UTF-8 with a BOM, so Excel opens Chinese
 * text) or XLSX (exceljs: styled header, column widths, real dates, numbers as numbers). Rows are
 * pulled from an (async) iterable and written as they come, so a route can stream a 100,000-row export
 * straight from a database cursor without holding it in memory. Every module's exports come here.
 */
export type SpreadsheetFormat = 'csv' | 'xlsx';

export const spreadsheetFormats = ['csv', 'xlsx'] as const satisfies readonly SpreadsheetFormat[];

export function spreadsheetContentType(format: SpreadsheetFormat): string {
  switch (format) {
    case 'csv':
      return 'text/csv; charset=utf-8';
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
}

/** `Content-Disposition` for a download; the UTF-8 form keeps a Chinese file name intact. */
export function attachmentDisposition(baseName: string, format: SpreadsheetFormat): string {
  const name = `${baseName}.${format}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export type Rows = Iterable<readonly SheetCell[]> | AsyncIterable<readonly SheetCell[]>;

/** Writes `text`, waiting for the stream to drain when its buffer is full (back-pressure). */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeCsv(table: SheetTable, rows: Rows, out: Writable): Promise<void> {
  const toWallClock = wallClock(table.timeZone);
  await write(out, `${CSV_BOM}${csvHeaderLine(table.columns)}\r\n`);
  // Lines are written in batches: one write per row costs more than the formatting itself.
  let batch = '';
  for await (const row of rows) {
    batch += `${csvLine(table.columns, toWallClock, row)}\r\n`;
    if (batch.length >= 64 * 1024) {
      await write(out, batch);
      batch = '';
    }
  }
  if (batch) await write(out, batch);
  out.end();
  await once(out, 'finish');
}

export async function writeXlsx(table: SheetTable, rows: Rows, out: Writable): Promise<void> {
  // Inline strings (no shared-string table) keep memory flat however many rows there are.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(safeSheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  startSheet(sheet, table);
  const toWallClock = wallClock(table.timeZone);
  const styles = columnStyles(table.columns);
  for await (const row of rows) addDataRow(sheet, table, styles, toWallClock, row).commit();
  sheet.commit();
  await workbook.commit();
}

/**
 * Writes the table in `format` to `out` and ends it. If reading the rows fails half way, `out` is
 * destroyed with the error, so a download breaks visibly instead of ending as a complete-looking file
 * with rows missing.
 */
export async function writeSpreadsheet(format: SpreadsheetFormat, table: SheetTable, rows: Rows, out: Writable): Promise<void> {
  try {
    switch (format) {
      case 'csv':
        return await writeCsv(table, rows, out);
      case 'xlsx':
        return await writeXlsx(table, rows, out);
    }
  } catch (e) {
    out.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

/**
 * The export as a readable stream, for a route to send as it is written:
 *
 *     reply.type(spreadsheetContentType(format)).header('content-disposition', attachmentDisposition(name, format));
 *     return reply.send(spreadsheetStream(format, table, rowsFromCursor()));
 *
 * Back-pressure holds the rows: a slow client slows the database reads instead of filling memory.
 */
export function spreadsheetStream(format: SpreadsheetFormat, table: SheetTable, rows: Rows): Readable {
  const out = new PassThrough();
  // The failure reaches the reader as the stream's error; nothing else awaits this promise.
  writeSpreadsheet(format, table, rows, out).catch(() => undefined);
  return out;
}
