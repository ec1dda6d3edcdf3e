import type { Role } from '../users/roles.js';
import type { CallRecord } from './call-record.js';

/** Who reads calls: the role decides what they see. */
export interface CallReader {
  username: string | null;
  role: Role | null;
}

/**
 * The one rule of who sees which calls: an agent sees the calls they answered, nobody else's (their
 * colleagues' quality scores are not theirs to read); supervisors, QA, managers and admins see all.
 * Returns the agent a query is limited to: the agent's own name, or what a lead asked for.
 */
export function agentScope(reader: CallReader, requested?: string): string | undefined {
  return reader.role === 'agent' ? (reader.username ?? '') : requested;
}

/** Whether the reader may see this call (an agent: only one they answered). */
export function maySeeCall(reader: CallReader, call: Pick<CallRecord, 'agent'>): boolean {
  return reader.role !== 'agent' || (call.agent !== null && call.agent === reader.username);
}
