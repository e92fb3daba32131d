import { MAX_ANALYTICS_DAYS, MAX_CROSS_MARKET_ZONES, type IntervalMarket } from '../../../shared/api/analytics.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { DAY_MS, HOUR_MS } from '../../../shared/market/time-zone.js';
import { AppError } from '../http/app-error.js';

/** A period to analyse, checked: instants in order and at most MAX_ANALYTICS_DAYS long. */
export interface AnalyticsPeriod {
  from: number;
  to: number;
  market: IntervalMarket;
}

/** The whole UTC hours a period touches: [firstHour, endHour) in hours since the epoch. */
export const hoursOf = (period: Pick<AnalyticsPeriod, 'from' | 'to'>): { firstHour: number; endHour: number } => ({
  firstHour: Math.floor(period.from / HOUR_MS),
  endHour: Math.ceil(period.to / HOUR_MS),
});

const invalid = (field: string, code: string, message: string, value: unknown): AppError => new AppError('validation_error', code, message, [{ field, message, value }]);

/**
 * The period of an analytics request. Capped so one request reads at most a year of one zone's
 * prices (35 136 quarter hours, grouped into 8 784 hours by the database) and keeps them in
 * memory for the order statistics: tens of milliseconds, never a scan of the whole history.
 */
export function checkedPeriod(query: { from: string; to: string; market?: IntervalMarket }): AnalyticsPeriod {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (Number.isNaN(from)) throw invalid('query.from', 'INVALID_RANGE', `${query.from} is not an instant`, query.from);
  if (Number.isNaN(to)) throw invalid('query.to', 'INVALID_RANGE', `${query.to} is not an instant`, query.to);
  if (from >= to) throw invalid('query.to', 'INVALID_RANGE', `to (${query.to}) must be after from (${query.from})`, query.to);
  if (to - from > MAX_ANALYTICS_DAYS * DAY_MS) {
    throw invalid('query.to', 'RANGE_TOO_LONG', `${query.from} to ${query.to} is more than ${String(MAX_ANALYTICS_DAYS)} days; analyse at most a year at a time`, query.to);
  }
  return { from, to, market: query.market ?? 'day_ahead' };
}

/** A zone of the catalogue, or the validation error naming the field. */
export function checkedZone(zones: ReadonlyMap<string, MarketZone>, id: string, field = 'query.zone'): MarketZone {
  const zone = zones.get(id);
  if (!zone) throw invalid(field, 'ZONE_NOT_FOUND', `Market zone ${id} does not exist`, id);
  return zone;
}

/** The zones of a cross-market request: known, each once, 2 to MAX_CROSS_MARKET_ZONES of them. */
export function checkedZoneList(zones: ReadonlyMap<string, MarketZone>, list: string): MarketZone[] {
  const ids = list.split(',');
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw invalid('query.zones', 'DUPLICATE_ZONE', `${repeated} is named twice`, list);
  if (ids.length < 2) throw invalid('query.zones', 'TOO_FEW_ZONES', 'Name at least two zones to compare', list);
  if (ids.length > MAX_CROSS_MARKET_ZONES) {
    throw invalid('query.zones', 'TOO_MANY_ZONES', `${String(ids.length)} zones named; at most ${String(MAX_CROSS_MARKET_ZONES)} at a time (${String((MAX_CROSS_MARKET_ZONES * (MAX_CROSS_MARKET_ZONES - 1)) / 2)} pairs)`, list);
  }
  return ids.map((id) => checkedZone(zones, id, 'query.zones'));
}
