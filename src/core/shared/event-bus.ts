/**
 * In-process publish/subscribe for domain events (ticket created, call ended, promise broken…).
 * Subscribers are jobs, KPI caches and the live dashboard's server-sent events. A failing
 * subscriber is reported to `onError` and never breaks the publisher or the other subscribers.
 */
export interface DomainEvent {
  type: string;
  at: number;
  [key: string]: unknown;
}

export type EventHandler<E extends DomainEvent = DomainEvent> = (event: E) => void | Promise<void>;

export class EventBus {
  private readonly handlers = new Map<string, Set<EventHandler>>();

  constructor(private readonly onError: (err: unknown, event: DomainEvent) => void = () => undefined) {}

  /** Subscribes to one event type, or to every event with `*`. Returns the unsubscribe function. */
  on<E extends DomainEvent = DomainEvent>(type: string, handler: EventHandler<E>): () => void {
    const set = this.handlers.get(type) ?? new Set();
    set.add(handler as EventHandler);
    this.handlers.set(type, set);
    return () => set.delete(handler as EventHandler);
  }

  async publish(event: DomainEvent): Promise<void> {
    const targets = [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])];
    for (const h of targets) {
      try {
        await h(event);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }
}
