import { AppError } from '../shared/app-error.js';
import type { CallbackContext } from './callback-context.js';
import type { StoredTask } from './ports.js';

/**
 * A supervisor gives a task to an agent (the after-solved tasks arrive unassigned; a campaign's
 * may move when someone is off). A closed task keeps whoever worked it.
 */
export async function assignTask(ctx: Pick<CallbackContext, 'unitOfWork' | 'clock'>, taskId: string, agent: string): Promise<StoredTask> {
  return ctx.unitOfWork(async (st) => {
    const task = await st.callbacks.findTaskForUpdate(taskId);
    if (!task) throw AppError.notFound('回访任务 / callback task');
    if (task.status === 'closed') {
      const message = '回访任务已结束，不能再分配 / a closed task cannot be reassigned';
      throw AppError.conflict(message, [{ path: 'agent', message, code: 'task_closed' }]);
    }
    const updated: StoredTask = { ...task, agent, updatedAt: ctx.clock.now() };
    await st.callbacks.updateTask(updated);
    return updated;
  });
}
