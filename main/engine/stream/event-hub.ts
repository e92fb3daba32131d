import type { Logger } from 'pino';
import type { EngineEventMap, EventTopic } from '../../../shared/api/events.js';
import type { Caller } from '../auth/caller.js';

/** Who may receive an event: everyone subscribed, the members of one organisation, or one user. */
export type Audience = { kind: 'everyone' } | { kind: 'organization'; organizationId: string } | { kind: 'user'; userId: string };
export const EVERYONE: Audience = { kind: 'everyone' };

/** Topics anyone connected may follow (as public as /health); every other topic needs a signed-in caller. */
const PUBLIC_TOPICS: ReadonlySet<EventTopic> = new Set<EventTopic>(['terminal-status']);

export const isPublicTopic = (topic: EventTopic): boolean => PUBLIC_TOPICS.has(topic);

/** A subscriber: who is looking (read at each delivery, so a re-authentication applies at once) and where events go. */
export interface HubListener<T extends EventTopic> {
  viewer(): Caller | null;
  deliver(data: EngineEventMap[T]): void;
}

/** The current state of a topic as the viewer may see it, sent right after subscribing. */
export type EventRelay = <T extends EventTopic>(topic: T, data: EngineEventMap[T], audience: Audience) => void;

export type SnapshotSource<T extends EventTopic> = (viewer: Caller | null) => Promise<EngineEventMap[T] | null>;

function mayReceive(viewer: Caller | null, audience: Audience): boolean {
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'organization':
      return viewer?.organizationId === audience.organizationId;
    case 'user':
      return viewer?.userId === audience.userId;
  }
}

/**
 * The engine's typed publish/subscribe of events, in memory. Producers (the status monitor now;
 * price feeds and the bid service later) publish; WebSocket connections and IPC subscribers
 * listen through a StreamSession. Delivery is synchronous and a failing listener is logged
 * and skipped: one broken consumer never stops the others.
 */
export class EventHub {
  private readonly listeners = new Map<EventTopic, Set<HubListener<never>>>();
  private readonly snapshots = new Map<EventTopic, SnapshotSource<never>>();
  private relay: EventRelay | null = null;
  private readonly observers = new Map<EventTopic, Set<(data: never) => void>>();

  constructor(private readonly logger: Logger) {}

  /**
   * Delivers to every listener of the topic allowed to see it, and passes the event to the relay
   * (other processes) when one is set; returns how many listeners here received it.
   */
  publish<T extends EventTopic>(topic: T, data: EngineEventMap[T], audience: Audience = EVERYONE): number {
    const delivered = this.publishHere(topic, data, audience);
    this.relay?.(topic, data, audience);
    return delivered;
  }

  /** Sends this process's events on to other processes (the Redis bridge); null stops it. */
  relayTo(relay: EventRelay | null): void {
    this.relay = relay;
  }

  /** Delivers to this process's listeners only: for an event that came from another process. */
  publishHere<T extends EventTopic>(topic: T, data: EngineEventMap[T], audience: Audience = EVERYONE): number {
    let delivered = 0;
    for (const listener of this.listenersOf(topic)) {
      if (!mayReceive(listener.viewer(), audience)) continue;
      try {
        listener.deliver(data);
        delivered += 1;
      } catch (error) {
        this.logger.warn({ err: error, topic }, 'An event listener failed; the others still received the event');
      }
    }
    // After the subscribers: what an observer publishes in turn (an alert on this price) reaches them after the event that caused it.
    for (const observer of this.observers.get(topic) ?? []) {
      try {
        (observer as (data: EngineEventMap[T]) => void)(data);
      } catch (error) {
        this.logger.warn({ err: error, topic }, 'An event observer failed; the others still received the event');
      }
    }
    return delivered;
  }

  /**
   * For consumers inside the engine (alert rules): every event of the topic, whatever its
   * audience. Not a subscriber: neither counted in what `publish` returns nor in listenerCount,
   * which tell how many clients an event reached.
   */
  observe<T extends EventTopic>(topic: T, observer: (data: EngineEventMap[T]) => void): () => void {
    let set = this.observers.get(topic);
    if (!set) {
      set = new Set();
      this.observers.set(topic, set);
    }
    set.add(observer);
    return () => set.delete(observer);
  }

  subscribe<T extends EventTopic>(topic: T, listener: HubListener<T>): () => void {
    const set = this.listenersOf(topic);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Registers how to read a topic's current state (one source per topic). */
  provideSnapshot<T extends EventTopic>(topic: T, source: SnapshotSource<T>): void {
    if (this.snapshots.has(topic)) throw new Error(`A snapshot source for ${topic} is already registered`);
    this.snapshots.set(topic, source as SnapshotSource<never>);
  }

  async snapshot<T extends EventTopic>(topic: T, viewer: Caller | null): Promise<EngineEventMap[T] | null> {
    const source = this.snapshots.get(topic) as SnapshotSource<T> | undefined;
    return source ? source(viewer) : null;
  }

  /** Listeners per topic (tests now; stream statistics later). */
  listenerCount(topic: EventTopic): number {
    return this.listeners.get(topic)?.size ?? 0;
  }

  private listenersOf<T extends EventTopic>(topic: T): Set<HubListener<T>> {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    return set;
  }
}
