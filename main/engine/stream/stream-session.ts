import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import type { ErrorEnvelope } from '../../../shared/api/errors.js';
import type { EngineEventMap, EventTopic } from '../../../shared/api/events.js';
import { StreamClientMessage, type StreamEvent, type StreamServerMessage } from '../../../shared/api/stream.js';
import type { Caller } from '../auth/caller.js';
import { AppError } from '../http/app-error.js';
import type { Clock } from '../clock.js';
import { isPublicTopic, type EventHub } from './event-hub.js';

export type SendToClient = (message: StreamServerMessage) => void;

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
  private readonly subscriptions = new Map<EventTopic, () => void>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly hub: EventHub,
    private readonly authenticate: (credential: string) => Promise<Caller>,
    private readonly send: SendToClient,
    private readonly logger: Logger,
    clock: Clock,
  ) {
    send({ type: 'hello', serverTime: clock.now().toISOString(), protocol: 1 });
  }

  /** Handles one message from the client (already parsed from JSON where the transport is text). */
  handle(raw: unknown): Promise<void> {
    this.queue = this.queue.then(() => this.process(raw));
    return this.queue;
  }

  get topics(): EventTopic[] {
    return [...this.subscriptions.keys()];
  }

  close(): void {
    this.closed = true;
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
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
          this.caller = null;
          this.dropPrivateTopics();
          this.send({ type: 'signed-out' });
          return;
        case 'subscribe':
          await this.subscribe(raw.topic);
          return;
        case 'unsubscribe':
          this.subscriptions.get(raw.topic)?.();
          this.subscriptions.delete(raw.topic);
          this.send({ type: 'unsubscribed', topic: raw.topic });
          return;
      }
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.logger.error({ err: error }, 'Stream message failed');
        this.send(errorMessage({ code: 'INTERNAL_ERROR', message: 'The engine could not handle this message', type: 'internal_error', details: null }));
        return;
      }
      this.send({ type: 'error', ...error.toEnvelope() });
    }
  }

  private async signIn(credential: string): Promise<void> {
    try {
      this.caller = await this.authenticate(credential);
    } catch (error) {
      // A failed re-authentication signs the stream out: it never keeps an older identity.
      this.caller = null;
      this.dropPrivateTopics();
      throw error;
    }
    this.send({ type: 'authenticated', userId: this.caller.userId, organizationId: this.caller.organizationId });
  }

  private async subscribe(topic: EventTopic): Promise<void> {
    if (!isPublicTopic(topic) && !this.caller) throw new AppError('authentication_error', 'TOKEN_MISSING', `Send {type:"auth"} with an access token before subscribing to ${topic}`);
    if (!this.subscriptions.has(topic)) {
      const unsubscribe = this.hub.subscribe(topic, {
        viewer: () => this.caller,
        deliver: (data) => this.send(eventMessage(topic, data, false)),
      });
      this.subscriptions.set(topic, unsubscribe);
    }
    this.send({ type: 'subscribed', topic });
    // Sent on every subscribe, also a repeated one: it is how a reconnected client catches up.
    const snapshot = await this.hub.snapshot(topic, this.caller);
    if (snapshot !== null && !this.closed) this.send(eventMessage(topic, snapshot, true));
  }

  private dropPrivateTopics(): void {
    for (const [topic, unsubscribe] of this.subscriptions) {
      if (isPublicTopic(topic)) continue;
      unsubscribe();
      this.subscriptions.delete(topic);
      this.send({ type: 'unsubscribed', topic });
    }
  }
}
