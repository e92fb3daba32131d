import { describe, expect, it } from 'vitest';
import { catalogueZone } from '../../testing/bid-fixtures.js';
import type { BidVolume, KpiBlockPeriod } from '../db/repositories/trading-kpi-repository.js';
import { CurrencyTotals, ordersByPeriod, type BidRows } from './bid-economics.js';

const DE_LU = catalogueZone('DE_LU');
const BID: BidVolume = { id: 'b', zoneId: 'DE_LU', deliveryDate: '2025-06-15', curveKind: null, kwPeriods: 0 };
const block = (period: number, priceMinor: number, volumeKw: number, acceptedRatioBp: number | null): KpiBlockPeriod => ({ bidId: 'b', period, priceMinor, volumeKw, acceptedRatioBp });

/** A block bid: 5 MW sold at 80.00 in periods 1-2 (accepted), 2 MW at 120.00 in period 1 (rejected), 1 MW at the floor (price-taking, accepted). */
const rows = (decided: boolean): BidRows => ({
  points: new Map(),
  blocks: new Map([['b', [block(1, 8000, -5000, decided ? 10_000 : null), block(2, 8000, -5000, decided ? 10_000 : null), block(1, 12_000, -2000, decided ? 0 : null), block(2, -50_000, -1000, decided ? 10_000 : null)]]]),
  results: new Map(),
});

describe('a block bid’s economics', () => {
  it('prices what was offered against the market, leaving price-taking volume out', () => {
    const totals = new CurrencyTotals('EUR');
    const orders = ordersByPeriod(BID, DE_LU, rows(false), false);
    // Hourly periods priced 95.00 and 70.00.
    totals.addOffered(orders.get(1) ?? [], 60, 9500);
    totals.addOffered(orders.get(2) ?? [], 60, 7000);
    // 5 + 5 + 2 MWh sold: (80 x 10 + 120 x 2) / 12; the market weighted alike: (95 x 7 + 70 x 5) / 12.
    expect(totals.toApi()).toEqual({ currency: 'EUR', buy: null, sell: { averageBidPrice: 86.67, averageMarketPrice: 84.58, mwh: 12 }, estimatedPnl: 0 });
  });

  it('values the accepted blocks at their price against the clearing price, period by period, signed', () => {
    const totals = new CurrencyTotals('EUR');
    const orders = ordersByPeriod(BID, DE_LU, rows(true), true);
    expect([...orders].map(([period, list]) => [period, list.map((order) => order.volumeKw)])).toEqual([
      [1, [-5000]],
      [2, [-5000]],
    ]);
    totals.addBlockSurplus(orders.get(1) ?? [], 60, 9500);
    totals.addBlockSurplus(orders.get(2) ?? [], 60, 7500);
    // 5 MWh sold at 95 against 80 (+75), 5 MWh at 75 against 80 (-25).
    expect(totals.toApi().estimatedPnl).toBe(50);
  });
});
