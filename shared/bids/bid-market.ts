import type { BidDraft } from '../api/bids.js';
import type { GateClosureRule, IntradayAuction, MarketZone, PriceLimits } from '../api/zones.js';
import { deliveryDay, periodAt } from '../market/delivery-day.js';
import { gateClosureFor } from '../market/gate-closure.js';
import { wallClockToUtc } from '../market/time-zone.js';

/**
 * What a zone's catalogue entry says about one market of a bid: its auction, its gate, its
 * price limits, and which periods of a delivery day it trades.
 */

/**
 * Delivery days the rules accept. Before 1970 and beyond 2999 nobody bids, and the timezone
 * arithmetic would have to be trusted on dates it was never meant for.
 */
export const DELIVERY_YEARS = { first: 1970, last: 2999 } as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether YYYY-MM-DD is a date of the calendar (not 2026-02-30) in DELIVERY_YEARS. */
export function isDeliveryDate(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < DELIVERY_YEARS.first || year > DELIVERY_YEARS.last) return false;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === date;
}

/** The zone's intraday auction of that id; null when the id is null or the zone does not hold it. */
export const auctionOf = (zone: MarketZone, auction: BidDraft['auction']): IntradayAuction | null =>
  auction === null ? null : (zone.intraday?.auctions.find((candidate) => candidate.id === auction) ?? null);

/** The gate rule of a market: the zone's for day-ahead (which has no auction), the auction's own for an intraday auction. */
export function gateRule(zone: MarketZone, market: BidDraft['market'], auction: BidDraft['auction']): GateClosureRule | null {
  if (market === 'day_ahead') return auction === null ? zone.gateClosure : null;
  return auctionOf(zone, auction)?.gateClosure ?? null;
}

/** A market's gate rule and its closure (epoch ms) for a delivery day; null when the zone has no such market/auction or the date is no delivery date. */
export function gateOf(zone: MarketZone, market: BidDraft['market'], auction: BidDraft['auction'], deliveryDate: string): { rule: GateClosureRule; at: number } | null {
  const rule = gateRule(zone, market, auction);
  return rule && isDeliveryDate(deliveryDate) ? { rule, at: gateClosureFor(rule, deliveryDate) } : null;
}

/** Day-ahead or intraday limits; null when the zone has no intraday market. */
export const priceLimitsOf = (zone: MarketZone, market: BidDraft['market']): PriceLimits | null =>
  market === 'day_ahead' ? zone.priceLimits : (zone.intraday?.priceLimits ?? null);

/** The periods of a delivery day a bid may fill. */
export interface PeriodWindow {
  date: string;
  /** Periods of the whole day: 92/96/100 quarter hours or 23/24/25 hours. */
  periodCount: number;
  periodMinutes: number;
  /** The first and last period the market trades: the whole day, or an auction's delivery window. */
  first: number;
  last: number;
  /** The auction whose window it is, when it is not the whole day. */
  auction: IntradayAuction | null;
}

/** The window of a delivery day (a checked date) for the whole day, or for an auction's delivery hours (IDA3: 12:00-24:00 local). */
export function periodWindow(zone: MarketZone, auction: IntradayAuction | null, date: string): PeriodWindow {
  const day = deliveryDay(zone, date);
  const whole = { date, periodCount: day.periodCount, periodMinutes: day.periodMinutes, first: 1, last: day.periodCount, auction: null };
  if (!auction) return whole;
  const instant = (time: string): number => (time === '24:00' ? day.end : wallClockToUtc(zone.timezone, Date.parse(`${date}T${time}:00Z`)));
  const first = periodAt(day, instant(auction.deliveryStart));
  const last = periodAt(day, instant(auction.deliveryEnd) - 1);
  return first === 1 && last === day.periodCount ? whole : { ...whole, first, last, auction };
}
