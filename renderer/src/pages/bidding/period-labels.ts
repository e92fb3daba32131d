import type { MarketZone } from '../../../../shared/api/zones.js';
import { deliveryDay, periodStart } from '../../../../shared/market/delivery-day.js';
import { wallClockMs } from '../../../../shared/market/time-zone.js';

const hhmm = (timeZone: string, at: number): string => new Date(wallClockMs(timeZone, at)).toISOString().slice(11, 16);

/**
 * "P33 08:00–08:15": a period of a delivery day with its local time range on the zone's clock
 * (the day the clocks go back shows 02:00–02:15 twice, as the exchange's own period list does).
 */
export function periodLabeller(zone: MarketZone, date: string): (period: number) => string {
  const day = deliveryDay(zone, date);
  const step = day.periodMinutes * 60_000;
  return (period) => {
    const start = periodStart(day, period);
    const end = hhmm(zone.timezone, start + step);
    return `P${String(period)} ${hhmm(zone.timezone, start)}–${end === '00:00' ? '24:00' : end}`;
  };
}
