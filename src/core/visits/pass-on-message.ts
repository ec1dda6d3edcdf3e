import { AppError } from '../shared/app-error.js';
import type { VisitMessage } from './model.js';
import { messageTimerKey, type VisitContext } from './ports.js';

/** The colleague has the message (转告完成): it is closed and its deadline timer removed. Twice is harmless. */
export async function passOnMessage(ctx: VisitContext, messageId: string): Promise<VisitMessage> {
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (st) => {
    const m = await st.visits.findMessageForUpdate(messageId);
    if (!m) throw AppError.notFound('留言 / message');
    if (m.status === 'passed_on') return m;
    const updated: VisitMessage = { ...m, status: 'passed_on', passedOnAt: now };
    await st.visits.updateMessage(updated);
    await st.scheduler.cancel(messageTimerKey(m.id));
    return updated;
  });
}
