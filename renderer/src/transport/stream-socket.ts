import type { EventTopic } from '../../../shared/api/events.js';
import type { StreamClientMessage, StreamServerMessage } from '../../../shared/api/stream.js';
import { RECONNECT, reconnectDelay } from './backoff.js';
import type { ConnectionState } from './transport.js';
import { TopicListeners } from './topic-listeners.js';

export interface StreamSocketOptions {
  random?: () => number;
  maxAttempts?: number;
}

/** A connection counts as back (and the attempts start again from one) once it has stayed open this long. */
const STABLE_MS = 5000;

/**
 * The browser-mode event stream: one WebSocket to the engine. After a drop it reconnects with
 * backoff and full jitter, up to `maxAttempts` times, then reports `failed` until `retry()`.
 * On every (re)connection it authenticates and re-subscribes every topic — each subscribe
 * brings a fresh snapshot, so nothing missed while away stays missed.
 */
export class StreamSocket {
  readonly listeners: TopicListeners;
  private socket: WebSocket | null = null;
  private token: string | null = null;
  private state: ConnectionState = { state: 'connecting' };
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stableTimer: ReturnType<typeof setTimeout> | null = null;
  /** Topics the engine dropped when the stream lost its caller; subscribed again on the next sign-in. */
  private readonly dropped = new Set<EventTopic>();
  private readonly random: () => number;
  private readonly maxAttempts: number;

  constructor(
    private readonly url: string,
    options: StreamSocketOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? RECONNECT.maxAttempts;
    this.listeners = new TopicListeners({
      subscribe: (topic) => this.send({ type: 'subscribe', topic }),
      unsubscribe: (topic) => this.send({ type: 'unsubscribe', topic }),
    });
    this.connect();
  }

  connection(): ConnectionState {
    return this.state;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  setAccessToken(token: string | null): void {
    this.token = token;
    this.send(token ? { type: 'auth', accessToken: token } : { type: 'sign-out' });
  }

  retry(): void {
    if (this.state.state !== 'failed') return;
    this.attempt = 0;
    this.connect();
  }

  private connect(): void {
    // A reconnection attempt stays "reconnecting n/5" until it opens or fails.
    if (this.attempt === 0) this.setState({ state: 'connecting' });
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      // Not at once: a server that accepts and then closes must still use up the attempts.
      this.stableTimer = setTimeout(() => (this.attempt = 0), STABLE_MS);
      this.setState({ state: 'open' });
      if (this.token) this.send({ type: 'auth', accessToken: this.token });
      for (const topic of this.listeners.topics) this.send({ type: 'subscribe', topic });
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => this.receive(message.data));
    // A failed connection reports an error and then a close: the close handler reconnects.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stableTimer) clearTimeout(this.stableTimer);
      this.scheduleReconnect();
    });
  }

  private receive(text: string): void {
    let message: StreamServerMessage;
    try {
      message = JSON.parse(text) as StreamServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'event':
        this.listeners.dispatch(message);
        return;
      case 'unsubscribed':
        if (this.listeners.topics.includes(message.topic)) this.dropped.add(message.topic);
        return;
      case 'authenticated':
        for (const topic of this.dropped) if (this.listeners.topics.includes(topic)) this.send({ type: 'subscribe', topic });
        this.dropped.clear();
        return;
      default:
        return;
    }
  }

  private scheduleReconnect(): void {
    if (this.attempt >= this.maxAttempts) {
      this.setState({ state: 'failed', attempts: this.attempt });
      return;
    }
    this.attempt += 1;
    const delay = reconnectDelay(this.attempt, this.random);
    this.setState({ state: 'reconnecting', attempt: this.attempt, maxAttempts: this.maxAttempts, retryAt: Date.now() + delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }

  private send(message: StreamClientMessage): void {
    // Sent again on (re)connection from the token and topic list, so nothing is lost while closed.
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }
}
