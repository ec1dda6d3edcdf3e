import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { deskOf } from './desk.js';
import type { Visit, VisitMessage } from './model.js';
import { cancelWaitTimers, messageTimerKey, visitJobQueues, type VisitActor, type VisitContext } from './ports.js';
import { optionalText, requiredText, wrongState } from './visit-input.js';

export interface MessageInput {
  /** The colleague the message is for; defaults to the one the visitor asked for. */
  for?: string | null;
  /** 联系方式: a number or any way to reach the visitor. */
  contact?: string | null;
  content?: string | null;
  urgent?: boolean;
  /** The promised pass-on time, epoch ms; default: the pack's limit (urgent: sooner). */
  passOnBy?: number | null;
}

/**
 * VS-OWNER 情况二: the colleague in charge is out, so reception takes a message (surname, contact,
 * content) and promises to pass it on. The message is a task with a deadline whose timer escalates
 * it to the supervisor when missed (fires once); an urgent one is sent to the colleague at once
 * (客户事情紧急：立即电话联系业务负责人). The visitor leaves: the visit ends with the message.
 */
export async function takeMessage(ctx: VisitContext, visitId: string, input: MessageInput, actor: VisitActor): Promise<{ visit: Visit; message: VisitMessage }> {
  const contact = requiredText(input.contact, 'contact', '来访人联系方式', 'a contact');
  const content = requiredText(input.content, 'content', '留言内容', 'the message');
  const now = ctx.clock.now();
  if (input.passOnBy != null && input.passOnBy <= now) {
    const message = '承诺转告时间应晚于现在 / the promised pass-on time must be in the future';
    throw AppError.validation(message, [{ path: 'passOnBy', message, code: 'not_in_future' }]);
  }
  const urgent = input.urgent === true;
  // Who it is for is settled before the transaction: the user lookup must not run inside it (one SQLite connection).
  const found = await ctx.read.findVisit(visitId);
  if (!found) throw AppError.notFound('来访 / visit');
  const forStaff = optionalText(input.for) ?? found.forStaff;
  if (!forStaff) {
    const message = '请写明留言给哪位同事 / name the colleague the message is for';
    throw AppError.validation(message, [{ path: 'for', message, code: 'required' }]);
  }
  if (!(await ctx.isStaff(forStaff))) {
    const message = `没有这位同事：${forStaff} / no such colleague`;
    throw AppError.validation(message, [{ path: 'for', message, code: 'not_found' }]);
  }
  const result = await ctx.unitOfWork(async (st) => {
    const v = await st.visits.findVisitForUpdate(visitId);
    if (!v) throw AppError.notFound('来访 / visit');
    if (v.status === 'finished') throw wrongState(`${v.number} 号已结束接待`, 'the visit has finished');
    const message: VisitMessage = {
      id: newId(ctx.random, now, 'msg_'),
      visitId: v.id,
      forStaff,
      surname: v.visitor.surname,
      contact,
      content,
      urgent,
      takenBy: actor.username,
      takenAt: now,
      deadline: input.passOnBy ?? now + (urgent ? ctx.rules.urgentMessagePassOnMs : ctx.rules.messagePassOnMs),
      status: 'open',
      passedOnAt: null,
      escalatedAt: null,
    };
    await st.visits.insertMessage(message);
    await st.scheduler.schedule(visitJobQueues.messageOverdue, { messageId: message.id }, { runAt: message.deadline, key: messageTimerKey(message.id) });
    const updated: Visit = {
      ...v,
      status: 'finished',
      finishedAt: now,
      history: [...v.history, { at: now, action: 'message_taken', by: actor.username, to: forStaff, note: urgent ? '紧急留言，已立即通知' : null }, { at: now, action: 'finished', by: actor.username }],
      updatedAt: now,
    };
    await st.visits.updateVisit(updated);
    await cancelWaitTimers(st.scheduler, v.id);
    const desk = await st.visits.findDesk(actor.username);
    if (desk?.visitId === v.id) await st.visits.saveDesk({ ...(await deskOf(st.visits, actor.username, now)), state: 'free', visitId: null, since: now });
    return { visit: updated, message };
  });
  const m = result.message;
  await ctx.events.publish({ type: urgent ? 'visit.message.urgent' : 'visit.message', at: now, messageId: m.id, visitId, staff: m.forStaff, agent: m.forStaff, deadline: m.deadline });
  return result;
}
