import type { MarketZone } from '../api/zones.js';
import { mtuMinutesOn } from './market-time-unit.js';
import { dayStart, nextDay } from './time-zone.js';

const MINUTE_MS = 60_000;

/** A delivery day of a zone, cut into its market time units. */
export interface DeliveryDay {
  /** YYYY-MM-DD on the zone's clock. */
  day: string;
  /** Local midnight and the next one (epoch ms): 23, 24 or 25 hours apart. */
  start: number;
  end: number;
  periodMinutes: number;
  /** 24 hours or 96 quarter hours; 23/25 or 92/100 when the clocks change that day. */
  periodCount: number;
}

/**
 * The delivery day `day` of a zone, from its local midnight to the next, in the zone's market
 * time unit of that day (or `periodMinutes` when the data at hand has another resolution).
 */
export function deliveryDay(zone: Pick<MarketZone, 'timezone' | 'mtu'>, day: string, periodMinutes = mtuMinutesOn(zone.mtu, day)): DeliveryDay {
  const start = dayStart(zone.timezone, day);
  const end = dayStart(zone.timezone, nextDay(day));
  return { day, start, end, periodMinutes, periodCount: Math.round((end - start) / (periodMinutes * MINUTE_MS)) };
}

/** The start (epoch ms) of period `period` (1-based) of a delivery day. */
export const periodStart = (delivery: DeliveryDay, period: number): number => delivery.start + (period - 1) * delivery.periodMinutes * MINUTE_MS;

/** Which period (1-based) of the delivery day an instant falls in. */
export const periodAt = (delivery: DeliveryDay, at: number): number => Math.floor((at - delivery.start) / (delivery.periodMinutes * MINUTE_MS)) + 1;
