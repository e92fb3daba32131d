import type { CandleQuery, CandleResolution, CandleSeries, DayAheadProfile, DayAheadQuery, HistoryQuery } from '../../../shared/api/market-data.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { bucketsInRange, CandleGrid, MAX_CANDLES, resolutionForPoints } from '../../../shared/market/candle-grid.js';
import { deliveryDay, periodAt, periodStart } from '../../../shared/market/delivery-day.js';
import { minorToPrice } from '../../../shared/units.js';
import type { Databases } from '../db/databases.js';
import type { MarketKind } from '../db/repositories/market-data-repository.js';
import { AppError, notFound } from '../http/app-error.js';

/** History's default number of candles: about one per pixel column of a wide chart. */
export const DEFAULT_HISTORY_POINTS = 1000;

interface Range {
  from: number;
  to: number;
}

/** Price history as candles and day-ahead profiles, aggregated by the database. */
export class PriceHistory {
  private readonly zones: Map<string, MarketZone>;

  constructor(
    private readonly databases: Databases,
    zones: readonly MarketZone[],
  ) {
    this.zones = new Map(zones.map((zone) => [zone.id, zone]));
  }

  /** Candles at the resolution asked for; refused when the range holds more than MAX_CANDLES of them. */
  async candles(query: CandleQuery): Promise<CandleSeries> {
    const zone = this.zone(query.zone);
    const range = checkedRange(query.from, query.to);
    const count = bucketsInRange(range.from, range.to, query.resolution);
    if (count > MAX_CANDLES) {
      throw new AppError(
        'validation_error',
        'TOO_MANY_CANDLES',
        `${query.from} to ${query.to} at ${query.resolution} is up to ${String(count)} candles; at most ${String(MAX_CANDLES)} per request: shorten the range, choose a coarser resolution, or ask /api/market-data/history`,
        { limit: MAX_CANDLES, requested: count },
      );
    }
    return this.series(zone, query.market ?? 'tick', range, query.resolution);
  }

  /** Candles at the finest resolution that gives at most `points` of them (a year of 15-minute prices as daily candles by default). */
  async history(query: HistoryQuery): Promise<CandleSeries> {
    const zone = this.zone(query.zone);
    const range = checkedRange(query.from, query.to);
    const points = query.points ?? DEFAULT_HISTORY_POINTS;
    const resolution = resolutionForPoints(range.from, range.to, points);
    if (!resolution) {
      throw new AppError('validation_error', 'RANGE_TOO_LONG', `${query.from} to ${query.to} is more than ${String(points)} weeks; shorten the range or ask for more points`, [
        { field: 'query.to', message: `the range holds more than ${String(points)} weekly candles`, value: query.to },
      ]);
    }
    return this.series(zone, query.market ?? 'tick', range, resolution);
  }

  /** The day-ahead prices of one delivery day in the zone's timezone, at the finest resolution stored. */
  async dayAhead(query: DayAheadQuery): Promise<DayAheadProfile> {
    const zone = this.zone(query.zone);
    const { start, end } = deliveryDay(zone, query.day);
    const stored = await this.databases.read((store) => store.priceHistory.intervals(zone.id, 'day_ahead', new Date(start), new Date(end)));
    // The finest resolution stored, else the zone's market time unit that day.
    const delivery = stored.length > 0 ? deliveryDay(zone, query.day, Math.min(...stored.map((price) => price.resolutionMinutes))) : deliveryDay(zone, query.day);
    return {
      zoneId: zone.id,
      day: query.day,
      timezone: zone.timezone,
      currency: zone.currency,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      resolutionMinutes: delivery.periodMinutes,
      periodCount: delivery.periodCount,
      periods: stored
        .filter((price) => price.resolutionMinutes === delivery.periodMinutes)
        .map((price) => {
          const period = periodAt(delivery, price.intervalStart.getTime());
          return { period, start: price.intervalStart.toISOString(), end: new Date(periodStart(delivery, period + 1)).toISOString(), price: minorToPrice(price.priceMinor) };
        }),
    };
  }

  private async series(zone: MarketZone, market: MarketKind, range: Range, resolution: CandleResolution): Promise<CandleSeries> {
    const grid = new CandleGrid(zone.timezone, resolution, range.from, range.to);
    const stored = await this.databases.read((store) => store.priceHistory.candles(zone.id, market, new Date(range.from), new Date(range.to), grid));
    return {
      zoneId: zone.id,
      market,
      resolution,
      currency: zone.currency,
      timezone: zone.timezone,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      candles: stored.map((candle) => ({
        start: new Date(grid.startOf(candle.bucket)).toISOString(),
        open: minorToPrice(candle.openMinor),
        high: minorToPrice(candle.highMinor),
        low: minorToPrice(candle.lowMinor),
        close: minorToPrice(candle.closeMinor),
        mean: minorToPrice(Math.round(candle.meanMinor)),
        count: candle.count,
      })),
    };
  }

  private zone(id: string): MarketZone {
    const zone = this.zones.get(id);
    if (!zone) throw notFound('ZONE_NOT_FOUND', `Market zone ${id} does not exist`, { id });
    return zone;
  }
}

const invalidField = (field: string, code: string, message: string, value: string): AppError => new AppError('validation_error', code, message, [{ field, message, value }]);

function checkedRange(from: string, to: string): Range {
  const range = { from: Date.parse(from), to: Date.parse(to) };
  if (Number.isNaN(range.from)) throw invalidField('query.from', 'INVALID_RANGE', `${from} is not an instant`, from);
  if (Number.isNaN(range.to)) throw invalidField('query.to', 'INVALID_RANGE', `${to} is not an instant`, to);
  if (range.from >= range.to) throw invalidField('query.to', 'INVALID_RANGE', `to (${to}) must be after from (${from})`, to);
  return range;
}
