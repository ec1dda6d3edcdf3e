import type { CallbackRules } from './callback-rules.js';
import type { CallbackTask } from './model.js';

/** "Callable now, or why not, and when next": what the task list and the call button show. */
export interface CallableNow {
  callable: boolean;
  /** The CB-WINDOW rule that forbids calling now (lunch, after-days-off, do-not-call…), null when callable. */
  rule: string | null;
  reason: string | null;
  reasonEn: string | null;
  /** The first callable instant from now inside the due window (or later when asked), null when none is left. */
  next: number | null;
}

export function callableNow(task: Pick<CallbackTask, 'target' | 'due' | 'status'>, rules: CallbackRules, now: number): CallableNow {
  let prefs;
  try {
    prefs = rules.windows.prefs(task.target);
  } catch {
    return { callable: false, rule: 'invalid-customer-hours', reason: '客户勿扰时段设置有误', reasonEn: "the customer's do-not-call hours are invalid", next: null };
  }
  const kind = task.target.numberKind;
  if (task.status === 'closed') return { callable: false, rule: 'closed', reason: '回访任务已结束', reasonEn: 'the task is closed', next: null };
  const v = rules.windows.check(now, kind, prefs);
  const inWindow = now >= task.due.startsAt && now < task.due.endsAt;
  const next = rules.windows.next(Math.max(now, task.due.startsAt), kind, prefs, task.due.endsAt) ?? null;
  if (!v.callable) return { callable: false, rule: v.rule, reason: v.reason, reasonEn: v.reasonEn, next };
  if (now < task.due.startsAt) return { callable: false, rule: 'before-due-window', reason: `回访期从 ${task.due.first} 开始`, reasonEn: `the callback window opens on ${task.due.first}`, next };
  // Past the window a task may still be called (late, counted so by KPI-CB): better late than never.
  return { callable: true, rule: null, reason: inWindow ? null : `已超过回访期（${task.due.last}）`, reasonEn: inWindow ? null : `past the callback window (${task.due.last})`, next: inWindow ? now : next };
}
