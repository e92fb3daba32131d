import type { PricePoint } from '../../../shared/api/market-data.js';
import { StreamCloseCodes, type StreamServerMessage } from '../../../shared/api/stream.js';
import { eventText } from './event-text.js';

/** The part of a WebSocket the sender needs (ws's WebSocket has it). */
export interface OutgoingSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface BackpressureLimits {
  /** Above this many unsent bytes, price updates are held and merged (latest per zone). */
  lowWaterBytes: number;
  /** Above this, the consumer cannot keep up even with merged updates: it is closed. */
  highWaterBytes: number;
  /** How often held prices are offered again. */
  retryMs: number;
}

/** Told what the sender did, for the stream's statistics. */
export interface SenderObserver {
  sent(): void;
  coalesced(points: number): void;
  closedTooSlow(): void;
}

const UNOBSERVED: SenderObserver = { sent: () => undefined, coalesced: () => undefined, closedTooSlow: () => undefined };

export const DEFAULT_LIMITS: BackpressureLimits = { lowWaterBytes: 256 * 1024, highWaterBytes: 4 * 1024 * 1024, retryMs: 50 };

/**
 * Sends stream messages to one WebSocket without letting a slow reader cost memory or slow
 * anyone else: while its socket has a backlog, its price updates are merged to the latest
 * price per zone (a trader wants the price now, not every price since) and sent as one update
 * once the backlog has drained; a reader that falls behind even so is closed with a reason.
 * Everything else (confirmations, snapshots, errors) is sent as it comes.
 */
export class CoalescingSender {
  private readonly held = new Map<string, PricePoint>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Price points replaced by a newer one of the same zone before they could be sent. */
  coalesced = 0;

  constructor(
    private readonly socket: OutgoingSocket,
    private readonly observer: SenderObserver = UNOBSERVED,
    private readonly limits: BackpressureLimits = DEFAULT_LIMITS,
  ) {}

  send(message: StreamServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.highWaterBytes) {
      this.close();
      return;
    }
    const isLivePrices = message.type === 'event' && message.topic === 'price-update' && !message.snapshot;
    if (isLivePrices && (this.held.size > 0 || this.socket.bufferedAmount > this.limits.lowWaterBytes)) {
      let replaced = 0;
      for (const point of message.data.prices) {
        if (this.held.has(point.zoneId)) replaced += 1;
        this.held.set(point.zoneId, point);
      }
      this.coalesced += replaced;
      this.observer.coalesced(replaced);
      this.timer ??= setTimeout(() => this.release(), this.limits.retryMs);
      return;
    }
    this.socket.send(eventText(message));
    this.observer.sent();
  }

  dispose(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private release(): void {
    this.timer = null;
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.highWaterBytes) {
      this.close();
      return;
    }
    if (this.socket.bufferedAmount > this.limits.lowWaterBytes) {
      this.timer = setTimeout(() => this.release(), this.limits.retryMs);
      return;
    }
    const prices = [...this.held.values()];
    this.held.clear();
    this.socket.send(JSON.stringify({ type: 'event', topic: 'price-update', snapshot: false, data: { prices } } satisfies StreamServerMessage));
    this.observer.sent();
  }

  private close(): void {
    this.socket.close(StreamCloseCodes.tooSlow, 'Too slow: events were piling up unread');
    this.observer.closedTooSlow();
    this.dispose();
  }
}
