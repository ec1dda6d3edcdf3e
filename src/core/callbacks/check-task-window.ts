import { AppError } from '../shared/app-error.js';
import type { NumberKind } from '../standard/callback-schema.js';
import type { CallingWindows, CustomerCallingPrefs } from './calling-windows.js';
import type { DueWindow } from './due-window.js';

/**
 * CB-WINDOW for one task: its due window must hold at least one callable instant for its number
 * (the customer's do-not-call hours and zone included). Returns the first one; otherwise throws
 * VALIDATION with the reason, so a task that could never be called is refused when it is made
 * rather than found unplaceable later.
 */
export function firstCallableInWindow(windows: CallingWindows, due: DueWindow, kind: NumberKind, customer?: CustomerCallingPrefs | null): number {
  const prefs = windows.prefs(customer);
  const first = windows.next(due.startsAt, kind, prefs, due.endsAt);
  if (first === undefined) {
    const kindZh = kind === 'home' ? '住宅电话' : '单位电话';
    const message = `回访期 ${due.first} 至 ${due.last} 内没有可以拨打${kindZh}的时间（回访时段与客户勿扰时段） / no callable time for the ${kind} number between ${due.first} and ${due.last}`;
    throw AppError.validation(message, [{ path: 'due', message, code: 'no_callable_time', params: { first: due.first, last: due.last } }]);
  }
  return first;
}
