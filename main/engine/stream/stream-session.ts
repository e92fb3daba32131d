import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import type { ErrorEnvelope } from '../../../shared/api/errors.js';
import type { EngineEventMap, EventTopic } from '../../../shared/api/events.js';
import { StreamClientMessage, type StreamEvent, type StreamServerMessage } from '../../../shared/api/stream.js';
import type { Caller } from '../auth/caller.js';
import { AppError } from '../http/app-error.js';
import type { Clock } from '../clock.js';
import { isPublicTopic, type EventHub } from './event-hub.js';
import { isZonedTopic, selectZones } from './zone-selection.js';

export type SendToClient = (message: StreamServerMessage) => void;

export interface StreamSessionOptions {
  /**
   * How often the credential of a signed-in stream is checked again: an expired token, a
   * session signed out elsewhere or a revoked API key stops private events within this time.
   */
  recheckMs?: number;
  /** The zone catalogue's ids: a subscription naming another zone is refused. */
  knownZones?: ReadonlySet<string>;
}

export const RECHECK_MS = 60_000;

/** An event as the stream sends it, its payload tied to its topic. */
function eventMessage<T extends EventTopic>(topic: T, data: EngineEventMap[T], snapshot: boolean): StreamEvent<T> {
  return { type: 'event', topic, snapshot, data };
}

const errorMessage = (error: ErrorEnvelope['error']): StreamServerMessage => ({ type: 'error', error });

/**
 * One client of the event stream — a WebSocket connection or an Electron window — speaking the
 * protocol of shared/api/stream.ts. Messages are handled one at a time in arrival order, so a
 * `subscribe` sent right after `auth` sees the caller that `auth` established. Re-authenticating
 * (a refreshed token) keeps every subscription.
 */
export class StreamSession {
  private caller: Caller | null = null;
  private credential: string | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;
  private readonly subscriptions = new Map<EventTopic, () => void>();
  /** The zones chosen per subscribed topic; null (or absent) means every zone. */
  private readonly zoneSelection = new Map<EventTopic, Set<string> | null>();
  /** Events that arrived while the topic's snapshot was being read: sent after it, never before. */
  private readonly held = new Map<EventTopic, StreamServerMessage[]>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly recheckMs: number;
  private readonly knownZones: ReadonlySet<string> | null;

  constructor(
    private readonly hub: EventHub,
    private readonly authenticate: (credential: string) => Promise<Caller>,
    private readonly send: SendToClient,
    private readonly logger: Logger,
    clock: Clock,
    options: StreamSessionOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? RECHECK_MS;
    this.knownZones = options.knownZones ?? null;
    send({ type: 'hello', serverTime: clock.now().toISOString(), protocol: 1 });
  }

  /** Handles one message from the client (already parsed from JSON where the transport is text). */
  handle(raw: unknown): Promise<void> {
    // A message that fails unexpectedly is logged; it never stalls the messages after it.
    this.queue = this.queue.then(() => this.process(raw)).catch((error: unknown) => this.logger.error({ err: error }, 'Stream message failed'));
    return this.queue;
  }

  get topics(): EventTopic[] {
    return [...this.subscriptions.keys()];
  }

  close(): void {
    this.closed = true;
    this.stopRecheck();
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.zoneSelection.clear();
    this.held.clear();
  }

  private async process(raw: unknown): Promise<void> {
    if (this.closed) return;
    if (!Value.Check(StreamClientMessage, raw)) {
      const details = [...Value.Errors(StreamClientMessage, raw)].slice(0, 5).map((e) => ({ field: `message${e.path.replace(/\//g, '.')}`, message: e.message }));
      this.send(errorMessage({ code: 'INVALID_STREAM_MESSAGE', message: 'Expected {type:"auth",accessToken}, {type:"sign-out"} or {type:"subscribe"|"unsubscribe",topic}', type: 'validation_error', details }));
      return;
    }
    try {
      switch (raw.type) {
        case 'auth':
          await this.signIn(raw.accessToken);
          return;
        case 'sign-out':
          this.signOut();
          this.send({ type: 'signed-out' });
          return;
        case 'subscribe':
          await this.subscribe(raw.topic, raw.zones);
          return;
        case 'unsubscribe':
          this.unsubscribe(raw.topic, raw.zones);
          return;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.send({ type: 'error', ...error.toEnvelope() });
    }
  }

  private async signIn(credential: string): Promise<void> {
    try {
      this.caller = await this.authenticate(credential);
    } catch (error) {
      // A failed re-authentication signs the stream out: it never keeps an older identity.
      this.signOut();
      throw error;
    }
    this.credential = credential;
    this.scheduleRecheck();
    this.send({ type: 'authenticated', userId: this.caller.userId, organizationId: this.caller.organizationId });
  }

  private signOut(): void {
    this.caller = null;
    this.credential = null;
    this.stopRecheck();
    this.dropPrivateTopics();
  }

  /** Checks the credential again, in the message queue so it never interleaves with an `auth`. */
  private scheduleRecheck(): void {
    this.stopRecheck();
    this.recheckTimer = setTimeout(() => {
      const credential = this.credential;
      if (!credential) return;
      void this.handleInQueue(async () => {
        if (this.closed || this.credential !== credential) return;
        try {
          this.caller = await this.authenticate(credential);
          this.scheduleRecheck();
        } catch (error) {
          this.signOut();
          if (!(error instanceof AppError)) throw error;
          this.send({ type: 'error', ...error.toEnvelope() });
        }
      });
    }, this.recheckMs);
    this.recheckTimer.unref();
  }

  private handleInQueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: unknown) => this.logger.error({ err: error }, 'Stream credential check failed'));
    return this.queue;
  }

  private stopRecheck(): void {
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
  }

  /** Subscribes the topic (for these zones, or all); a repeated subscribe widens the selection. */
  private async subscribe(topic: EventTopic, zones?: readonly string[]): Promise<void> {
    if (!isPublicTopic(topic) && !this.caller) throw new AppError('authentication_error', 'TOKEN_MISSING', `Send {type:"auth"} with an access token before subscribing to ${topic}`);
    if (zones) this.checkZones(topic, zones);
    const current = this.zoneSelection.get(topic);
    const widened = !zones || current === null ? null : new Set([...(current ?? []), ...zones]);
    this.zoneSelection.set(topic, widened);
    // Events published while the snapshot is read wait for it: the client sees the state, then what changed since.
    const held: StreamServerMessage[] = [];
    this.held.set(topic, held);
    if (!this.subscriptions.has(topic)) {
      const unsubscribe = this.hub.subscribe(topic, {
        viewer: () => this.caller,
        deliver: (data) => {
          const selected = selectZones(topic, data, this.zoneSelection.get(topic) ?? null);
          if (selected.empty) return;
          const message = eventMessage(topic, selected.data, false);
          const waiting = this.held.get(topic);
          if (waiting) waiting.push(message);
          else this.send(message);
        },
      });
      this.subscriptions.set(topic, unsubscribe);
    }
    this.send(widened ? { type: 'subscribed', topic, zones: [...widened].sort() } : { type: 'subscribed', topic });
    try {
      // Sent on every subscribe, also a repeated one: it is how a reconnected client catches up.
      const snapshot = await this.hub.snapshot(topic, this.caller);
      if (snapshot !== null && !this.closed) this.send(eventMessage(topic, selectZones(topic, snapshot, widened).data, true));
    } finally {
      if (this.held.get(topic) === held) {
        this.held.delete(topic);
        if (!this.closed) for (const message of held) this.send(message);
      }
    }
  }

  /** Unsubscribes the topic, or only these zones of it (the last zone gone ends the subscription). */
  private unsubscribe(topic: EventTopic, zones?: readonly string[]): void {
    const current = this.zoneSelection.get(topic);
    if (zones && current !== undefined) {
      this.checkZones(topic, zones);
      if (current === null) throw new AppError('validation_error', 'ZONES_NOT_SELECTED', `${topic} is subscribed for every zone; unsubscribe the topic, or subscribe again naming the zones wanted`, [{ field: 'message.zones', message: 'this subscription has no zone selection' }]);
      for (const zone of zones) current.delete(zone);
      if (current.size > 0) {
        this.send({ type: 'unsubscribed', topic, zones: [...zones] });
        return;
      }
    }
    this.drop(topic);
    this.send({ type: 'unsubscribed', topic });
  }

  private drop(topic: EventTopic): void {
    this.subscriptions.get(topic)?.();
    this.subscriptions.delete(topic);
    this.zoneSelection.delete(topic);
    this.held.delete(topic);
  }

  private checkZones(topic: EventTopic, zones: readonly string[]): void {
    if (!isZonedTopic(topic)) throw new AppError('validation_error', 'ZONES_NOT_APPLICABLE', `${topic} events do not belong to zones; subscribe without zones`, [{ field: 'message.zones', message: 'not allowed for this topic' }]);
    const unknown = this.knownZones ? zones.filter((zone) => !this.knownZones?.has(zone)) : [];
    if (unknown.length > 0) throw new AppError('not_found', 'ZONE_NOT_FOUND', `Unknown market zone${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, [{ field: 'message.zones', message: 'not in the zone catalogue', value: unknown }]);
  }

  private dropPrivateTopics(): void {
    for (const topic of [...this.subscriptions.keys()]) {
      if (isPublicTopic(topic)) continue;
      this.drop(topic);
      this.send({ type: 'unsubscribed', topic });
    }
  }
}
