import { useEventStream, type StreamEvent, type StreamStatus } from '../desk/use-event-stream';

export type VisitStreamStatus = StreamStatus;
export type VisitStreamEvent = StreamEvent;

const visitEventTypes = [
  'visit.registered',
  'visit.called',
  'visit.handed_off',
  'visit.call_resumed',
  'visit.call_lost',
  'visit.message',
  'visit.message.urgent',
  'visit.message.overdue',
  'visit.escalated',
  'visit.finished',
  'visit.desk',
  'visit.alert',
  'visit.alert.supervisor',
  // The reconnect asked for events older than the server keeps: the screens reload on it like on any event.
  'stream.reset',
] as const;

/**
 * The walk-in events of `GET /api/events/stream`, through the one stream hook (reconnect and
 * `Last-Event-ID` resume included): reception, the staff view and the waiting-room display reload
 * on each, so a change shows within a second.
 */
export function useVisitStream(onEvent: (event: VisitStreamEvent) => void): VisitStreamStatus {
  return useEventStream(onEvent, visitEventTypes);
}
