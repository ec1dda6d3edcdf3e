import type { KpiGroup, KpiReport } from './kpi-report.js';

/** Group columns in contract order; CSV headers are exactly the JSON names. */
export const kpiColumns = [
  'key',
  'offered',
  'answered',
  'abandoned',
  'timedOut',
  'exitEmpty',
  'exitWithKey',
  'transferred',
  'ringNoAnswer',
  'answerRate',
  'abandonRate',
  'serviceLevel',
  'avgAnswerWaitSeconds',
  'avgTalkSeconds',
  'avgRingSeconds',
  'ringWithinLimitRate',
  'callerHungUpFirst',
  'agentHungUpFirst',
  'customerHangupFirstRate',
] as const satisfies readonly (keyof KpiGroup)[];

export const kpiOutputFormats = ['json', 'csv', 'table'] as const;
export type KpiOutputFormat = (typeof kpiOutputFormats)[number];

export function formatKpiReport(report: KpiReport, format: KpiOutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report)}\n`;
    case 'csv':
      return kpiCsv(report);
    case 'table':
      return kpiTable(report);
    default:
      return exhaustive(format);
  }
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per group; empty cell where a figure is null (no denominator). */
function kpiCsv(report: KpiReport): string {
  const lines = [kpiColumns.join(',')];
  for (const g of report.groups) lines.push(kpiColumns.map((c) => csvCell(g[c])).join(','));
  return `${lines.join('\n')}\n`;
}

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const sec = (v: number | null): string => (v === null ? '–' : `${v.toFixed(1)}s`);

/** A terminal table: the figures a supervisor reads first, targets marked ✓/✗. */
function kpiTable(report: KpiReport): string {
  const head = ['group', 'offered', 'answered', 'abandoned', 'timeout', 'answer%', 'abandon%', `SL≤${report.threshold}s`, 'wait', 'talk', 'ring', `ring≤${report.ringLimit}s`, 'cust-hangs-up-1st'];
  const rows: string[][] = report.groups.map((g) => {
    const mark = (figure: 'answerRate' | 'ringWithinLimitRate' | 'customerHangupFirstRate'): string => {
      const r = report.targets.groups.find((t) => t.key === g.key)?.results[figure];
      return r?.pass === true ? ' ✓' : r?.pass === false ? ' ✗' : '';
    };
    return [
      g.key,
      String(g.offered),
      String(g.answered),
      String(g.abandoned),
      String(g.timedOut),
      pct(g.answerRate) + mark('answerRate'),
      pct(g.abandonRate),
      pct(g.serviceLevel),
      sec(g.avgAnswerWaitSeconds),
      sec(g.avgTalkSeconds),
      sec(g.avgRingSeconds),
      pct(g.ringWithinLimitRate) + mark('ringWithinLimitRate'),
      pct(g.customerHangupFirstRate) + mark('customerHangupFirstRate'),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const out = [
    `KPI report ${report.from ?? '–'} → ${report.to ?? '–'} (${report.timeZone}, by ${report.by})`,
    fmt(head),
    ...rows.map(fmt),
  ];
  const targets = Object.entries(report.targets.figures)
    .map(([figure, t]) => `${figure} (${t.requirement}) ${t.min != null ? `≥ ${t.min}` : t.max != null ? `≤ ${t.max}` : 'no number set'}`)
    .join('; ');
  out.push(`targets: ${targets}`);
  out.push(`skipped lines: ${report.skipped.lines}${Object.keys(report.skipped.reasons).length ? ` (${Object.entries(report.skipped.reasons).map(([r, n]) => `${r}: ${n}`).join(', ')})` : ''}`);
  if (report.open.calls + report.open.withoutEntry > 0) {
    out.push(`not counted: ${report.open.calls} open call(s) with no end, ${report.open.withoutEntry} seen without ENTERQUEUE`);
  }
  return `${out.join('\n')}\n`;
}

function exhaustive(x: never): never {
  throw new Error(`unexpected format ${String(x)}`);
}
