import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BidDraft, BidPeriodResult, BlockOrder, CurvePoint } from '../api/bids.js';
import type { MarketZone } from '../api/zones.js';
import { deliveryDay } from '../market/delivery-day.js';
import { clearedEnergy, marketValue, offeredEnergy, type BidAmounts } from './bid-volume.js';

const { zones } = JSON.parse(readFileSync(new URL('../../resources/market-zones.json', import.meta.url), 'utf8')) as { zones: MarketZone[] };
const dayOf = (zoneId: string, day: string): { periodMinutes: number; periodCount: number } => {
  const zone = zones.find(({ id }) => id === zoneId);
  if (!zone) throw new Error(`no zone ${zoneId} in the catalogue`);
  return deliveryDay(zone, day);
};
// DE_LU trades quarter hours; the day the clocks go back has 100 of them. PJM trades hours.
const QUARTER_HOURS = dayOf('DE_LU', '2025-10-26');
const HOURS = dayOf('PJM', '2025-11-27');

const TARGET = { zoneId: 'DE_LU', market: 'day_ahead', auction: null, deliveryDate: '2025-10-26', assetId: null, portfolio: 'Storage', notes: null } as const;
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);
const curveBid = (periods: number[], points: CurvePoint[]): BidDraft => ({ ...TARGET, side: 'both', orderType: 'curve', curve: periods.map((period) => ({ period, points })) });
const block = (id: string, volume: number, periods: number[]): BlockOrder => ({ id, name: id, price: 50, minAcceptanceRatio: 1, parentBlockId: null, exclusiveGroup: null, periods: periods.map((period) => ({ period, volume })) });
const BLOCKS: BidDraft = { ...TARGET, side: 'sell', orderType: 'block', blocks: [block('base', -10, [1, 2, 3, 4]), block('peak', -5, [3, 4])] };
const STORAGE: CurvePoint[] = [
  { price: -500, volume: 5 },
  { price: 30, volume: 0 },
  { price: 90, volume: -8 },
];
const RESULTS: BidPeriodResult[] = [
  { period: 1, clearedVolume: -10, clearingPrice: 50 },
  { period: 2, clearedVolume: 0.1, clearingPrice: 33.33 },
];
const amounts = ({ periods }: BidAmounts): number[] => periods.map(({ amount }) => amount);

describe('energy and value of a bid on a 15-minute day', () => {
  it('has 100 quarter hours on the day the clocks go back', () => {
    expect(QUARTER_HOURS).toMatchObject({ periodMinutes: 15, periodCount: 100 });
  });

  it('offers a curve’s largest |volume| for a quarter of an hour each period, the total without float drift', () => {
    const storage = offeredEnergy(curveBid(range(100), STORAGE), QUARTER_HOURS.periodMinutes);
    expect(amounts(storage)).toEqual(range(100).map(() => 2));
    expect(storage.total).toBe(200);
    // 0.025 MWh added 100 times in binary floats is 2.499999999999995.
    expect(offeredEnergy(curveBid(range(100), [{ price: 0, volume: 0.1 }]), QUARTER_HOURS.periodMinutes).total).toBe(2.5);
  });

  it('offers the blocks’ volumes added in each period', () => {
    expect(offeredEnergy(BLOCKS, QUARTER_HOURS.periodMinutes)).toEqual({
      periods: [
        { period: 1, amount: 2.5 },
        { period: 2, amount: 2.5 },
        { period: 3, amount: 3.75 },
        { period: 4, amount: 3.75 },
      ],
      total: 12.5,
    });
  });

  it('signs the cleared energy like the bid and values sales positive, rounded once to the cent', () => {
    expect(clearedEnergy(RESULTS, QUARTER_HOURS.periodMinutes)).toEqual({ periods: [{ period: 1, amount: -2.5 }, { period: 2, amount: 0.025 }], total: -2.475 });
    // 10 MW sold x 0.25 h x 50 = 125; 0.1 MW bought x 0.25 h x 33.33 = 0.83325.
    expect(marketValue(RESULTS, QUARTER_HOURS.periodMinutes)).toEqual({ periods: [{ period: 1, amount: 125 }, { period: 2, amount: -0.83 }], total: 124.17 });
  });

  it('rounds the total from the exact sum, not from the rounded periods', () => {
    // 1 kW bought for a quarter hour at 10.00 costs a quarter of a cent: 0.00 a period, 0.01 for four.
    const quarterCents = range(4).map((period) => ({ period, clearedVolume: 0.001, clearingPrice: 10 }));
    expect(marketValue(quarterCents, QUARTER_HOURS.periodMinutes)).toEqual({ periods: range(4).map((period) => ({ period, amount: 0 })), total: -0.01 });
  });
});

describe('energy and value of a bid on a 60-minute day', () => {
  it('has 24 hours', () => {
    expect(HOURS).toMatchObject({ periodMinutes: 60, periodCount: 24 });
  });

  it('offers and clears whole hours', () => {
    expect(amounts(offeredEnergy(BLOCKS, HOURS.periodMinutes))).toEqual([10, 10, 15, 15]);
    expect(offeredEnergy(curveBid(range(24), STORAGE), HOURS.periodMinutes).total).toBe(192);
    expect(clearedEnergy(RESULTS, HOURS.periodMinutes)).toEqual({ periods: [{ period: 1, amount: -10 }, { period: 2, amount: 0.1 }], total: -9.9 });
  });

  it('values an hour’s sale and purchase, half a cent rounded away from zero', () => {
    // 500 - 3.333 = 496.667
    expect(marketValue(RESULTS, HOURS.periodMinutes)).toEqual({ periods: [{ period: 1, amount: 500 }, { period: 2, amount: -3.33 }], total: 496.67 });
    const halfCents: BidPeriodResult[] = [
      { period: 1, clearedVolume: -0.001, clearingPrice: 5 },
      { period: 2, clearedVolume: 0.001, clearingPrice: 5 },
      { period: 3, clearedVolume: -0.001, clearingPrice: -5 },
    ];
    expect(amounts(marketValue(halfCents, HOURS.periodMinutes))).toEqual([0.01, -0.01, -0.01]);
  });
});
