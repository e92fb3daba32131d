import type { PriceSource } from '../db/repositories/market-data-repository.js';

/** One price from a feed: a zone, an instant, a decimal price in the zone currency per MWh. */
export interface FeedTick {
  zoneId: string;
  at: Date;
  price: number;
}

/**
 * A source of live prices (the simulator now; replay, PostgreSQL LISTEN/NOTIFY and Redis in
 * this later steps). Configured by OPTIBID_FEEDS; several may run at once.
 */
export interface PriceFeed {
  readonly name: string;
  readonly source: PriceSource;
  /** How often it ticks, so the status can say when it has gone quiet. */
  readonly intervalMs: number;
  start(emit: (ticks: FeedTick[]) => void): void;
  stop(): void;
}
