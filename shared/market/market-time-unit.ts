import type { MarketTimeUnit } from '../api/zones.js';

/** A zone's market time unit on a delivery day (YYYY-MM-DD): `minutes` from `since` on, `minutesBefore` until then. */
export function mtuMinutesOn({ minutes, since, minutesBefore }: MarketTimeUnit, day: string): number {
  return since !== null && day < since ? (minutesBefore ?? minutes) : minutes;
}
