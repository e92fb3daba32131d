import type { CurveKind, ExactPoint } from '../bids/curve-at-price.js';

/**
 * A bid's period as the orders it is made of, to ask what price it bid and what it earned.
 * Every change of volume along a curve is an order of its own (shared/bids/curve-at-price.ts):
 * on a step curve at one price, on a linear curve spread evenly over the segment it falls on.
 * Prices are minor units per MWh, volumes kW (positive buys, negative sells).
 */
export interface PricedOrder {
  /** The order's prices run evenly from low to high (one price when they are equal). */
  lowMinor: number;
  highMinor: number;
  volumeKw: number;
}

export interface PriceLimitsMinor {
  floorMinor: number;
  capMinor: number;
}

/**
 * The orders of one period's curve (points by rising price, volumes not rising, as the bid
 * rules require). Beyond its ends a curve keeps its end volumes, so a first point that sells
 * sells down to the floor and a last point that buys buys up to the cap: those are price-taking
 * orders at the limits.
 */
export function curveOrders(points: readonly ExactPoint[], kind: CurveKind, limits: PriceLimitsMinor): PricedOrder[] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  const orders: PricedOrder[] = [];
  if (first.volumeKw < 0) orders.push({ lowMinor: limits.floorMinor, highMinor: limits.floorMinor, volumeKw: first.volumeKw });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i] ?? first;
    const b = points[i + 1] ?? last;
    // What stops being bought between a and b, and what starts being sold.
    const bought = Math.max(a.volumeKw, 0) - Math.max(b.volumeKw, 0);
    const sold = Math.min(b.volumeKw, 0) - Math.min(a.volumeKw, 0);
    if (kind === 'step' || a.priceMinor === b.priceMinor) {
      // A step buys a's volume up to a's price and sells b's from b's price on.
      if (bought !== 0) orders.push({ lowMinor: a.priceMinor, highMinor: a.priceMinor, volumeKw: bought });
      if (sold !== 0) orders.push({ lowMinor: b.priceMinor, highMinor: b.priceMinor, volumeKw: sold });
      continue;
    }
    // A linear segment that crosses zero buys on one side of the crossing and sells on the other.
    const crossing = a.volumeKw > 0 && b.volumeKw < 0 ? a.priceMinor + ((b.priceMinor - a.priceMinor) * a.volumeKw) / (a.volumeKw - b.volumeKw) : null;
    if (bought !== 0) orders.push({ lowMinor: a.priceMinor, highMinor: crossing ?? b.priceMinor, volumeKw: bought });
    if (sold !== 0) orders.push({ lowMinor: crossing ?? a.priceMinor, highMinor: b.priceMinor, volumeKw: sold });
  }
  if (last.volumeKw > 0) orders.push({ lowMinor: limits.capMinor, highMinor: limits.capMinor, volumeKw: last.volumeKw });
  return orders;
}

/**
 * Whether an order takes whatever price comes: one priced at a price limit. Such an order says
 * "at any price", not a price, so it is left out of average bid prices and earns no surplus of
 * its own (its bid price is taken to be the market's).
 */
export const isPriceTaking = (order: PricedOrder, limits: PriceLimitsMinor): boolean =>
  order.lowMinor === order.highMinor && (order.lowMinor <= limits.floorMinor || order.lowMinor >= limits.capMinor);

/** The share (0..1) of an order in the money at a clearing price: buys priced at or above it, sells at or below it. */
export function clearedShare(order: PricedOrder, clearingMinor: number): number {
  const { lowMinor: low, highMinor: high } = order;
  if (low === high) return (order.volumeKw > 0 ? clearingMinor <= low : clearingMinor >= low) ? 1 : 0;
  const share = order.volumeKw > 0 ? (high - clearingMinor) / (high - low) : (clearingMinor - low) / (high - low);
  return Math.min(1, Math.max(0, share));
}

/**
 * What an order earns over the clearing price, in kW x minor units per MWh (per hour of the
 * period): for each kW in the money, |clearing price - its price|, i.e. cleared volume x (market
 * price - bid price) for sells and x (bid price - market price) for buys. Never negative: a
 * price-taker clears only what is in the money.
 */
export function orderSurplus(order: PricedOrder, clearingMinor: number): number {
  const { lowMinor: low, highMinor: high, volumeKw: volume } = order;
  const p = clearingMinor;
  if (low === high) return Math.max(0, volume > 0 ? volume * (low - p) : -volume * (p - low));
  // Prices spread evenly over [low, high]: integrate (price - p) over the part in the money.
  const density = Math.abs(volume) / (high - low);
  if (volume > 0) {
    const from = Math.max(low, p);
    return from >= high ? 0 : (density * ((high - p) ** 2 - (from - p) ** 2)) / 2;
  }
  const to = Math.min(high, p);
  return to <= low ? 0 : (density * ((p - low) ** 2 - (p - to) ** 2)) / 2;
}

/** The mean price of an order's volume. */
export const orderPrice = (order: PricedOrder): number => (order.lowMinor + order.highMinor) / 2;

/**
 * What an accepted block earns in one period, in kW x minor units per MWh: volume x (its price -
 * the clearing price), positive volumes buying. It can be negative in a period: a block is
 * accepted for its whole span on its average, not period by period.
 */
export const acceptedBlockSurplus = (priceMinor: number, volumeKw: number, clearingMinor: number): number => volumeKw * (priceMinor - clearingMinor);
