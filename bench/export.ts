// `npm run bench:export [-- --rows N]`: a 100,000-row ticket/KPI export (text incl. Chinese, numbers,
// instants) written as XLSX and CSV by src/adapters/export/spreadsheet.ts (exceljs, streamed: what a
// route does) and by exceljs in memory (what the browser does for the reports page). Each way runs in
// a process of its own, one after the other, so its peak memory (max RSS) is its own.
// `--sheetjs <dir>` also measures SheetJS from a scratch install (`npm install --prefix <dir> xlsx`);
// it is never a dependency of this repository.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { writeCsv, writeXlsx, type SheetCell, type SheetTable } from '../src/adapters/export/spreadsheet.js';
import { addDataRow, columnStyles, startSheet, typedRow, wallClock } from '../shared/sheet-table.js';

const table: SheetTable = {
  sheetName: '工单',
  timeZone: 'Asia/Shanghai',
  columns: [
    { header: '工单号', kind: 'text' },
    { header: '创建时间', kind: 'datetime' },
    { header: '客户', kind: 'text' },
    { header: '来电号码', kind: 'text' },
    { header: '类别', kind: 'text' },
    { header: '问题描述', kind: 'text', width: 40 },
    { header: '坐席', kind: 'text' },
    { header: '等待秒数', kind: 'number' },
    { header: '通话秒数', kind: 'number' },
    { header: '接通率', kind: 'percent' },
    { header: '状态', kind: 'text' },
  ],
};
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const categories = ['咨询', '投诉', '报修', '建议', '表扬'];
const texts = ['宽带断网，已重启光猫仍无法上网，客户要求上门检修', '咨询套餐资费，想改为每月 59 元档', '投诉营业厅态度差，要求两个工作日内回复', '账单多扣 12.5 元，请核实', 'Customer asks for an English invoice'];
const statuses = ['新建', '处理中', '待回访', '已解决', '已关闭'];

/** Deterministic rows: a week of tickets, one every ~6 seconds. */
export function ticketRows(n: number): SheetCell[][] {
  const start = Date.parse('2026-03-02T00:00:00Z');
  const rows: SheetCell[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      `T-${String(i + 1).padStart(7, '0')}`,
      start + i * 6047,
      `${surnames[i % 10]}${i % 3 ? '女士' : '先生'}`,
      `13${String(900000000 + ((i * 7919) % 99999999)).padStart(9, '0')}`,
      categories[i % 5] ?? '',
      texts[i % 5] ?? '',
      `坐席${(i % 40) + 1}`,
      (i * 13) % 120,
      ((i * 37) % 900) + 0.5,
      ((i * 17) % 1000) / 1000,
      statuses[i % 5] ?? '',
    ]);
  }
  return rows;
}

type Way = 'xlsx-stream' | 'xlsx-memory' | 'csv-stream' | 'sheetjs' | 'handwritten' | 'baseline';

async function runOne(way: Way, rowsN: number, outFile: string, sheetjsDir: string | undefined): Promise<void> {
  const rows = ticketRows(rowsN);
  const t0 = performance.now();
  switch (way) {
    case 'baseline':
      break;
    case 'xlsx-stream':
      await writeXlsx(table, rows, createWriteStream(outFile));
      break;
    case 'csv-stream':
      await writeCsv(table, rows, createWriteStream(outFile));
      break;
    case 'xlsx-memory': {
      // What the browser does: the whole workbook in memory, then one buffer.
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(table.sheetName);
      startSheet(sheet, table);
      const toWallClock = wallClock(table.timeZone);
      const styles = columnStyles(table.columns);
      for (const row of rows) addDataRow(sheet, table, styles, toWallClock, row);
      const buffer = await workbook.xlsx.writeBuffer();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(outFile, new Uint8Array(buffer as ArrayBuffer));
      break;
    }
    case 'handwritten': {
      // The writer this module replaced (web/src/reports/zip-store.ts), kept in --handwritten <file>
      // for the record: text and numbers only (no dates, widths or styles), stored without compression.
      const path = argValue('--handwritten');
      if (!path) throw new Error('--handwritten <table-export.ts of the old writer> is needed');
      const { toXlsx } = (await import(path)) as { toXlsx(t: { sheetName: string; header: string[]; rows: (string | number | null)[][] }): Uint8Array };
      const bytes = toXlsx({ sheetName: table.sheetName, header: table.columns.map((c) => c.header), rows: rows.map((r) => r.map((v, i) => (table.columns[i]?.kind === 'datetime' && typeof v === 'number' ? new Date(v).toISOString() : v))) });
      const { writeFileSync } = await import('node:fs');
      writeFileSync(outFile, bytes);
      break;
    }
    case 'sheetjs': {
      if (!sheetjsDir) throw new Error('--sheetjs <dir> is needed');
      const XLSX = createRequire(join(sheetjsDir, 'node_modules', 'x.js'))('xlsx');
      const toWallClock = wallClock(table.timeZone);
      const aoa = [table.columns.map((c) => c.header), ...rows.map((r) => typedRow(table.columns, toWallClock, r))];
      const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true });
      ws['!cols'] = table.columns.map(() => ({ wch: 14 }));
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, table.sheetName);
      XLSX.writeFile(wb, outFile, { bookType: 'xlsx', compression: true, cellDates: true });
      break;
    }
  }
  const ms = performance.now() - t0;
  const size = way === 'baseline' ? 0 : statSync(outFile).size;
  process.stdout.write(JSON.stringify({ way, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, sizeMb: size / 1e6 }) + '\n');
}

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const rowsN = Number(argValue('--rows') ?? 100_000);
const sheetjsDir = argValue('--sheetjs');
const handwritten = argValue('--handwritten');
const child = argValue('--child') as Way | undefined;

if (child) {
  await runOne(child, rowsN, argValue('--out') ?? '', sheetjsDir);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-export-'));
  const ways: Way[] = ['baseline', ...(handwritten ? (['handwritten'] as const) : []), 'xlsx-stream', 'csv-stream', 'xlsx-memory', ...(sheetjsDir ? (['sheetjs'] as const) : [])];
  console.log(`${rowsN.toLocaleString('en-US')} rows × ${table.columns.length} columns; each way in a process of its own (max RSS includes the rows held in memory: see baseline)`);
  for (const way of ways) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', way, '--rows', String(rowsN), '--out', join(dir, `${way}.out`), ...(sheetjsDir ? ['--sheetjs', sheetjsDir] : []), ...(handwritten ? ['--handwritten', handwritten] : [])], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${way} failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; maxRssMb: number; sizeMb: number };
    console.log(`${way.padEnd(12)} ${(m.ms / 1000).toFixed(2).padStart(6)} s  max RSS ${m.maxRssMb.toFixed(0).padStart(5)} MB  file ${m.sizeMb.toFixed(1)} MB`);
  }
  rmSync(dir, { recursive: true, force: true });
}
