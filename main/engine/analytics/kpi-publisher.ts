import type { Logger } from 'pino';
import type { TradingKpis } from '../../../shared/api/analytics.js';
import type { EventHub } from '../stream/event-hub.js';

/**
 * After an organisation's bids change, at most one KPI computation per PAUSE_MS: a burst (a day
 * copied, a queue of offline writes replayed, a day's results deciding dozens of bids) is one
 * publication, and the last change is always in the one that follows it.
 */
const PAUSE_MS = 250;

interface Pending {
  timer: NodeJS.Timeout | null;
  /** A computation under way; a change heard meanwhile schedules another after it. */
  running: Promise<void> | null;
  again: boolean;
}

/**
 * Keeps every open terminal's KPI tiles current: hears each bid-update and each change of the
 * trading day (from this engine, or relayed from another process), marks the organisation's cached KPIs out of date and, while
 * anyone follows `kpis`, recomputes them (which also refreshes the cache) and publishes them to
 * that organisation only; a new subscriber gets them as its snapshot.
 */
export class KpiPublisher {
  private readonly pending = new Map<string, Pending>();
  private stop: (() => void) | null = null;

  constructor(
    private readonly events: EventHub,
    private readonly kpis: { kpis(organizationId: string): Promise<TradingKpis>; markKpisStale(organizationId: string): void; refreshKpis(organizationId: string): Promise<TradingKpis> },
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.events.provideSnapshot('kpis', async (viewer) => (viewer?.organizationId ? this.kpis.kpis(viewer.organizationId) : null));
    const stops = [
      this.events.observe('bid-update', (update) => this.outOfDate(update.organizationId)),
      this.events.observe('organization-setting', (change) => {
        if (change.setting === 'tradingDay') this.outOfDate(change.organizationId);
      }),
    ];
    this.stop = () => stops.forEach((stop) => stop());
  }

  /** Something the organisation's KPIs are computed from changed (a bid, its trading day). */
  private outOfDate(organizationId: string): void {
    this.kpis.markKpisStale(organizationId);
    // Computed only for someone watching: a replay of thousands of queued writes with no KPI
    // tile open costs nothing here, and the next request computes them fresh.
    if (this.stop && this.events.listenerCount('kpis') > 0) this.changed(organizationId);
  }

  async close(): Promise<void> {
    this.stop?.();
    this.stop = null;
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    await Promise.all([...this.pending.values()].flatMap((entry) => (entry.running ? [entry.running] : [])));
    this.pending.clear();
  }

  private changed(organizationId: string): void {
    const entry = this.pending.get(organizationId) ?? { timer: null, running: null, again: false };
    this.pending.set(organizationId, entry);
    if (entry.running) {
      entry.again = true;
      return;
    }
    entry.timer ??= setTimeout(() => {
      entry.timer = null;
      entry.running = this.publish(organizationId).finally(() => {
        entry.running = null;
        if (!this.stop) return;
        if (entry.again) {
          entry.again = false;
          this.changed(organizationId);
        } else this.pending.delete(organizationId);
      });
    }, PAUSE_MS);
  }

  private async publish(organizationId: string): Promise<void> {
    try {
      const kpis = await this.kpis.refreshKpis(organizationId);
      this.events.publish('kpis', kpis, { kind: 'organization', organizationId });
    } catch (error) {
      this.logger.warn({ err: error, organizationId }, 'The trading KPIs could not be recomputed after a bid change; the next change or request tries again');
    }
  }
}
