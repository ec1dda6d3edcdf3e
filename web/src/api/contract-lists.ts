/**
 * The web takes the server's types from `@contract/*` with `import type` only, so a few lists the
 * screens need at run time (filter options, error codes) are written here again. `everyMemberOf`
 * makes that copy safe: the list must name every member of the contract's union and nothing else,
 * or the web does not type-check.
 *
 *   export const ticketStatuses = everyMemberOf<TicketStatus>()(['open', …] as const);
 */
export function everyMemberOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}
