import type { TradingKpis } from '../../../shared/api/analytics.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { acceptedBlockSurplus, curveOrders, isPriceTaking, orderPrice, orderSurplus, type PriceLimitsMinor, type PricedOrder } from '../../../shared/analytics/bid-orders.js';
import { bpToFraction, priceToMinor } from '../../../shared/units.js';
import { groupBy } from '../db/repositories/bid-repository.js';
import type { BidVolume, KpiBlockPeriod, KpiCurvePoint, KpiPeriodResult } from '../db/repositories/trading-kpi-repository.js';
import { toPrice } from './market-analytics.js';

/** kW x minutes per MWh: energies and values are summed as kW-minutes and divided once. */
const KW_MINUTES_PER_MWH = 60 * 1000;

/** The rows of a set of bids, grouped by bid. */
export interface BidRows {
  points: ReadonlyMap<string, readonly KpiCurvePoint[]>;
  blocks: ReadonlyMap<string, readonly KpiBlockPeriod[]>;
  results: ReadonlyMap<string, readonly KpiPeriodResult[]>;
}

const limitsOf = (zone: MarketZone): PriceLimitsMinor => ({ floorMinor: priceToMinor(zone.priceLimits.floor), capMinor: priceToMinor(zone.priceLimits.cap) });

/**
 * A bid's orders in each of its periods: a curve's volume changes (shared/analytics/bid-orders.ts),
 * or each block's volume at its price (only accepted blocks, at their accepted ratio, when
 * `acceptedBlocksOnly`). Orders at the price limits are left out: they bid no price.
 */
export function ordersByPeriod(bid: BidVolume, zone: MarketZone, rows: BidRows, acceptedBlocksOnly: boolean): Map<number, PricedOrder[]> {
  const limits = limitsOf(zone);
  const byPeriod = new Map<number, PricedOrder[]>();
  const add = (period: number, orders: readonly PricedOrder[]): void => {
    const priced = orders.filter((order) => !isPriceTaking(order, limits));
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), ...priced]);
  };
  for (const [period, points] of groupBy(rows.points.get(bid.id) ?? [], (point) => point.period)) {
    add(period, curveOrders(points, bid.curveKind ?? 'step', limits));
  }
  for (const block of rows.blocks.get(bid.id) ?? []) {
    const ratio = block.acceptedRatioBp === null ? 0 : bpToFraction(block.acceptedRatioBp);
    if (acceptedBlocksOnly && ratio === 0) continue;
    const volumeKw = acceptedBlocksOnly ? block.volumeKw * ratio : block.volumeKw;
    add(block.period, [{ lowMinor: block.priceMinor, highMinor: block.priceMinor, volumeKw }]);
  }
  return byPeriod;
}

interface SideSums {
  kwMinutes: number;
  bidPriceKwMinutes: number;
  marketPriceKwMinutes: number;
}

/** What one currency's bids add up to: energy-weighted bid and market prices per side, and the surplus of accepted bids. */
export class CurrencyTotals {
  private readonly sides = { buy: { kwMinutes: 0, bidPriceKwMinutes: 0, marketPriceKwMinutes: 0 }, sell: { kwMinutes: 0, bidPriceKwMinutes: 0, marketPriceKwMinutes: 0 } } satisfies Record<'buy' | 'sell', SideSums>;
  /** kW x minutes x minor units per MWh. */
  private surplus = 0;

  constructor(readonly currency: string) {}

  /** Orders of a submitted bid in one period of `minutes`, against the market price of that period. */
  addOffered(orders: readonly PricedOrder[], minutes: number, marketMinor: number): void {
    for (const order of orders) {
      const side = this.sides[order.volumeKw > 0 ? 'buy' : 'sell'];
      const weight = Math.abs(order.volumeKw) * minutes;
      side.kwMinutes += weight;
      side.bidPriceKwMinutes += weight * orderPrice(order);
      side.marketPriceKwMinutes += weight * marketMinor;
    }
  }

  /** A curve's orders in a decided period: what the part in the money earned over the clearing price. */
  addCurveSurplus(orders: readonly PricedOrder[], minutes: number, clearingMinor: number): void {
    for (const order of orders) this.surplus += orderSurplus(order, clearingMinor) * minutes;
  }

  /** Accepted blocks in a decided period: each one's volume x (its price - clearing price). */
  addBlockSurplus(orders: readonly PricedOrder[], minutes: number, clearingMinor: number): void {
    for (const order of orders) this.surplus += acceptedBlockSurplus(order.lowMinor, order.volumeKw, clearingMinor) * minutes;
  }

  toApi(): TradingKpis['byCurrency'][number] {
    const side = ({ kwMinutes, bidPriceKwMinutes, marketPriceKwMinutes }: SideSums) =>
      kwMinutes === 0 ? null : { averageBidPrice: toPrice(bidPriceKwMinutes / kwMinutes), averageMarketPrice: toPrice(marketPriceKwMinutes / kwMinutes), mwh: kwMinutes / KW_MINUTES_PER_MWH };
    return { currency: this.currency, buy: side(this.sides.buy), sell: side(this.sides.sell), estimatedPnl: toPrice(this.surplus / KW_MINUTES_PER_MWH) };
  }
}

/** Energy in MWh of a bid's kW summed over its periods of `minutes`. */
export const kwPeriodsToMwh = (kwPeriods: number, minutes: number): number => (kwPeriods * minutes) / KW_MINUTES_PER_MWH;
