import type { PriceSource } from '../db/repositories/market-data-repository.js';
import type { DayAheadResult } from './day-ahead-results.js';

/** One price from a feed: a zone, an instant, a decimal price in the zone currency per MWh. */
export interface FeedTick {
  zoneId: string;
  at: Date;
  price: number;
}

/**
 * A source of live prices (the simulator, the replay of stored history). Configured by
 * OPTIBID_FEEDS; several may run at once. A feed that clears a day-ahead market (the simulator)
 * also hands over each delivery day's results when they come out.
 */
export interface PriceFeed {
  readonly name: string;
  readonly source: PriceSource;
  /** How often it ticks, so the status can say when it has gone quiet. */
  readonly intervalMs: number;
  start(emit: (ticks: FeedTick[]) => void, publishDayAhead: (result: DayAheadResult) => void): void;
  stop(): void;
}
