import type { MarketZone } from '../../../../shared/api/zones.js';
import { dayStart, nextDay } from '../../../../shared/market/time-zone.js';
import { kwToMw, minorToPrice } from '../../../../shared/units.js';
import type { TrainingInterval } from '../../db/repositories/training-data-repository.js';
import type { Store } from '../../db/store.js';
import { AppError } from '../../http/app-error.js';
import { HOURS_PER_DAY, type DailySeries, type ExogenousSeries } from '../daily-series.js';
import { hourlyGrid } from './hourly-grid.js';
import { fillShortGaps } from './short-gaps.js';

/**
 * A zone's stored day-ahead history as a DailySeries: prices (currency per MWh, from integer
 * minor units) and the fundamentals published with them (MW, from kW) as exogenous series, on
 * the zone's local delivery days. Hours: see hourly-grid.ts; gaps: see short-gaps.ts. A gap in
 * prices longer than that is refused, naming the days; an exogenous series counts only where it
 * is complete over every day asked for (after the same short-gap filling).
 */

interface ExogenousSource {
  name: string;
  /** kW, or null where this interval has none. */
  valueOf(interval: TrainingInterval): number | null;
}

const EXOGENOUS_SOURCES: readonly ExogenousSource[] = [
  { name: 'load forecast', valueOf: (i) => i.loadForecastKw },
  // Onshore and offshore together: what the market sees is the wind it expects. A zone without offshore publishes none of it.
  { name: 'wind forecast', valueOf: (i) => (i.windOnshoreForecastKw === null && i.windOffshoreForecastKw === null ? null : (i.windOnshoreForecastKw ?? 0) + (i.windOffshoreForecastKw ?? 0)) },
  { name: 'solar forecast', valueOf: (i) => i.solarForecastKw },
];

export interface SeriesRequest {
  zone: Pick<MarketZone, 'id' | 'timezone'>;
  /** The first and last delivery day, both included. */
  first: string;
  last: string;
  /** The last day is the one to forecast: its prices are left NaN (not read); its exogenous values are needed. */
  forecastLastDay: boolean;
  /** 'available': every series complete over the days, in a fixed order; or exactly these, in this order, each required. */
  exogenous: 'available' | readonly string[];
}

/** How the engine reads (databases.read: the source of truth, or the local cache while it is out of reach). */
export type ReadStore = <T>(query: (store: Store) => Promise<T>) => Promise<T>;

/** Delivery days first..last, both included. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = nextDay(day)) days.push(day);
  return days;
}

const LISTED_DAYS = 10;
const listed = (days: readonly string[]): string => `${days.slice(0, LISTED_DAYS).join(', ')}${days.length > LISTED_DAYS ? ` and ${String(days.length - LISTED_DAYS)} more` : ''}`;

function pricesMissing(zoneId: string, days: readonly string[]): AppError {
  return new AppError(
    'validation_error',
    'PRICE_HISTORY_GAPS',
    `${zoneId} has no day-ahead prices for part of ${listed(days)} (gaps longer than a few hours are not filled in): import them, or choose days without gaps`,
    { zone: zoneId, missingDays: days.slice(0, 100), missingDayCount: days.length },
  );
}

function exogenousMissing(zoneId: string, name: string, days: readonly string[]): AppError {
  return new AppError('validation_error', 'EXOGENOUS_MISSING', `The model reads the ${name} of ${zoneId}, which is not stored for ${days.length > 0 ? listed(days) : 'these days'}`, {
    zone: zoneId,
    series: name,
    missingDays: days.slice(0, 100),
  });
}

export async function assembleSeries(read: ReadStore, request: SeriesRequest): Promise<DailySeries> {
  const { zone } = request;
  const dates = daysBetween(request.first, request.last);
  const dayStarts = [...dates, nextDay(request.last)].map((day) => dayStart(zone.timezone, day));
  const intervals = await read((store) => store.trainingData.dayAhead(zone.id, new Date(dayStarts[0]!), new Date(dayStarts[dates.length]!)));
  const grid = (rows: readonly TrainingInterval[], valueOf: (interval: TrainingInterval) => number | null): Float64Array =>
    hourlyGrid(
      zone.timezone,
      dates,
      dayStarts,
      rows.flatMap((row) => {
        const value = valueOf(row);
        return value === null ? [] : [{ start: row.intervalStart.getTime(), resolutionMinutes: row.resolutionMinutes, value }];
      }),
    );

  const pricedDays = request.forecastLastDay ? dates.length - 1 : dates.length;
  const pricedUntil = dayStarts[pricedDays]!;
  const prices = grid(
    intervals.filter((row) => row.intervalStart.getTime() < pricedUntil),
    (row) => minorToPrice(row.priceMinor),
  );
  const missingPrices = fillShortGaps(prices.subarray(0, pricedDays * HOURS_PER_DAY));
  if (missingPrices.length > 0) throw pricesMissing(zone.id, missingPrices.map((d) => dates[d]!));

  const complete = (source: ExogenousSource): { values: Float64Array; missingDays: string[] } => {
    const values = grid(intervals, (row) => {
      const kw = source.valueOf(row);
      return kw === null ? null : kwToMw(kw);
    });
    return { values, missingDays: fillShortGaps(values).map((d) => dates[d]!) };
  };
  let exogenous: ExogenousSeries[];
  if (request.exogenous === 'available') {
    exogenous = EXOGENOUS_SOURCES.flatMap((source) => {
      const { values, missingDays } = complete(source);
      return missingDays.length === 0 ? [{ name: source.name, values }] : [];
    });
  } else {
    exogenous = request.exogenous.map((name) => {
      const source = EXOGENOUS_SOURCES.find((s) => s.name === name);
      if (!source) throw exogenousMissing(zone.id, name, []);
      const { values, missingDays } = complete(source);
      if (missingDays.length > 0) throw exogenousMissing(zone.id, name, missingDays);
      return { name, values };
    });
  }
  return { dates, prices, exogenous };
}
