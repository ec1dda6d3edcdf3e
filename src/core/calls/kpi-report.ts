import type { KpiGrouping } from '../kpi/kpi-report.js';
import { kpiTargetsFromSettings } from '../kpi/pack-targets.js';
import type { CallContext } from './call-context.js';
import { databaseKpi, type DatabaseKpiReport } from './call-kpi.js';

export interface KpiQuery {
  from?: number | undefined;
  to?: number | undefined;
  by: KpiGrouping;
  thresholdSeconds: number;
  ringLimitSeconds: number;
}

/**
 * The hotline KPI report over the database (`GET /api/kpi`): the call figures of `kefu kpi` in the
 * centre's zone, the ticket and survey figures beside them, each judged against the targets of the
 * standard pack in force (named in `standard`).
 */
export async function kpiReport(ctx: Pick<CallContext, 'store' | 'standard' | 'zone' | 'ticketMeasures'>, q: KpiQuery): Promise<DatabaseKpiReport> {
  const standard = await ctx.standard();
  const targets = kpiTargetsFromSettings(standard.pack.settings);
  return databaseKpi(ctx.store, {
    ...q,
    zone: ctx.zone,
    tickets: ctx.ticketMeasures,
    targets: targets.calls,
    connectionTargets: targets.connection,
    vipQueues: standard.pack.kpi.vipQueues,
    ticketTargets: targets.tickets,
    standard: standard.label,
  });
}
