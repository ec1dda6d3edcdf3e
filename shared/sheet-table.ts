import type { Row, Style, Worksheet } from 'exceljs';

/**
 * One table to export, the same shape for the server (`src/adapters/export/spreadsheet.ts`, streamed)
 * and the browser (`web/src/reports/table-export.ts`, built in memory). This file holds the rules both
 * share — header style, widths, cell types, formula defusing, CSV quoting.
 *
 * Why `shared/` and not src/: the web may take nothing but types from the server's src/ (the contract
 * rule, eslint.config.js), yet these are run-time rules both sides must apply identically, so an
 * export from the reports page and one from a route look the same. Code here is pure and runs in both
 * places: it imports no node:* module, nothing from src/ or web/, and only types from exceljs (each
 * side loads exceljs itself); ESLint holds it to that. Both tsconfigs include this folder.
 */
export type SheetCell = string | number | null;

export type ColumnKind =
  /** Text, written as a string even when it looks like a number (phone numbers keep their leading 0). */
  | 'text'
  /** A number, kept as a number so it can be summed; `decimals` sets how many are shown. */
  | 'number'
  /** A fraction (0.875), shown as a percentage (87.5%). */
  | 'percent'
  /** An instant (epoch ms), written as a real date in the table's time zone. */
  | 'date'
  /** An instant (epoch ms), written as a real date and time in the table's time zone. */
  | 'datetime';

export interface SheetColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters; default: fits the header and the kind. */
  width?: number;
  /** Decimals shown for `number` and `percent`. */
  decimals?: number;
}

export interface SheetTable {
  sheetName: string;
  columns: SheetColumn[];
  /** IANA zone in which `date`/`datetime` instants are written (Excel dates carry no zone). */
  timeZone: string;
}

// A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must receive it: a leading formula character is quoted away. */
export function defuseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// XML 1.0 forbids most control characters; a cell holding one makes Excel refuse the whole file.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** A sheet name Excel accepts: at most 31 characters, none of \ / ? * [ ] :. */
export function safeSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

/** Characters a CJK glyph takes in a column: two. Widths are counted in Latin characters. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const KIND_WIDTH: Record<ColumnKind, number> = { text: 14, number: 10, percent: 9, date: 11, datetime: 19 };

export function columnWidth(column: SheetColumn): number {
  return column.width ?? Math.min(60, Math.max(KIND_WIDTH[column.kind], displayWidth(column.header) + 2));
}

function numberFormat(column: SheetColumn): string | undefined {
  const decimals = column.decimals ?? (column.kind === 'percent' ? 1 : undefined);
  const fraction = decimals && decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  switch (column.kind) {
    case 'text':
      return '@';
    case 'number':
      return decimals === undefined ? undefined : `0${fraction}`;
    case 'percent':
      return `0${fraction}%`;
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
  }
}

/**
 * The wall-clock time of `ms` in `zone`, as a Date whose UTC fields carry it: Excel stores dates
 * without a zone, so 2026-03-02 09:30 in Shanghai must be written as the serial of "09:30", not of
 * 01:30 UTC. The zone's offset is looked up once per quarter hour of the instants seen (offsets change
 * only at whole quarter hours), because formatting every cell through Intl costs more than the rest
 * of the row together.
 */
export function wallClock(zone: string): (ms: number) => Date {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const QUARTER_HOUR = 15 * 60_000;
  const offsets = new Map<number, number>();
  const offsetAt = (slot: number): number => {
    const cached = offsets.get(slot);
    if (cached !== undefined) return cached;
    const at = slot * QUARTER_HOUR;
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const offset = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - at;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(slot, offset);
    return offset;
  };
  return (ms) => new Date(ms + offsetAt(Math.floor(ms / QUARTER_HOUR)));
}

/** Turns a row of plain values into what the workbook should hold, by column kind. */
export function typedRow(columns: SheetColumn[], toWallClock: (ms: number) => Date, row: readonly SheetCell[]): (string | number | Date | null)[] {
  return columns.map((column, i) => {
    const value = row[i] ?? null;
    if (value === null) return null;
    switch (column.kind) {
      case 'text':
        return defuseText(String(value)).replace(CONTROL_CHARACTERS, '');
      case 'number':
      case 'percent':
        return typeof value === 'number' && Number.isFinite(value) ? value : defuseText(String(value)).replace(CONTROL_CHARACTERS, '');
      case 'date':
      case 'datetime':
        return typeof value === 'number' && Number.isFinite(value) ? toWallClock(value) : defuseText(String(value)).replace(CONTROL_CHARACTERS, '');
    }
  });
}

const HEADER_FILL = 'FFDCE6F1';

/**
 * One style object per column, shared by all its cells. exceljs recognises a style object it has
 * seen (a WeakMap) and skips re-deduplicating it; the per-cell copies it makes from column styles
 * would be deduplicated one by one, which was most of the streaming writer's time.
 */
export function columnStyles(columns: SheetColumn[]): Partial<Style>[] {
  return columns.map((column) => {
    const numFmt = numberFormat(column);
    return numFmt ? { numFmt } : {};
  });
}

/** Adds one data row, typed by column kind, each cell carrying its column's shared style. */
export function addDataRow(sheet: Worksheet, table: SheetTable, styles: Partial<Style>[], toWallClock: (ms: number) => Date, row: readonly SheetCell[]): Row {
  const added = sheet.addRow(typedRow(table.columns, toWallClock, row));
  styles.forEach((style, i) => {
    added.getCell(i + 1).style = style;
  });
  return added;
}

/**
 * Sets a worksheet's column widths and writes the styled header row: bold, filled, frozen so it stays
 * in view, with an auto-filter. Works on an in-memory and on a streaming worksheet.
 */
export function startSheet(sheet: Worksheet, table: SheetTable): void {
  sheet.columns = table.columns.map((column) => ({ width: columnWidth(column) }));
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.numFmt = '@';
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  header.commit();
}

/** A UTF-8 byte-order mark: without it Excel reads a CSV file's Chinese text as mojibake. */
export const CSV_BOM = '\ufeff';

/** The CSV header line: the column headers as text, defused and quoted like any cell. */
export function csvHeaderLine(columns: SheetColumn[]): string {
  return csvLine(columns.map((c) => ({ ...c, kind: 'text' as const })), (ms) => new Date(ms), columns.map((c) => c.header));
}

/** One CSV line (RFC 4180); instants in the table's zone as `YYYY-MM-DD[ HH:MM:SS]`, which Excel reads as dates. */
export function csvLine(columns: SheetColumn[], toWallClock: (ms: number) => Date, row: readonly SheetCell[]): string {
  return typedRow(columns, toWallClock, row)
    .map((value, i) => {
      if (value === null) return '';
      const column = columns[i];
      let text: string;
      if (column?.kind === 'percent' && typeof value === 'number') {
        // "87.5%" is what Excel itself reads back as the number 0.875 shown as a percentage.
        text = `${Number((value * 100).toFixed(column.decimals ?? 1))}%`;
      } else if (value instanceof Date) {
        const iso = value.toISOString();
        text = column?.kind === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
      } else text = String(value);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
