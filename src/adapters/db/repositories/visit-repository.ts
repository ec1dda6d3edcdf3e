import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { VisitCardsTable, VisitDesksTable, VisitMessagesTable, VisitsTable } from '../tables/visits.js';
import type { Desk, DeskState, HeldCall, Visit, VisitEvent, VisitMessage, VisitStatus, Visitor } from '../../../core/visits/model.js';
import type { ObservationCard, VisitQuery, VisitStore } from '../../../core/visits/ports.js';

/** What a visit keeps as JSON beside its columns. */
interface VisitData {
  visitor: Visitor;
  purpose: string;
  alertedAt: number | null;
  supervisorAlertedAt: number | null;
  escalationLevel: number;
  heldCall: HeldCall | null;
  history: VisitEvent[];
  registeredBy: string | null;
}

function toVisit(r: Selectable<VisitsTable>): Visit {
  const d = JSON.parse(r.data) as VisitData;
  return {
    id: r.id,
    day: r.day,
    number: r.number,
    visitor: d.visitor,
    purpose: d.purpose,
    urgent: r.urgent === 1,
    forStaff: r.for_staff,
    status: r.status as VisitStatus,
    arrivedAt: r.arrived_at,
    calledAt: r.called_at,
    servedBy: r.served_by,
    finishedAt: r.finished_at,
    alertedAt: d.alertedAt,
    supervisorAlertedAt: d.supervisorAlertedAt,
    escalationLevel: d.escalationLevel,
    heldCall: d.heldCall,
    ticketId: r.ticket_id,
    history: d.history,
    registeredBy: d.registeredBy,
    updatedAt: r.updated_at,
  };
}

function visitValues(v: Visit): Selectable<VisitsTable> {
  const data: VisitData = {
    visitor: v.visitor,
    purpose: v.purpose,
    alertedAt: v.alertedAt,
    supervisorAlertedAt: v.supervisorAlertedAt,
    escalationLevel: v.escalationLevel,
    heldCall: v.heldCall,
    history: v.history,
    registeredBy: v.registeredBy,
  };
  return {
    id: v.id,
    day: v.day,
    number: v.number,
    status: v.status,
    for_staff: v.forStaff,
    served_by: v.servedBy,
    urgent: v.urgent ? 1 : 0,
    customer_id: v.visitor.customerId,
    ticket_id: v.ticketId,
    arrived_at: v.arrivedAt,
    called_at: v.calledAt,
    finished_at: v.finishedAt,
    data: JSON.stringify(data),
    updated_at: v.updatedAt,
  };
}

interface MessageData {
  surname: string;
  contact: string;
  content: string;
  takenBy: string | null;
}

function toMessage(r: Selectable<VisitMessagesTable>): VisitMessage {
  const d = JSON.parse(r.data) as MessageData;
  return {
    id: r.id,
    visitId: r.visit_id,
    forStaff: r.for_staff,
    surname: d.surname,
    contact: d.contact,
    content: d.content,
    urgent: r.urgent === 1,
    takenBy: d.takenBy,
    takenAt: r.taken_at,
    deadline: r.deadline,
    status: r.status as VisitMessage['status'],
    passedOnAt: r.passed_on_at,
    escalatedAt: r.escalated_at,
  };
}

function messageValues(m: VisitMessage): Selectable<VisitMessagesTable> {
  const data: MessageData = { surname: m.surname, contact: m.contact, content: m.content, takenBy: m.takenBy };
  return {
    id: m.id,
    visit_id: m.visitId,
    for_staff: m.forStaff,
    status: m.status,
    urgent: m.urgent ? 1 : 0,
    deadline: m.deadline,
    taken_at: m.takenAt,
    passed_on_at: m.passedOnAt,
    escalated_at: m.escalatedAt,
    data: JSON.stringify(data),
  };
}

function toDesk(r: Selectable<VisitDesksTable>): Desk {
  return { username: r.username, state: r.state as DeskState, onShift: r.on_shift === 1, visitId: r.visit_id, since: r.since, counter: r.counter, phoneCallId: r.phone_call_id };
}

function toCard(r: Selectable<VisitCardsTable>): ObservationCard {
  return { id: r.id, staff: r.staff, visitId: r.visit_id, shiftDay: r.shift_day, scores: JSON.parse(r.scores) as Record<string, number>, note: r.note, scoredBy: r.scored_by, scoredAt: r.scored_at };
}

/** Visits, desks, messages and observation cards (issue #16) on both databases. */
export class VisitRepository implements VisitStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async nextNumber(day: string): Promise<number> {
    const r = await this.db.selectFrom('visits').select((eb) => eb.fn.max('number').as('n')).where('day', '=', day).executeTakeFirst();
    return Number(r?.n ?? 0) + 1;
  }

  async insertVisit(v: Visit): Promise<void> {
    await this.db.insertInto('visits').values(visitValues(v)).execute();
  }

  async updateVisit(v: Visit): Promise<void> {
    const { id, ...rest } = visitValues(v);
    await this.db.updateTable('visits').set(rest).where('id', '=', id).execute();
  }

  async findVisit(id: string): Promise<Visit | undefined> {
    const r = await this.db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toVisit(r) : undefined;
  }

  async findVisitForUpdate(id: string): Promise<Visit | undefined> {
    let q = this.db.selectFrom('visits').selectAll().where('id', '=', id);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r ? toVisit(r) : undefined;
  }

  async listVisits(q: VisitQuery): Promise<Visit[]> {
    let s = this.db.selectFrom('visits').selectAll();
    if (q.status?.length) s = s.where('status', 'in', q.status);
    if (q.day) s = s.where('day', '=', q.day);
    if (q.arrivedFrom !== undefined) s = s.where('arrived_at', '>=', q.arrivedFrom);
    if (q.arrivedTo !== undefined) s = s.where('arrived_at', '<', q.arrivedTo);
    const rows = await s.orderBy('arrived_at').orderBy('id').limit(q.limit).execute();
    return rows.map(toVisit);
  }

  async findDesk(username: string): Promise<Desk | undefined> {
    const r = await this.db.selectFrom('visit_desks').selectAll().where('username', '=', username).executeTakeFirst();
    return r ? toDesk(r) : undefined;
  }

  async saveDesk(d: Desk): Promise<void> {
    const row = { username: d.username, state: d.state, on_shift: d.onShift ? 1 : 0, visit_id: d.visitId, since: d.since, counter: d.counter, phone_call_id: d.phoneCallId };
    await this.db
      .insertInto('visit_desks')
      .values(row)
      .onConflict((oc) => oc.column('username').doUpdateSet({ state: row.state, on_shift: row.on_shift, visit_id: row.visit_id, since: row.since, counter: row.counter, phone_call_id: row.phone_call_id }))
      .execute();
  }

  async listDesks(): Promise<Desk[]> {
    const rows = await this.db.selectFrom('visit_desks').selectAll().orderBy('username').execute();
    return rows.map(toDesk);
  }

  async insertMessage(m: VisitMessage): Promise<void> {
    await this.db.insertInto('visit_messages').values(messageValues(m)).execute();
  }

  async updateMessage(m: VisitMessage): Promise<void> {
    const { id, ...rest } = messageValues(m);
    await this.db.updateTable('visit_messages').set(rest).where('id', '=', id).execute();
  }

  async findMessage(id: string): Promise<VisitMessage | undefined> {
    const r = await this.db.selectFrom('visit_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toMessage(r) : undefined;
  }

  async findMessageForUpdate(id: string): Promise<VisitMessage | undefined> {
    let q = this.db.selectFrom('visit_messages').selectAll().where('id', '=', id);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r ? toMessage(r) : undefined;
  }

  async listMessages(q: { forStaff?: string; status?: VisitMessage['status']; overdueAt?: number; limit: number }): Promise<VisitMessage[]> {
    let s = this.db.selectFrom('visit_messages').selectAll();
    if (q.forStaff) s = s.where('for_staff', '=', q.forStaff);
    if (q.status) s = s.where('status', '=', q.status);
    if (q.overdueAt !== undefined) s = s.where('status', '=', 'open').where('deadline', '<=', q.overdueAt);
    const rows = await s.orderBy('deadline').orderBy('id').limit(q.limit).execute();
    return rows.map(toMessage);
  }

  async insertCard(c: ObservationCard): Promise<void> {
    await this.db
      .insertInto('visit_cards')
      .values({ id: c.id, staff: c.staff, visit_id: c.visitId, shift_day: c.shiftDay, scored_by: c.scoredBy, scored_at: c.scoredAt, scores: JSON.stringify(c.scores), note: c.note })
      .execute();
  }

  async listCards(q: { staff?: string; from?: number; to?: number }): Promise<ObservationCard[]> {
    let s = this.db.selectFrom('visit_cards').selectAll();
    if (q.staff) s = s.where('staff', '=', q.staff);
    if (q.from !== undefined) s = s.where('scored_at', '>=', q.from);
    if (q.to !== undefined) s = s.where('scored_at', '<', q.to);
    const rows = await s.orderBy('scored_at').orderBy('id').execute();
    return rows.map(toCard);
  }
}
