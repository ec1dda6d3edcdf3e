import { useEffect, useRef, useState } from 'react';

export type VisitStreamStatus = 'connecting' | 'open' | 'retrying';

export interface VisitStreamEvent {
  type: string;
  data: Record<string, unknown>;
}

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
] as const;

/**
 * The walk-in events of `GET /api/events/stream`: reception, the staff view and the waiting-room
 * display reload on each, so a change shows within a second. EventSource reconnects by itself.
 */
export function useVisitStream(onEvent: (event: VisitStreamEvent) => void): VisitStreamStatus {
  const [status, setStatus] = useState<VisitStreamStatus>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events/stream', { withCredentials: true });
    source.onopen = () => setStatus('open');
    source.onerror = () => setStatus('retrying');
    const listener = (message: MessageEvent<string>) => {
      try {
        handler.current({ type: message.type, data: JSON.parse(message.data) as Record<string, unknown> });
      } catch {
        // A malformed event is skipped; the next reload corrects the screen.
      }
    };
    for (const type of visitEventTypes) source.addEventListener(type, listener);
    return () => source.close();
  }, []);
  return status;
}
