import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, spreadsheetStream, writeSpreadsheet, type SheetCell, type SheetTable, type SpreadsheetFormat } from './spreadsheet.js';

const table: SheetTable = {
  sheetName: '工单导出',
  timeZone: 'Asia/Shanghai',
  columns: [
    { header: '工单号', kind: 'text' },
    { header: '来电号码', kind: 'text' },
    { header: '创建时间', kind: 'datetime' },
    { header: '承诺日期', kind: 'date' },
    { header: '问题描述', kind: 'text', width: 40 },
    { header: '等待秒数', kind: 'number' },
    { header: '接通率', kind: 'percent' },
  ],
};
// 2026-03-02T01:30:05Z is 09:30:05 on the 2nd in Shanghai; 2026-03-03T16:00Z is the 4th there.
const rows: SheetCell[][] = [
  ['T-0001', '05912345678', Date.parse('2026-03-02T01:30:05Z'), Date.parse('2026-03-03T16:00:00Z'), '来电咨询宽带报装，客户说"明天再打"', 12.5, 0.875],
  ['T-0002', '=HYPERLINK("http://x")', null, null, '第二行,有逗号\n和换行', 0, null],
];

async function* slowly(all: SheetCell[][]): AsyncGenerator<SheetCell[]> {
  for (const row of all) yield row;
}

async function render(format: SpreadsheetFormat): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeSpreadsheet(format, table, slowly(rows), out);
  return Buffer.concat(chunks);
}

describe('spreadsheet export', () => {
  it('XLSX opens with its headers bold, its widths, numbers as numbers and instants as local dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await render('xlsx');
    // exceljs declares its own Buffer (an ArrayBuffer); hand it exactly the file's bytes.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('工单导出');
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.getRow(1).values).toEqual([undefined, '工单号', '来电号码', '创建时间', '承诺日期', '问题描述', '等待秒数', '接通率']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(5).width).toBe(40);
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(19);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10);

    const first = sheet.getRow(2);
    expect(first.getCell(2).value).toBe('05912345678'); // text keeps its leading 0
    expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2026, 2, 2, 9, 30, 5)));
    expect(first.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(4).value).toEqual(new Date(Date.UTC(2026, 2, 4, 0, 0, 0)));
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(5).value).toBe('来电咨询宽带报装，客户说"明天再打"');
    expect(first.getCell(6).value).toBe(12.5);
    expect(first.getCell(7).value).toBe(0.875);
    expect(first.getCell(7).numFmt).toBe('0.0%');

    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe('\'=HYPERLINK("http://x")'); // never run as a formula
    expect(second.getCell(3).value).toBeNull();
    expect(second.getCell(6).value).toBe(0);
    expect(sheet.rowCount).toBe(3);
  });

  it('CSV has a BOM for Excel, quotes what needs quoting, writes local dates and defuses formulas', async () => {
    const csv = (await render('csv')).toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\ufeff工单号,来电号码,创建时间,承诺日期,问题描述,等待秒数,接通率');
    expect(lines[1]).toBe('T-0001,05912345678,2026-03-02 09:30:05,2026-03-04,"来电咨询宽带报装，客户说""明天再打""",12.5,87.5%');
    expect(csv).toContain('T-0002,"\'=HYPERLINK(""http://x"")",,,"第二行,有逗号\n和换行",0,\r\n');
  });

  it('streams 10,000 rows pulled one at a time, and a failure half way breaks the stream instead of ending it', async () => {
    async function* many(n: number, failAt?: number): AsyncGenerator<SheetCell[]> {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new Error('数据库连接中断');
        yield [`T-${i}`, '13800000000', Date.UTC(2026, 2, 2), null, '描述', i, 0.5];
      }
    }
    const chunks: Buffer[] = [];
    for await (const chunk of spreadsheetStream('csv', table, many(10_000))) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8').trimEnd().split('\r\n')).toHaveLength(10_001);

    const broken = spreadsheetStream('xlsx', table, many(10_000, 5_000));
    await expect(
      (async () => {
        for await (const _ of broken) void _;
      })(),
    ).rejects.toThrow('数据库连接中断');
  });

  it('names the download so a Chinese file name survives', () => {
    expect(attachmentDisposition('工单-2026', 'xlsx')).toBe(`attachment; filename="__-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('工单-2026.xlsx')}`);
  });
});
