import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { KpiGroup, KpiReport } from './kpi-api';
import { groupLabel, reportColumns, reportTable, type ReportColumn } from './report-table';
import { toCsv, toXlsx } from './table-export';

const group = (key: string, answerRate: number | null, avgTalkSeconds: number | null): KpiGroup => ({
  key, offered: 120, answered: 105, abandoned: 15, timedOut: 0, exitEmpty: 0, exitWithKey: 0, transferred: 3, ringNoAnswer: 0,
  answerRate, abandonRate: 0.125, serviceLevel: 0.8, avgAnswerWaitSeconds: 6.04, avgTalkSeconds, avgRingSeconds: 4,
  ringWithinLimitRate: 1, callerHungUpFirst: 60, agentHungUpFirst: 45, customerHangupFirstRate: 0.5714,
});
const report = { timeZone: 'Asia/Shanghai', groups: [group('=cmd()', null, null), group('2026-03-02', 0.875, 54.25)] } as KpiReport;
const labels = Object.fromEntries(reportColumns.map((c) => [c, c === 'answerRate' ? '接通率' : c])) as Record<ReportColumn, string>;
const table = reportTable(report, { key: '日期', columns: labels, sheetName: '报表', noAgent: '未接通（无坐席）' });

describe('report export', () => {
  it('CSV opens in Excel with Chinese text, rates as percentages, and formulas defused', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\ufeff日期,offered,answered,abandoned,接通率,')).toBe(true);
    expect(csv).toContain('\r\n2026-03-02,120,105,15,87.5%,80%,100%,57.1%,6,54.3,3\r\n');
    expect(csv).toContain("\r\n'=cmd(),120,105,15,,");
  });

  it('XLSX opens in exceljs with the header, widths, and numbers and rates as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await toXlsx(table);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('报表');
    if (!sheet) throw new Error('no sheet 报表');
    expect(sheet.getRow(1).getCell(1).value).toBe('日期');
    expect(sheet.getRow(1).getCell(5).value).toBe('接通率');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);
    const day = sheet.getRow(3);
    expect(day.getCell(1).value).toBe('2026-03-02');
    expect(day.getCell(2).value).toBe(120);
    expect(day.getCell(5).value).toBe(0.875);
    expect(day.getCell(5).numFmt).toBe('0.0%');
    expect(day.getCell(10).value).toBe(54.3);
    expect(sheet.getRow(2).getCell(1).value).toBe("'=cmd()");
    expect(sheet.getRow(2).getCell(5).value).toBeNull();
  });
});

// Issue #21: agents by display name and NONE as people read it, on screen and in the export alike.
describe('report groups as people read them', () => {
  const byAgent = { ...report, by: 'agent', people: { ana: '安娜' }, groups: [group('NONE', null, null), group('ana', 0.9, 60), group('ghost', 1, 30)] } as KpiReport;

  it('names an agent by display name, the unanswered calls in words, an unknown login as it is', () => {
    expect(byAgent.groups.map((g) => groupLabel(byAgent, g.key, '未接通（无坐席）'))).toEqual(['未接通（无坐席）', '安娜', 'ghost']);
    expect(toCsv(reportTable(byAgent, { key: '坐席', columns: labels, sheetName: '报表', noAgent: '未接通（无坐席）' }))).toMatch(/\r\n安娜,.*\r\n未接通（无坐席）,/s);
  });

  it('names a queue as the pack does, and leaves days, hours and unnamed queues as they are (NONE is only an agent word)', () => {
    expect(groupLabel({ by: 'queue', queueNames: { hotline: '服务热线' } }, 'hotline', 'x')).toBe('服务热线');
    expect(groupLabel({ by: 'queue', queueNames: { hotline: '服务热线' } }, 'sales', 'x')).toBe('sales');
    expect(groupLabel({ by: 'queue' }, 'NONE', 'x')).toBe('NONE');
    expect(groupLabel({ by: 'day' }, '2026-03-02', 'x')).toBe('2026-03-02');
  });
});
