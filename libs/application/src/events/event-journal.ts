import { Clock } from '../ports/clock.port';
import { DaemonEvent, DaemonEventDraft } from './daemon-event';

/** How many recent events a journal keeps by default. */
export const DEFAULT_EVENT_CAPACITY = 200;

/**
 * The daemon's recent events: a ring buffer of the last `capacity` events plus live listeners.
 * Numbers events in order and stamps them with the clock's time.
 */
export class EventJournal {
  private readonly buffer: DaemonEvent[] = [];
  private readonly listeners = new Set<(event: DaemonEvent) => void>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly capacity = DEFAULT_EVENT_CAPACITY,
  ) {}

  /** Numbers, stamps, keeps and hands `draft` to every listener; returns the event. */
  record(draft: DaemonEventDraft): DaemonEvent {
    const event: DaemonEvent = { seq: ++this.seq, at: this.clock.now(), ...draft };
    this.buffer.push(event);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener must not cost the others their events.
      }
    }
    return event;
  }

  /** The last `limit` events kept (all when omitted), oldest first. */
  recent(limit?: number): DaemonEvent[] {
    return limit === undefined ? [...this.buffer] : this.buffer.slice(Math.max(0, this.buffer.length - limit));
  }

  /** Calls `listener` with every event from now on; returns a function that stops it. */
  onEvent(listener: (event: DaemonEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
