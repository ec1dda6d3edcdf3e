import type { AuditEvent, AuditLog } from '../../../core/users/ports.js';
import type { Clock } from '../../../core/shared/clock.js';
import { newId } from '../../../core/shared/ids.js';
import { systemRandom } from '../../system-random.js';
import type { AuditRepository } from './audit-repository.js';

/** The core's AuditLog port, written to the audit_log table. */
export function databaseAuditLog(repo: AuditRepository, clock: Clock): AuditLog {
  return {
    async record(e: AuditEvent) {
      const at = clock.now();
      await repo.append({
        id: newId(systemRandom, at, 'au_'),
        at,
        actorId: e.actor.id,
        actorName: e.actor.name,
        action: e.action,
        targetType: e.target?.type ?? null,
        targetId: e.target?.id ?? null,
        detail: e.detail ?? null,
        ip: e.ip ?? null,
      });
    },
  };
}
