import { KpiAggregator, defaultConnectionTargets, type ConnectionTargets, type KpiGrouping, type KpiReport, type KpiTargetResult, type KpiTargets } from '../kpi/kpi-report.js';
import { judgeTicketFigures, type TicketTargets } from '../kpi/pack-targets.js';
import type { ZoneCalendar } from '../kpi/time-zone.js';
import { kpiStateOf } from './call-record.js';
import { resolveTicketKpiFigures, type TicketKpiFigure, type TicketKpiFigures, type TicketMeasuresProvider } from '../kpi/ticket-measures-provider.js';
import type { CallStore } from './ports.js';

export interface DatabaseKpiOptions {
  from?: number | undefined;
  to?: number | undefined;
  by: KpiGrouping;
  thresholdSeconds: number;
  ringLimitSeconds: number;
  zone: ZoneCalendar;
  targets?: KpiTargets;
  connectionTargets?: ConnectionTargets;
  /** Queues whose calls are VIP calls (the pack's `kpi.vipQueues`), beside calls flagged VIP by the CTI. */
  vipQueues?: readonly string[];
  ticketTargets?: TicketTargets;
  /** The standard pack the targets came from (`default@3`), reported beside them. */
  standard?: string;
  tickets?: TicketMeasuresProvider | undefined;
}

export type DatabaseKpiReport = KpiReport &
  TicketKpiFigures & {
    calls: { sources: string[] };
    /** KPI-SYS, KPI-MAN over ordinary calls and KPI-VIP per group, beside the contract's figures. */
    connection: NonNullable<KpiReport['connection']>;
    /** The ticket and survey figures judged against the pack's targets. */
    ticketTargets: Partial<Record<TicketKpiFigure, KpiTargetResult>>;
    standard: string | null;
  };

/**
 * The file report's figures over the stored calls (queue_log imports and live CTI calls; CDR calls
 * are the same calls seen by the PBX's billing, so they would count twice and carry no queue),
 * summed by the same aggregator as `kefu kpi`, plus the ticket figures. `GET /api/kpi` runs it
 * through `kpiReport` (kpi-report.ts), which adds the pack's targets. A call seen live and later
 * imported from queue_log counts once, as the log has it.
 */
export async function databaseKpi(repo: Pick<CallStore, 'eachCall'>, o: DatabaseKpiOptions): Promise<DatabaseKpiReport> {
  const kpi = new KpiAggregator({
    by: o.by,
    thresholdSeconds: o.thresholdSeconds,
    ringLimitSeconds: o.ringLimitSeconds,
    zone: o.zone,
    ...(o.targets ? { targets: o.targets } : {}),
    connectionFigures: { targets: o.connectionTargets ?? defaultConnectionTargets },
    ...(o.vipQueues ? { vipQueues: o.vipQueues } : {}),
  });
  const sources = ['queue_log', 'cti'] as const;
  await repo.eachCall({ from: o.from, to: o.to, sources, queueLogWins: true }, (c) => {
    const s = kpiStateOf(c);
    if (!Number.isNaN(s.enteredAt)) kpi.noteTime(s.enteredAt);
    if (!Number.isNaN(s.endedAt)) kpi.noteTime(s.endedAt);
    kpi.addCall(s, c.vip);
  });
  const { connection, ...report } = kpi.report({ lines: 0, reasons: {} });
  const figures = await resolveTicketKpiFigures(o.tickets, { from: o.from ?? null, to: o.to ?? null });
  return {
    ...report,
    ...figures,
    calls: { sources: [...sources] },
    connection: connection ?? { targets: {}, groups: [] },
    ticketTargets: judgeTicketFigures(figures, o.ticketTargets ?? {}),
    standard: o.standard ?? null,
  };
}
