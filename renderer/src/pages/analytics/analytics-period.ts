import type { MarketZone } from '../../../../shared/api/zones.js';
import { dayStart, nextDay, shiftDay } from '../../../../shared/market/time-zone.js';

/** The periods the page offers: a week, a month, a quarter of delivery days. */
export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
export const DEFAULT_PERIOD_DAYS: PeriodDays = 30;

export const isPeriodDays = (value: number): value is PeriodDays => (PERIOD_DAYS as readonly number[]).includes(value);

/** Whole delivery days of a zone, the last of them today on its clock; instants as the analytics routes take them. */
export interface AnalyticsPeriod {
  zoneId: string;
  firstDay: string;
  lastDay: string;
  /** Start of the first day (inclusive), ISO. */
  from: string;
  /** Start of the day after the last (exclusive), ISO. */
  to: string;
}

/**
 * The `days` delivery days ending with `lastDay` (today, as the page asks). Whole days on the
 * zone's clock, not "now minus 30 × 24 h": peak and base averages, and the cache, then cover
 * the same hours on every terminal all day.
 */
export function periodEnding(zone: Pick<MarketZone, 'id' | 'timezone'>, days: number, lastDay: string): AnalyticsPeriod {
  const firstDay = shiftDay(lastDay, 1 - days);
  return {
    zoneId: zone.id,
    firstDay,
    lastDay,
    from: new Date(dayStart(zone.timezone, firstDay)).toISOString(),
    to: new Date(dayStart(zone.timezone, nextDay(lastDay))).toISOString(),
  };
}
