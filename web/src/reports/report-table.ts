import type { SheetColumn } from '../../../shared/sheet-table';
import type { ExportTable } from './table-export';
import type { KpiGroup, KpiReport } from './kpi-api';

/** The report's columns, in the order a centre reads them. */
export const reportColumns = [
  'offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'ringWithinLimitRate', 'customerHangupFirstRate', 'avgAnswerWaitSeconds', 'avgTalkSeconds', 'transferred',
] as const satisfies readonly (keyof KpiGroup)[];
export type ReportColumn = (typeof reportColumns)[number];

const rateColumns = new Set<ReportColumn>(['answerRate', 'serviceLevel', 'ringWithinLimitRate', 'customerHangupFirstRate']);

export function isRateColumn(column: ReportColumn): boolean {
  return rateColumns.has(column);
}

/** Rates as percentages with one decimal, seconds with one decimal: what a spreadsheet user expects to see. */
export function exportValue(group: KpiGroup, column: ReportColumn): number | null {
  const value = group[column];
  if (value === null) return null;
  if (rateColumns.has(column)) return Math.round(value * 1000) / 10;
  if (secondsColumns.has(column)) return Math.round(value * 10) / 10;
  return value;
}

const secondsColumns = new Set<ReportColumn>(['avgAnswerWaitSeconds', 'avgTalkSeconds']);

/** A column of seconds, shown with one decimal. */
export function isSecondsColumn(column: ReportColumn): boolean {
  return secondsColumns.has(column);
}

function columnOf(column: ReportColumn, header: string): SheetColumn {
  if (rateColumns.has(column)) return { header, kind: 'percent', decimals: 1 };
  if (secondsColumns.has(column)) return { header, kind: 'number', decimals: 1 };
  return { header, kind: 'number' };
}

/** The queue_log's word for "no agent" (a call that was never answered): `kefu kpi` and the API keep it. */
export const noAgentKey = 'NONE';

/**
 * A group's key as people read it: an agent by display name (the report's `people`), the calls no agent
 * answered as 未接通（无坐席）rather than NONE, a queue by the pack's name for it (`queueNames`). Days and
 * hours as they are.
 */
export function groupLabel(report: Pick<KpiReport, 'by' | 'people' | 'queueNames'>, key: string, noAgent: string): string {
  if (key === '') return '—';
  if (report.by === 'queue') return report.queueNames?.[key] ?? key;
  if (report.by !== 'agent') return key;
  if (key === noAgentKey) return noAgent;
  return report.people?.[key] ?? key;
}

/**
 * The report as a spreadsheet: rates as real percentages (the cell holds 0.875 and shows 87.5%),
 * seconds with one decimal, counts as whole numbers — all numbers a spreadsheet user can sum.
 */
export function reportTable(report: KpiReport, labels: { key: string; columns: Record<ReportColumn, string>; sheetName: string; noAgent: string }): ExportTable {
  return {
    sheetName: labels.sheetName,
    timeZone: report.timeZone,
    columns: [{ header: labels.key, kind: 'text' }, ...reportColumns.map((c) => columnOf(c, labels.columns[c]))],
    rows: [...report.groups]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((g) => [groupLabel(report, g.key, labels.noAgent), ...reportColumns.map((c) => (rateColumns.has(c) ? g[c] : exportValue(g, c)))]),
  };
}
