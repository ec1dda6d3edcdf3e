/**
 * `10/10 16:00`, or `2025/10/10 16:00` with `year`: 24-hour, and with the centre's zone (`names.zone`,
 * `TicketSettings.timeZone`) the wall clock there, not the browser's. Every screen's instants go
 * through here, so a list and its detail show one time in one format.
 */
export function formatDateTime(ms: number | null | undefined, locale: string, timeZone?: string, o: { year?: boolean } = {}): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toLocaleString(locale, { ...(o.year && { year: 'numeric' }), month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, ...(timeZone && { timeZone }) });
}

/** The centre's date (`YYYY-MM-DD`) now: a form's default day, as the server compares it (this computer's date until the zone is known). */
export function centreDate(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('sv-SE', { ...(timeZone && { timeZone }) }).format(Date.now());
}
