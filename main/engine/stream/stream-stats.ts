import type { Clock } from '../clock.js';

/** Rates are averaged over this many one-second buckets. */
const WINDOW_SECONDS = 10;

/** A count per second over the last WINDOW_SECONDS, from one-second buckets keyed by the clock. */
class RateCounter {
  private readonly buckets = new Map<number, number>();

  constructor(private readonly clock: Clock) {}

  add(n = 1): void {
    const second = Math.floor(this.clock.now().getTime() / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + n);
    for (const key of this.buckets.keys()) if (key <= second - WINDOW_SECONDS) this.buckets.delete(key);
  }

  perSecond(): number {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let total = 0;
    for (const [second, count] of this.buckets) if (second > now - WINDOW_SECONDS) total += count;
    return Math.round((total / WINDOW_SECONDS) * 10) / 10;
  }
}

/** What the WebSocket stream is doing, for GET /api/ws/stats: connections, and messages and drops per second. */
export class StreamStats {
  connections = 0;
  closedTooSlow = 0;
  private readonly sent: RateCounter;
  private readonly coalesced: RateCounter;

  constructor(clock: Clock) {
    this.sent = new RateCounter(clock);
    this.coalesced = new RateCounter(clock);
  }

  messageSent(): void {
    this.sent.add();
  }

  pricesCoalesced(n: number): void {
    if (n > 0) this.coalesced.add(n);
  }

  snapshot(): { connections: number; messagesPerSecond: number; coalescedPerSecond: number; closedTooSlow: number } {
    return { connections: this.connections, messagesPerSecond: this.sent.perSecond(), coalescedPerSecond: this.coalesced.perSecond(), closedTooSlow: this.closedTooSlow };
  }
}
