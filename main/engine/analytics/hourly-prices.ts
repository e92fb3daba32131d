import { DAY_MS, HOUR_MS } from '../../../shared/market/time-zone.js';
import type { Databases } from '../db/databases.js';
import type { HourlyPriceGroup, WeightSums } from '../db/repositories/hourly-price-repository.js';
import { hoursOf, type AnalyticsPeriod } from './analytics-request.js';

/** Hours read per query: a month of quarter hours is about 3 000 rows grouped into 744 (a statement well inside the timeout). */
const PAGE_DAYS = 31;

/**
 * One zone's prices over a period, an entry per UTC hour (hour t starts at firstHour + t hours):
 * the mean of the hour's intervals in minor units, NaN where the hour has no price. An hour
 * stored at two resolutions (a quarter-hour market's hour also published as an hourly index)
 * counts once, at the finer one.
 */
export interface HourlyPrices {
  firstHour: number;
  values: Float64Array;
  /** The lowest and highest interval price within each hour (NaN where none). */
  lows: Float64Array;
  highs: Float64Array;
  /** Time priced below zero, in hours (a quarter hour counts 0.25). */
  negativeHours: number;
  volume: WeightSums;
  loadForecast: WeightSums;
}

const emptySums = (): WeightSums => ({ rows: 0, weight: 0, priceTimesWeight: 0 });
const addSums = (into: WeightSums, more: WeightSums): void => {
  into.rows += more.rows;
  into.weight += more.weight;
  into.priceTimesWeight += more.priceTimesWeight;
};

/** Reads one zone's hourly prices over the period, a month per query, through the databases' read path (the local cache while offline). */
export async function readHourlyPrices(databases: Databases, zoneId: string, period: AnalyticsPeriod): Promise<HourlyPrices> {
  const { firstHour, endHour } = hoursOf(period);
  const length = endHour - firstHour;
  const prices: HourlyPrices = {
    firstHour,
    values: new Float64Array(length).fill(Number.NaN),
    lows: new Float64Array(length).fill(Number.NaN),
    highs: new Float64Array(length).fill(Number.NaN),
    negativeHours: 0,
    volume: emptySums(),
    loadForecast: emptySums(),
  };
  const take = (group: HourlyPriceGroup): void => {
    const t = group.hour - firstHour;
    // Groups come finest first within an hour: the hour is taken by the first.
    if (!Number.isNaN(prices.values[t] ?? 0)) return;
    prices.values[t] = group.meanMinor;
    prices.lows[t] = group.minMinor;
    prices.highs[t] = group.maxMinor;
    prices.negativeHours += (group.negativeCount * group.resolutionMinutes) / 60;
    addSums(prices.volume, group.volume);
    addSums(prices.loadForecast, group.loadForecast);
  };
  // Pages end on whole hours, so no hour is split between two of them.
  for (let pageStart = period.from; pageStart < period.to; ) {
    const pageEnd = Math.min(period.to, Math.floor(pageStart / HOUR_MS) * HOUR_MS + PAGE_DAYS * DAY_MS);
    const groups = await databases.read((store) => store.hourlyPrices.hourly(zoneId, period.market, new Date(pageStart), new Date(pageEnd)));
    for (const group of groups) take(group);
    pageStart = pageEnd;
  }
  return prices;
}

/** The instant hour t of the series starts. */
export const hourStart = (prices: Pick<HourlyPrices, 'firstHour'>, t: number): number => (prices.firstHour + t) * HOUR_MS;
