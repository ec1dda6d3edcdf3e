import { z } from 'zod';

/**
 * `GET /api/names`: how people call the agents and queues that calls, tasks and reviews name by id,
 * and the centre's clock their times are read on.
 * Calls keep the PBX's member name (the username) and queue id; every list shows 小周 and 服务热线
 * instead, from this one answer (the web caches it per session). Imports only zod: the web
 * type-checks it.
 */
export const namesSchema = z.object({
  people: z.record(z.string(), z.string()).describe("username → display name: for an agent their team's active colleagues and the supervisors and inspectors; for other roles everyone (former staff too); never administrator accounts"),
  queues: z.record(z.string(), z.string()).describe("PBX queue id → the standard pack's name for it (`queues:`)"),
  timeZone: z.string().describe("the centre's IANA time zone: lists show times on its clock, whatever the browser's zone"),
});
export type Names = z.output<typeof namesSchema>;
