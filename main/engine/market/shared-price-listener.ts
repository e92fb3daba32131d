import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import { MarketKind, PriceSource } from '../../../shared/api/market-data.js';
import type { Store } from '../db/store.js';
import { NotificationListener } from '../db/postgres/notification-listener.js';
import type { StoredPrice } from '../db/repositories/market-data-repository.js';
import type { MarketIngest } from './market-ingest.js';

/** The channel migration 006's trigger notifies, with chunks of changed market_data rows. */
const CHANNEL = 'optibid_market_data';
/** Catching up reads from a little before the loss: a transaction may commit after its rows' times. */
const CATCH_UP_MARGIN_MS = 60_000;
/** At most this many rows are read back after an outage; older gaps are history for the charts to read. */
const CATCH_UP_LIMIT = 50_000;

const NotifiedRows = Type.Array(
  Type.Object({
    zoneId: Type.String(),
    market: MarketKind,
    resolutionMinutes: Type.Integer(),
    intervalStart: Type.String(),
    priceMinor: Type.Integer(),
    source: PriceSource,
    receivedAt: Type.String(),
  }),
);
type NotifiedRows = Static<typeof NotifiedRows>;

export interface SharedPriceListenerOptions {
  url: string;
  connectTimeoutMs: number;
  /** Where missed prices are read back from (the shared database). */
  primary: Store;
  /** Whether the shared database's schema is this build's (never listen to another build's). */
  mayConnect: () => boolean;
  /** Where heard prices go (the engine's MarketIngest). */
  market: Pick<MarketIngest, 'acceptShared'>;
  logger: Logger;
  firstRetryMs?: number;
}

/**
 * Prices written to the shared PostgreSQL by any terminal of the floor or by a central feeder,
 * pushed to this terminal by LISTEN/NOTIFY and handed to the MarketIngest. After a lost
 * connection it re-reads what was written meanwhile, so nothing committed during the gap is
 * missed (the ingest drops what it already has).
 */
export class SharedPriceListener {
  private readonly listener: NotificationListener;

  constructor(private readonly options: SharedPriceListenerOptions) {
    this.listener = new NotificationListener({
      url: options.url,
      channel: CHANNEL,
      connectTimeoutMs: options.connectTimeoutMs,
      logger: options.logger,
      firstRetryMs: options.firstRetryMs,
      mayConnect: options.mayConnect,
      onPayload: (payload) => this.receive(payload),
      onListening: (lostAt) => this.catchUp(lostAt),
    });
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  start(): void {
    this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private receive(payload: string): void {
    let rows: unknown;
    try {
      rows = JSON.parse(payload);
    } catch {
      rows = undefined;
    }
    if (!Value.Check(NotifiedRows, rows)) {
      this.options.logger.warn({ channel: CHANNEL, payload: payload.slice(0, 200) }, 'Ignored a market data notification that is not in the expected shape');
      return;
    }
    this.options.market.acceptShared(rows.map(storedPrice));
  }

  private async catchUp(lostAt: Date | null): Promise<void> {
    if (!lostAt) return;
    try {
      const missed = await this.options.primary.marketData.startingFrom(new Date(lostAt.getTime() - CATCH_UP_MARGIN_MS), CATCH_UP_LIMIT);
      this.options.market.acceptShared(missed);
      this.options.logger.info({ rows: missed.length }, 'Read back the prices written while notifications were lost');
    } catch (error) {
      // The notification connection can come back before the shared pool does (it opens at the next health probe): read again at the next connection.
      if (this.options.primary.isConnectionError(error)) {
        this.options.logger.info({ err: error }, 'Could not read back the prices missed while notifications were lost yet; trying again');
        throw error;
      }
      this.options.logger.warn({ err: error }, 'Could not read back the prices missed while notifications were lost');
    }
  }
}

const storedPrice = (row: NotifiedRows[number]): StoredPrice => ({
  zoneId: row.zoneId,
  market: row.market,
  resolutionMinutes: row.resolutionMinutes,
  intervalStart: new Date(row.intervalStart),
  priceMinor: row.priceMinor,
  source: row.source,
  receivedAt: new Date(row.receivedAt),
});
