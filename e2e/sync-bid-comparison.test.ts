import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bid, BlockOrder, CurvePeriod } from '../shared/api/bids.js';
import { blockRows, curveRows, differenceCount, fieldRows } from '../renderer/src/pages/sync/bid-comparison.js';

/** Everything of a stored bid but its order: the same in both versions unless a test changes it. */
const STORED: Omit<Extract<Bid, { orderType: 'curve' }>, 'orderType' | 'curve'> = {
  id: '7b0a9c52-3c1e-4d7a-9b1f-2f4a8f1c0d11',
  organizationId: '5d1f1e0a-8c7b-4a55-9f0e-3a2b1c0d9e8f',
  createdBy: null,
  status: 'draft',
  version: 2,
  curveKind: 'step',
  gateClosureAt: '2026-11-27T11:00:00.000Z',
  submissionId: null,
  submittedAt: null,
  decidedAt: null,
  cancelledAt: null,
  reason: null,
  confirmedWarnings: [],
  warnings: [],
  results: [],
  copiedFromBidId: null,
  syncState: 'conflict',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:05:00.000Z',
  zoneId: 'DE_LU',
  market: 'day_ahead',
  auction: null,
  deliveryDate: '2026-11-28',
  assetId: null,
  portfolio: 'Desk',
  side: 'buy',
  notes: null,
};

const curveBid = (curve: CurvePeriod[]): Bid => ({ ...STORED, orderType: 'curve', curve });
const blockBid = (blocks: BlockOrder[]): Bid => ({ ...STORED, orderType: 'block', blocks });

/** Curves on the exchanges' grids: cents and whole kW, one to four points in each of some periods. */
const curve = fc
  .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 })
  .chain((periods) =>
    fc.tuple(
      ...periods.map((period) =>
        fc.array(fc.record({ price: fc.integer({ min: -50_000, max: 400_000 }).map((c) => c / 100), volume: fc.integer({ min: -5000, max: 5000 }).map((kw) => kw / 1000) }), { minLength: 1, maxLength: 4 }).map((points) => ({ period, points })),
      ),
    ),
  );

const keysOf = (bid: Bid): string[] => (bid.orderType === 'curve' ? bid.curve.flatMap((p) => p.points.map((_, i) => `${String(p.period)}:${String(i)}`)) : []);

describe('comparing two versions of a bid (the conflict view)', () => {
  it('finds no difference between a bid and itself', () => {
    fc.assert(
      fc.property(curve, (periods) => {
        const bid = curveBid(periods);
        expect(differenceCount(bid, bid)).toBe(0);
        expect(fieldRows(bid, bid).some((row) => row.differs)).toBe(false);
      }),
    );
  });

  it('aligns every point of both curves once, by period then place, and marks exactly the values that differ', () => {
    fc.assert(
      fc.property(curve, curve, (a, b) => {
        const [mine, theirs] = [curveBid(a), curveBid(b)];
        const rows = curveRows(mine, theirs);
        const keys = rows.map((row) => `${String(row.period)}:${String(row.point)}`);
        expect(new Set(keys)).toEqual(new Set([...keysOf(mine), ...keysOf(theirs)]));
        expect(keys).toHaveLength(new Set(keys).size);
        expect(rows.map((row) => [row.period, row.point])).toEqual([...rows].sort((x, y) => x.period - y.period || x.point - y.point).map((row) => [row.period, row.point]));
        for (const row of rows) {
          const find = (periods: CurvePeriod[]) => periods.find((p) => p.period === row.period)?.points[row.point] ?? null;
          expect([row.mine, row.theirs]).toEqual([find(a), find(b)]);
          expect(row.priceDiffers).toBe(row.mine?.price !== row.theirs?.price);
          expect(row.volumeDiffers).toBe(row.mine?.volume !== row.theirs?.volume);
        }
      }),
    );
  });

  it('counts one difference when one price changed, and marks nothing else', () => {
    fc.assert(
      fc.property(curve, fc.nat(), fc.integer({ min: 1, max: 1000 }), (periods, pick, cents) => {
        const period = periods[pick % periods.length];
        if (!period) return;
        const changed = periods.map((p) => (p === period ? { ...p, points: p.points.map((point, i) => (i === 0 ? { ...point, price: (Math.round(point.price * 100) + cents) / 100 } : point)) } : p));
        const rows = curveRows(curveBid(periods), curveBid(changed));
        expect(rows.filter((row) => row.priceDiffers).map((row) => [row.period, row.point])).toEqual([[period.period, 0]]);
        expect(rows.some((row) => row.volumeDiffers)).toBe(false);
        expect(differenceCount(curveBid(periods), curveBid(changed))).toBe(1);
      }),
    );
  });

  it('compares blocks on their stored values: a ratio that prints alike still differs, a block only one version has is a row', () => {
    const block: BlockOrder = { id: 'b1', name: 'Morning', price: 80, minAcceptanceRatio: 0.9991, parentBlockId: null, exclusiveGroup: null, periods: [{ period: 3, volume: 5 }, { period: 4, volume: -2.5 }] };
    const mine = blockBid([block]);
    const theirs = blockBid([{ ...block, minAcceptanceRatio: 0.9992 }, { ...block, id: 'b2', name: 'Evening', parentBlockId: 'b1' }]);
    const [morning, evening] = blockRows(mine, theirs);
    expect(morning?.mine).toEqual({ name: 'Morning', price: '80.00', acceptance: '≥ 99.9 %', periods: 'P3–P4: +5.0, -2.5', link: '—' });
    expect(morning?.theirs?.acceptance).toBe(morning?.mine?.acceptance);
    expect([...(morning?.differs ?? [])]).toEqual(['acceptance']);
    expect([evening?.mine, evening?.theirs?.link, evening?.differs.size]).toEqual([null, 'after “Morning”', 5]);
    expect(differenceCount(mine, theirs)).toBe(2);
  });
});
