import type { CtiEvent } from '../../core/calls/cti-call.js';
import type { Clock } from '../../core/shared/clock.js';
import type { EventBus } from '../../core/shared/event-bus.js';
import { callRowId, type CallRepository } from '../db/repositories/call-repository.js';
import { ingestCtiEvents } from '../../core/calls/ingest-cti-events.js';
import type { CallEventSink } from './pbx-connector-types.js';

/**
 * The connectors' way into Kefu: stored events go through `ingestCtiEvents`, the very function
 * behind `POST /api/cti/events` (same dedupe, same order checks, same `call.*` bus events);
 * previews (a ring that has just begun) only go to the bus, for the desk's customer card.
 */
export function ctiSink(repo: CallRepository, bus: EventBus, clock: Clock): CallEventSink {
  return {
    async ingest(events: readonly CtiEvent[]) {
      await ingestCtiEvents({ store: repo, clock, publish: (e) => bus.publish(e) }, events);
    },
    async preview(e: CtiEvent) {
      const id = callRowId('cti', e.callId, '');
      const call = await repo.get(id);
      await bus.publish({
        type: `call.${e.type}`,
        at: e.at,
        callId: e.callId,
        id: call === undefined ? null : id,
        agent: e.agent ?? null,
        queue: call?.queue ?? e.queue ?? null,
        caller: call?.caller ?? null,
        customerId: call?.customerId ?? null,
        vip: call?.vip ?? false,
        outcome: call?.outcome ?? null,
      });
    },
    async openCalls() {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await repo.list({ sources: ['cti'], outcome: 'open', limit: 500, cursor });
        for (const c of page.items) ids.push(c.externalId);
        if (page.nextCursor === null) return ids;
        cursor = page.nextCursor;
      }
    },
  };
}
