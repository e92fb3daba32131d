import type { Logger } from 'pino';
import type { TerminalStatus } from '../../../shared/api/events.js';
import type { PricePoint, PriceUpdate } from '../../../shared/api/market-data.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { minorToPrice, priceToMinor } from '../../../shared/units.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { PriceSource, StoredPrice } from '../db/repositories/market-data-repository.js';
import { AppError, notFound } from '../http/app-error.js';
import type { EventHub } from '../stream/event-hub.js';
import type { DayAheadResult } from './day-ahead-results.js';
import type { FeedTick, PriceFeed } from './price-feed.js';

/** Buffered ticks are written this often, in one transaction. */
const FLUSH_MS = 1000;
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
  /** Prices already in the shared database (heard from it or another process): kept in the local cache only. */
  private localBuffer: StoredPrice[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private lastTickAt: number | null = null;
  private dropped = 0;
  private readonly zones: Map<string, MarketZone>;

  constructor(
    private readonly feeds: readonly PriceFeed[],
    zones: readonly MarketZone[],
    private readonly databases: Databases,
    private readonly hub: EventHub,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly tickRetentionDays: number,
  ) {
    this.zones = new Map(zones.map((zone) => [zone.id, zone]));
    hub.provideSnapshot('price-update', () => this.latest());
  }

  start(): void {
    for (const feed of this.feeds) {
      feed.start(
        (ticks) => this.accept(feed.source, ticks),
        (result) => void this.acceptDayAhead(feed.source, result),
      );
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

  /**
   * A price given by hand (an administrator's broadcast): checked against the zone's limits and
   * the cent grid, then handled like a feed tick. Returns how many subscribers it reached.
   */
  acceptManual(tick: FeedTick): number {
    const zone = this.zones.get(tick.zoneId);
    if (!zone) throw notFound('ZONE_NOT_FOUND', `Market zone ${tick.zoneId} does not exist`, { id: tick.zoneId });
    const { floor, cap } = zone.priceLimits;
    const field = (message: string): AppError => new AppError('validation_error', 'INVALID_PRICE', message, [{ field: 'body.price', message, value: tick.price }]);
    if (tick.price < floor || tick.price > cap) throw field(`${String(tick.price)} is outside ${zone.id}'s limits (${String(floor)} to ${String(cap)} ${zone.currency}/MWh)`);
    if (Math.abs(tick.price * 100 - Math.round(tick.price * 100)) > 1e-6) throw field(`${String(tick.price)} is not a whole number of cents`);
    return this.accept('manual', [tick]);
  }

  /**
   * Prices written to the shared database by another terminal or a central feeder (or by this
   * one: its own echo): ticks newer than the zone's latest are shown at once; all are kept in
   * the local cache so they can be read offline, and never written back upstream.
   */
  acceptShared(prices: readonly StoredPrice[]): void {
    const fresh = prices.filter((price) => price.market === 'tick' && this.isNewest(price));
    if (fresh.length > 0) {
      const points = fresh.map((price) => this.toPoint(price));
      for (const point of points) this.latestByZone.set(point.zoneId, point);
      this.lastTickAt = this.clock.now().getTime();
      // Heard from elsewhere: every other process hears it from there too, so it is not relayed on.
      this.hub.publishHere('price-update', { prices: points });
    }
    this.localBuffer.push(...prices);
    this.localBuffer = this.bounded(this.localBuffer);
  }

  /**
   * A delivery day's results: stored at once (one transaction; a republished day replaces the
   * same rows) and announced as a `day-ahead-result` event.
   */
  async acceptDayAhead(source: PriceSource, result: DayAheadResult): Promise<void> {
    const receivedAt = this.clock.now();
    const rows = result.periods.map((period): StoredPrice => ({ zoneId: result.zoneId, market: 'day_ahead', resolutionMinutes: result.resolutionMinutes, intervalStart: period.start, priceMinor: priceToMinor(period.price), source, receivedAt }));
    try {
      await this.databases.writeFacts((store) => store.marketData.insertMany(rows));
    } catch (error) {
      this.logger.warn({ err: error, zoneId: result.zoneId, deliveryDay: result.deliveryDay }, 'Day-ahead results could not be stored; they are still shown');
    }
    this.hub.publish('day-ahead-result', {
      zoneId: result.zoneId,
      deliveryDay: result.deliveryDay,
      resolutionMinutes: result.resolutionMinutes,
      currency: this.zones.get(result.zoneId)?.currency ?? 'EUR',
      source,
      periods: result.periods.map((period) => ({ at: period.start.toISOString(), price: period.price })),
    });
  }

  /** A price update another process of the floor published (relayed by Redis). */
  acceptRelayed(update: PriceUpdate): void {
    const receivedAt = this.clock.now();
    this.acceptShared(
      update.prices.map((point) => ({ zoneId: point.zoneId, market: point.market, resolutionMinutes: point.resolutionMinutes, intervalStart: new Date(point.at), priceMinor: priceToMinor(point.price), source: point.source, receivedAt })),
    );
  }

  private isNewest(price: StoredPrice): boolean {
    const latest = this.latestByZone.get(price.zoneId);
    return !latest || Date.parse(latest.at) < price.intervalStart.getTime();
  }

  private accept(source: PriceSource, ticks: readonly FeedTick[]): number {
    const receivedAt = this.clock.now();
    this.lastTickAt = receivedAt.getTime();
    const stored = ticks.map((tick): StoredPrice => ({ zoneId: tick.zoneId, market: 'tick', resolutionMinutes: 0, intervalStart: tick.at, priceMinor: priceToMinor(tick.price), source, receivedAt }));
    const points = stored.map((price) => this.toPoint(price));
    for (const point of points) this.latestByZone.set(point.zoneId, point);
    const delivered = this.hub.publish('price-update', { prices: points });
    this.buffer.push(...stored);
    this.buffer = this.bounded(this.buffer);
    return delivered;
  }

  /** At most MAX_BUFFERED waiting prices: beyond it the oldest go (counted), never unbounded memory. */
  private bounded(buffer: StoredPrice[]): StoredPrice[] {
    if (buffer.length <= MAX_BUFFERED) return buffer;
    const excess = buffer.length - MAX_BUFFERED;
    if (this.dropped === 0) this.logger.warn({ excess }, 'Prices are arriving faster than the database takes them; the oldest unwritten ones are dropped');
    this.dropped += excess;
    return buffer.slice(excess);
  }

  private async write(): Promise<void> {
    const batch = this.buffer;
    const shared = this.localBuffer;
    this.buffer = [];
    this.localBuffer = [];
    // Live prices keep flowing on screen whatever happens here; a lost batch is lost for history, said once per batch.
    if (batch.length > 0) {
      await this.databases.writeFacts((store) => store.marketData.insertMany(batch)).catch((error: unknown) => this.logger.warn({ err: error, rows: batch.length }, 'A batch of prices could not be written'));
    }
    if (shared.length > 0) {
      await this.databases.local.marketData.insertMany(shared).catch((error: unknown) => this.logger.warn({ err: error, rows: shared.length }, 'Shared prices could not be kept in the local cache'));
    }
  }

  private toPoint(price: StoredPrice): PricePoint {
    return {
      zoneId: price.zoneId,
      market: price.market,
      resolutionMinutes: price.resolutionMinutes,
      at: price.intervalStart.toISOString(),
      price: minorToPrice(price.priceMinor),
      currency: this.zones.get(price.zoneId)?.currency ?? 'EUR',
      source: price.source,
    };
  }
}
