import type { Logger } from 'pino';
import type { TerminalStatus } from '../../../shared/api/events.js';
import type { PricePoint } from '../../../shared/api/market-data.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { minorToPrice, priceToMinor } from '../../../shared/units.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { PriceSource, StoredPrice } from '../db/repositories/market-data-repository.js';
import type { EventHub } from '../stream/event-hub.js';
import type { FeedTick, PriceFeed } from './price-feed.js';

/** Buffered ticks are written this often, in one transaction. */
export const FLUSH_MS = 1000;
/** At most this many ticks wait for the database; beyond it the oldest are dropped (and counted), never unbounded memory. */
const MAX_BUFFERED = 100_000;
/** A feed is stale after this many missed intervals. */
const STALE_AFTER_INTERVALS = 5;
/** Old ticks are deleted this often (and once shortly after start). */
const PRUNE_EVERY_MS = 60 * 60_000;
const FIRST_PRUNE_MS = 30_000;
const DAY_MS = 86_400_000;

/**
 * Where feed prices go: at once to the event hub (`price-update`) and the in-memory latest
 * price per zone, and in batches into market_data — the source of truth, or the local cache
 * while it is out of reach.
 */
export class MarketIngest {
  private readonly latestByZone = new Map<string, PricePoint>();
  private buffer: StoredPrice[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private lastTickAt: number | null = null;
  private dropped = 0;
  private readonly currency: Map<string, string>;

  constructor(
    private readonly feeds: readonly PriceFeed[],
    zones: readonly MarketZone[],
    private readonly databases: Databases,
    private readonly hub: EventHub,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly tickRetentionDays: number,
  ) {
    this.currency = new Map(zones.map((zone) => [zone.id, zone.currency]));
    hub.provideSnapshot('price-update', () => this.latest());
  }

  start(): void {
    for (const feed of this.feeds) {
      feed.start((ticks) => this.accept(feed.source, ticks));
      this.logger.info({ feed: feed.name, intervalMs: feed.intervalMs }, `Price feed ${feed.name} started`);
    }
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
    const prune = (delayMs: number): void => {
      this.pruneTimer = setTimeout(() => {
        void this.pruneTicks().finally(() => {
          if (this.pruneTimer) prune(PRUNE_EVERY_MS);
        });
      }, delayMs);
      this.pruneTimer.unref();
    };
    prune(FIRST_PRUNE_MS);
  }

  /**
   * Deletes raw ticks older than the retention (OPTIBID_TICK_RETENTION_DAYS) from the database
   * and, with a remote one, from the local cache: a terminal left running for weeks must not
   * fill its disk with a tick per zone per second. Returns how many rows went.
   */
  async pruneTicks(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.tickRetentionDays * DAY_MS);
    const stores = this.databases.primary === this.databases.local ? [this.databases.local] : [this.databases.primary, this.databases.local];
    let deleted = 0;
    for (const store of stores) {
      try {
        deleted += await store.marketData.deleteTicksBefore(cutoff);
      } catch (error) {
        this.logger.warn({ err: error, store: store.target }, 'Old ticks could not be deleted; trying again in an hour');
      }
    }
    if (deleted > 0) this.logger.info({ deleted, before: cutoff.toISOString() }, 'Deleted ticks older than the retention');
    return deleted;
  }

  /** The newest price of each zone (those named, or all), from memory, else from the database. */
  async latest(zoneIds?: readonly string[]): Promise<{ prices: PricePoint[] }> {
    const wanted = (zoneId: string): boolean => !zoneIds || zoneIds.includes(zoneId);
    if (this.latestByZone.size > 0) return { prices: [...this.latestByZone.values()].filter((point) => wanted(point.zoneId)).sort((a, b) => a.zoneId.localeCompare(b.zoneId)) };
    const stored = await this.databases.read((store) => store.marketData.latest('tick', zoneIds));
    return { prices: stored.map((price) => this.toPoint(price)) };
  }

  feedStatus(): TerminalStatus['feed'] {
    if (this.feeds.length === 0) return { state: 'none', source: null };
    const source = this.feeds.map((feed) => feed.name).join(', ');
    const interval = Math.max(...this.feeds.map((feed) => feed.intervalMs));
    const quiet = this.lastTickAt === null || this.clock.now().getTime() - this.lastTickAt > STALE_AFTER_INTERVALS * interval;
    return { state: quiet ? 'stale' : 'live', source };
  }

  /** Writes what is buffered; one write at a time, in arrival order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  async close(): Promise<void> {
    for (const feed of this.feeds) feed.stop();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.pruneTimer = null;
    await this.flush();
  }

  private accept(source: PriceSource, ticks: readonly FeedTick[]): void {
    const receivedAt = this.clock.now();
    this.lastTickAt = receivedAt.getTime();
    const stored = ticks.map((tick): StoredPrice => ({ zoneId: tick.zoneId, market: 'tick', resolutionMinutes: 0, intervalStart: tick.at, priceMinor: priceToMinor(tick.price), source, receivedAt }));
    const points = stored.map((price) => this.toPoint(price));
    for (const point of points) this.latestByZone.set(point.zoneId, point);
    this.hub.publish('price-update', { prices: points });
    this.buffer.push(...stored);
    if (this.buffer.length > MAX_BUFFERED) {
      const excess = this.buffer.length - MAX_BUFFERED;
      this.buffer.splice(0, excess);
      if (this.dropped === 0) this.logger.warn({ excess }, 'Prices are arriving faster than the database takes them; the oldest unwritten ones are dropped');
      this.dropped += excess;
    }
  }

  private async write(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      await this.databases.writeFacts((store) => store.marketData.insertMany(batch));
    } catch (error) {
      // Live prices keep flowing on screen; the batch is lost for history, and said so once per batch.
      this.logger.warn({ err: error, rows: batch.length }, 'A batch of prices could not be written');
    }
  }

  private toPoint(price: StoredPrice): PricePoint {
    return {
      zoneId: price.zoneId,
      market: price.market,
      resolutionMinutes: price.resolutionMinutes,
      at: price.intervalStart.toISOString(),
      price: minorToPrice(price.priceMinor),
      currency: this.currency.get(price.zoneId) ?? 'EUR',
      source: price.source,
    };
  }
}
