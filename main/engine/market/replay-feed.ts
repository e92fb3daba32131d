import type { Logger } from 'pino';
import { minorToPrice } from '../../../shared/units.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { HistoryCursor, StoredPrice } from '../db/repositories/market-data-repository.js';
import type { FeedTick, PriceFeed } from './price-feed.js';

const HOUR_MS = 3_600_000;
/** Stored prices read at a time. */
const PAGE_SIZE = 1000;
/** The most one beat emits: after a long pause (a suspended laptop) the replay catches up in steps rather than one flood. */
const MAX_TICKS_PER_BEAT = 1000;
/** The slowest and fastest it checks what has come due. */
const MAX_POLL_MS = 1000;
const MIN_POLL_MS = 50;

export interface ReplayOptions {
  /** The zones to play; null: every zone with stored day-ahead prices. */
  zones: readonly string[] | null;
  /** Market time to start at; null: the first stored hour of those zones. */
  from: Date | null;
  /** Market time played per unit of wall time (3600: an hour per second). */
  speed: number;
  clock: Clock;
  logger: Logger;
  /** How often it checks what has come due; by default from the speed, between 50 ms and 1 s. */
  pollMs?: number;
  pageSize?: number;
}

/** What a replay plays, found in the database when it starts. */
interface Programme {
  zones: string[];
  from: Date;
  /** The wall-clock instant at which market time `from` is played. */
  wallStart: number;
}

/**
 * Plays stored day-ahead history (prices loaded with `optibid import prices`) as a live feed, at
 * a chosen speed: each stored interval is emitted once the market time, running from `from` at
 * `speed` times the clock, reaches its start. A tick carries its historical instant (`at` is the
 * interval being replayed, never the wall-clock time) and the source `replay`, so a replayed
 * price cannot be taken for a live one. History is read a page at a time, in time order; at the
 * end of it the feed logs that and stops.
 */
export class ReplayFeed implements PriceFeed {
  readonly name = 'replay';
  readonly source = 'replay' as const;
  /** Wall time per market hour: how long the feed may be quiet between hourly prices. */
  readonly intervalMs: number;
  private readonly pollMs: number;
  private readonly pageSize: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private beating = false;
  private programme: Programme | null = null;
  private page: StoredPrice[] = [];
  private next = 0;
  private cursor: HistoryCursor | null = null;
  private exhausted = false;
  private lastPlayed: Date | null = null;

  constructor(
    private readonly databases: Pick<Databases, 'read'>,
    private readonly options: ReplayOptions,
  ) {
    this.pollMs = options.pollMs ?? Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, HOUR_MS / options.speed));
    this.intervalMs = Math.max(this.pollMs, HOUR_MS / options.speed);
    this.pageSize = options.pageSize ?? PAGE_SIZE;
  }

  start(emit: (ticks: FeedTick[]) => void): void {
    this.stopped = false;
    void this.plan()
      .then((programme) => {
        if (!programme || this.stopped) return;
        this.programme = programme;
        this.cursor = { intervalStart: programme.from, zoneId: '', resolutionMinutes: -1 };
        this.timer = setInterval(() => void this.beat(emit), this.pollMs);
        this.timer.unref();
        void this.beat(emit);
      })
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'The replay could not read the stored prices; it does not play');
      });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async plan(): Promise<Programme | null> {
    const { logger, speed } = this.options;
    const ranges = await this.databases.read((store) => store.marketData.ranges('day_ahead'));
    const zones = this.options.zones ? [...this.options.zones] : ranges.map((range) => range.zoneId);
    const stored = ranges.filter((range) => zones.includes(range.zoneId));
    const withoutPrices = zones.filter((zone) => !stored.some((range) => range.zoneId === zone));
    if (stored.length === 0) {
      logger.warn({ zones }, 'The replay has no stored day-ahead prices to play (optibid import prices loads them); it stays quiet');
      return null;
    }
    const from = this.options.from ?? new Date(Math.min(...stored.map((range) => range.first.getTime())));
    logger.info({ zones: stored.map((range) => range.zoneId), withoutPrices, from: from.toISOString(), speed }, `Replaying stored day-ahead prices from ${from.toISOString()} at ${String(speed)}x`);
    return { zones: stored.map((range) => range.zoneId), from, wallStart: this.options.clock.now().getTime() };
  }

  /** Emits every stored price whose interval has started in market time; one beat at a time. */
  private async beat(emit: (ticks: FeedTick[]) => void): Promise<void> {
    const programme = this.programme;
    // A stopped feed has no timer, so only a beat already under way can see `stopped` change.
    if (this.beating || !programme) return;
    this.beating = true;
    try {
      const marketNow = programme.from.getTime() + (this.options.clock.now().getTime() - programme.wallStart) * this.options.speed;
      const ticks: FeedTick[] = [];
      for (let price = await this.peek(programme); price && price.intervalStart.getTime() <= marketNow && ticks.length < MAX_TICKS_PER_BEAT; price = await this.peek(programme)) {
        ticks.push({ zoneId: price.zoneId, at: price.intervalStart, price: minorToPrice(price.priceMinor) });
        this.next += 1;
      }
      // stop() may have come while the page was read: nothing is emitted after it.
      if (ticks.length > 0 && !this.stopped) {
        emit(ticks);
        this.lastPlayed = ticks.at(-1)?.at ?? null;
      }
      if (this.exhausted && this.next >= this.page.length) {
        this.options.logger.info({ lastPlayed: this.lastPlayed?.toISOString() }, 'The replay reached the end of the stored prices and stops');
        this.stop();
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'The replay could not read the stored prices; trying again at the next beat');
    } finally {
      this.beating = false;
    }
  }

  /** The next stored price to play, reading the next page when this one is used up. */
  private async peek(programme: Programme): Promise<StoredPrice | null> {
    if (this.next >= this.page.length && !this.exhausted && this.cursor) {
      const after = this.cursor;
      this.page = await this.databases.read((store) => store.marketData.pageAfter('day_ahead', programme.zones, after, this.pageSize));
      this.next = 0;
      this.exhausted = this.page.length < this.pageSize;
      const last = this.page.at(-1);
      if (last) this.cursor = { intervalStart: last.intervalStart, zoneId: last.zoneId, resolutionMinutes: last.resolutionMinutes };
    }
    return this.page[this.next] ?? null;
  }
}
