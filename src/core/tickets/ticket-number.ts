/**
 * Ticket numbers a customer can be told on the phone: the centre's prefix, the day in the centre's
 * zone and that day's sequence, `GD20251009-0042`. The sequence has four digits and grows to five on
 * a day with more than 9,999 tickets. The one place that writes or reads the form.
 */

/** The day key a sequence counts in: prefix and local day, `GD20251009`. */
export function ticketNumberDayKey(prefix: string, localDay: string): string {
  return `${prefix}${localDay}`;
}

export function formatTicketNumber(dayKey: string, seq: number): string {
  return `${dayKey}-${String(seq).padStart(4, '0')}`;
}

const numberForm = /^([A-Za-z]{1,8})(\d{8})-(\d{1,6})$/;

/**
 * A search text that is a ticket number, in the form it is stored (`gd20251009-42` →
 * `GD20251009-0042`); null for anything else, which is searched as text.
 */
export function asTicketNumber(text: string): string | null {
  const m = numberForm.exec(text.trim());
  if (!m) return null;
  return formatTicketNumber(ticketNumberDayKey(m[1]!.toUpperCase(), m[2]!), Number(m[3]));
}
