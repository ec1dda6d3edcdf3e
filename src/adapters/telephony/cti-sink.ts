import type { CtiEvent } from '../../core/calls/cti-call.js';
import type { Clock } from '../../core/shared/clock.js';
import type { EventBus } from '../../core/shared/event-bus.js';
import { callRowId, type CallRepository } from '../db/repositories/call-repository.js';
import { ingestCtiEvents } from '../../core/calls/ingest-cti-events.js';
import { recordingReferenceProblem } from '../../core/calls/recording.js';
import type { CallEventSink } from './pbx-connector-types.js';

/**
 * The connectors' way into Kefu: stored events go through `ingestCtiEvents`, the very function
 * behind `POST /api/cti/events` (same dedupe, same order checks, same `call.*` bus events);
 * previews (a ring that has just begun) only go to the bus, for the desk's customer card.
 */
export function ctiSink(
  repo: CallRepository,
  bus: EventBus,
  clock: Clock,
  /** KEFU_RECORDINGS_URL, and where to say that a recording was left out. */
  recordings: { base?: string | null | undefined; warn?: (message: string) => void } = {},
): CallEventSink {
  const base = recordings.base ?? null;
  return {
    async ingest(events: readonly CtiEvent[]) {
      // A recording the API would refuse (a path with no KEFU_RECORDINGS_URL configured) must not
      // cost the call its hang-up: the event is kept without it, and the reason said.
      const kept = events.map((e) => {
        const problem = e.recording === undefined ? undefined : recordingReferenceProblem(e.recording, base);
        if (problem === undefined) return e;
        recordings.warn?.(`recording of call ${e.callId} not kept (${e.recording ?? ''}): ${problem}`);
        const { recording: _recording, ...rest } = e;
        return rest;
      });
      await ingestCtiEvents({ store: repo, clock, publish: (e) => bus.publish(e), recordingsBase: base }, kept);
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
