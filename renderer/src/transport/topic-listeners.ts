import type { EventTopic } from '../../../shared/api/events.js';
import type { StreamEvent } from '../../../shared/api/stream.js';

type Listener = (event: StreamEvent) => void;

/**
 * Listeners per topic. Every new listener subscribes on the wire (the engine keeps one
 * subscription per topic and answers each subscribe with a fresh snapshot, so a late listener
 * starts from the current state; the others take it as "replace state"); the last one leaving
 * unsubscribes; incoming events reach that topic's listeners only.
 */
export class TopicListeners {
  private readonly byTopic = new Map<EventTopic, Set<Listener>>();

  constructor(private readonly wire: { subscribe(topic: EventTopic): void; unsubscribe(topic: EventTopic): void }) {}

  add<T extends EventTopic>(topic: T, listener: (event: StreamEvent<T>) => void): () => void {
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    this.wire.subscribe(topic);
    const stored = listener as Listener;
    set.add(stored);
    return () => {
      if (!set.delete(stored) || set.size > 0) return;
      this.byTopic.delete(topic);
      this.wire.unsubscribe(topic);
    };
  }

  get topics(): EventTopic[] {
    return [...this.byTopic.keys()];
  }

  dispatch(event: StreamEvent): void {
    for (const listener of this.byTopic.get(event.topic) ?? []) listener(event);
  }
}
