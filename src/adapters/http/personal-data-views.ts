import { maskPersonalDataDeep, maskPersonalDataInText, present } from '../../core/shared/personal-data.js';
import { presentCustomer } from '../../core/customers/customer-service.js';
import type { Customer } from '../../core/customers/customer.js';
import type { Ticket, TicketHistoryEntry } from '../../core/tickets/ticket.js';
import type { TicketDetail } from '../../core/tickets/ticket-service.js';
import type { StoredCall } from '../../core/calls/ports.js';

/*
 * Every shape that carries a phone, e-mail or ID number out of the server passes through one of
 * these views, with `revealed` true only after `revealPersonalData` (core/shared/personal-data.ts)
 * allowed and audited the read. Structured fields get the field's mask; free text gets the
 * length-keeping text mask, so a number typed into a description or read out in a transcript is
 * masked as well.
 */

export const customerView = (c: Customer, revealed: boolean) => {
  const shown = presentCustomer(c, revealed);
  // The note is free text: a second number or an ID typed there is masked like the phones.
  return { ...shown, note: revealed || shown.note === null ? shown.note : maskPersonalDataInText(shown.note), masked: !revealed };
};

export function ticketView<T extends Ticket>(t: T, revealed: boolean): T {
  if (revealed) return t;
  return { ...maskPersonalDataDeep(t), id: t.id, customerId: t.customerId, callId: t.callId, contactPhone: present('phone', t.contactPhone, false) };
}

function historyView(h: TicketHistoryEntry): TicketHistoryEntry {
  const changes = h.changes && Object.fromEntries(
    Object.entries(h.changes).map(([field, c]) => [
      field,
      field === 'contactPhone'
        ? { from: typeof c.from === 'string' ? present('phone', c.from, false) : c.from, to: typeof c.to === 'string' ? present('phone', c.to, false) : c.to }
        : maskPersonalDataDeep(c),
    ]),
  );
  return { ...h, changes, note: h.note === null ? null : maskPersonalDataInText(h.note) };
}

export function ticketDetailView(d: TicketDetail, revealed: boolean): TicketDetail {
  if (revealed) return d;
  return { ticket: ticketView(d.ticket, false), history: d.history.map(historyView), promises: d.promises.map((p) => ({ ...p, note: p.note === null ? null : maskPersonalDataInText(p.note) })), actions: d.actions };
}

/**
 * The API's view of a listed call: the stored record without transcript, result and recording
 * reference (a recording reaches a reader only as the audited `recordingUrl` of the detail), the
 * numbers masked unless revealed.
 */
export function callView(c: StoredCall, revealed: boolean): Omit<StoredCall, 'transcript' | 'quality' | 'recording'> {
  const { transcript: _transcript, quality: _quality, recording: _recording, ...rest } = c;
  return revealed ? rest : { ...rest, caller: present('phone', rest.caller, false), transferTo: rest.transferTo === null ? null : maskPersonalDataInText(rest.transferTo) };
}

/**
 * The API's view of one call: with its transcript and quality result, masked the same way, and the
 * recording's URL when the caller worked it out for this reader (`core/calls/recording-url.ts`).
 */
export function callDetailView(c: StoredCall, revealed: boolean, recordingUrl: string | null = null): CallDetailView {
  const record = callView(c, revealed);
  return revealed
    ? { ...record, transcript: c.transcript, quality: c.quality, recordingUrl }
    : { ...record, transcript: maskPersonalDataDeep(c.transcript), quality: maskPersonalDataDeep(c.quality), recordingUrl };
}

export type CallDetailView = Omit<StoredCall, 'recording'> & { recordingUrl: string | null };

/** A live event on the way to a browser: the caller's number masked (a stream has no audited reveal). */
export function streamEventView<E extends Record<string, unknown>>(e: E): E {
  return { ...maskPersonalDataDeep(e), ...(typeof e.caller === 'string' && { caller: present('phone', e.caller, false) }) };
}
