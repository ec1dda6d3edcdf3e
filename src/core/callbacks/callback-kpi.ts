import type { CallbackTask } from './model.js';

/** KPI-CB: the share of callbacks that reached the customer inside their due window (1–3 working days). */
export interface CallbackKpi {
  /** Tasks whose window has ended or that are closed: the ones that can be judged. */
  judged: number;
  reachedInWindow: number;
  /** reachedInWindow / judged; null when nothing can be judged yet. */
  rate: number | null;
}

export function callbackKpi(tasks: readonly CallbackTask[], now: number): CallbackKpi {
  let judged = 0;
  let reached = 0;
  for (const task of tasks) {
    const hit = task.attempts.some((a) => a.outcome === 'reached' && a.at >= task.due.startsAt && a.at < task.due.endsAt);
    if (!hit && task.status !== 'closed' && now < task.due.endsAt) continue; // still in time
    if (!hit && task.closeReason === 'ticket_reopened') continue; // withdrawn: no solve left to confirm
    judged++;
    if (hit) reached++;
  }
  return { judged, reachedInWindow: reached, rate: judged === 0 ? null : reached / judged };
}
