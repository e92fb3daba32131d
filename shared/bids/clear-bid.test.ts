import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BidSide, BlockBidDraft, BlockOrder, CurveBidDraft, CurvePoint } from '../api/bids.js';
import { bidPeriods, clearBidAsPriceTaker } from './clear-bid.js';
import { PRICE_TAKER_BASIS } from './clearing-reasons.js';

const TARGET = { zoneId: 'DE_LU', market: 'day_ahead', auction: null, deliveryDate: '2025-11-27', assetId: null, portfolio: 'Storage', notes: null } as const;
const curveBid = (side: BidSide, curve: [number, CurvePoint[]][]): CurveBidDraft => ({ ...TARGET, side, orderType: 'curve', curve: curve.map(([period, points]) => ({ period, points })) });
const blockBid = (side: BidSide, blocks: BlockOrder[]): BlockBidDraft => ({ ...TARGET, side, orderType: 'block', blocks });
const block = (id: string, price: number, volume: number, periods: number[], parentBlockId: string | null = null): BlockOrder => ({
  id,
  name: `Block ${id}`,
  price,
  minAcceptanceRatio: 1,
  parentBlockId,
  exclusiveGroup: null,
  periods: periods.map((period) => ({ period, volume })),
});
const pricesOf = (...prices: number[]): Map<number, number> => new Map(prices.map((price, index) => [index + 1, price]));

// Buy 10 MW up to 40, 4 MW more up to 20; nothing above 40.
const BUY_STEPS: CurvePoint[] = [
  { price: 20, volume: 14 },
  { price: 40, volume: 10 },
  { price: 40.1, volume: 0 },
];

describe('a curve bid cleared as a price-taker', () => {
  it('is accepted when every period clears a volume', () => {
    const outcome = clearBidAsPriceTaker(
      curveBid('buy', [
        [2, BUY_STEPS],
        [1, BUY_STEPS],
      ]),
      'step',
      pricesOf(15.5, 40),
    );
    expect(outcome).toEqual({
      status: 'accepted',
      results: [
        { period: 1, clearedVolume: 14, clearingPrice: 15.5 },
        { period: 2, clearedVolume: 10, clearingPrice: 40 },
      ],
      acceptedBlockRatios: {},
      reason: null,
    });
  });

  it('is partially accepted when some periods clear, and says which did not and on what basis', () => {
    const bid = curveBid('buy', [1, 2, 3, 4, 5].map((period) => [period, BUY_STEPS]));
    const outcome = clearBidAsPriceTaker(bid, 'step', pricesOf(30, 40.05, 55, 12, 41));
    expect(outcome?.status).toBe('partially_accepted');
    expect(outcome?.results.map(({ clearedVolume }) => clearedVolume)).toEqual([10, 0, 0, 14, 0]);
    expect(outcome?.reason).toBe(`Cleared in 2 of 5 periods; not in the money in periods 2-3, 5 at the clearing price. ${PRICE_TAKER_BASIS}`);
  });

  it('is rejected when no period clears', () => {
    const outcome = clearBidAsPriceTaker(curveBid('buy', [[1, BUY_STEPS]]), 'step', pricesOf(120));
    expect(outcome).toMatchObject({ status: 'rejected', results: [{ period: 1, clearedVolume: 0, clearingPrice: 120 }], reason: `Not in the money in period 1 at the clearing price. ${PRICE_TAKER_BASIS}` });
  });

  it('interpolates a linear curve and signs a storage curve’s sales negative', () => {
    const storage: CurvePoint[] = [
      { price: -500, volume: 5 },
      { price: 30, volume: 5 },
      { price: 30.1, volume: 0 },
      { price: 80, volume: 0 },
      { price: 100, volume: -8 },
      { price: 4000, volume: -8 },
    ];
    const outcome = clearBidAsPriceTaker(
      curveBid('both', [
        [1, storage],
        [2, storage],
        [3, storage],
      ]),
      'linear',
      pricesOf(-12.5, 90, 30.04),
    );
    expect(outcome?.results.map(({ clearedVolume }) => clearedVolume)).toEqual([5, -4, 3]);
    expect(outcome?.status).toBe('accepted');
  });

  it('needs the curve kind of a curve bid', () => {
    expect(() => clearBidAsPriceTaker(curveBid('buy', [[1, BUY_STEPS]]), null, pricesOf(10))).toThrow(TypeError);
  });
});

describe('a block bid cleared as a price-taker', () => {
  it('adds the accepted blocks’ volumes by period and gives each block a ratio of 0 or 1', () => {
    // Average price of periods 1-2: 45; of 2-3: 70.
    const bid = blockBid('sell', [block('base', 50, -10, [2, 3]), block('peak', 40, -5, [1, 2]), block('dear', 75, -3, [2, 3]), block('child', 0, -2, [3], 'dear')]);
    const outcome = clearBidAsPriceTaker(bid, null, pricesOf(30, 60, 80));
    expect(outcome).toEqual({
      status: 'partially_accepted',
      results: [
        { period: 1, clearedVolume: -5, clearingPrice: 30 },
        { period: 2, clearedVolume: -15, clearingPrice: 60 },
        { period: 3, clearedVolume: -10, clearingPrice: 80 },
      ],
      acceptedBlockRatios: { base: 1, peak: 1, dear: 0, child: 0 },
      reason: `2 of 4 blocks accepted: Block dear at 75.00 is out of the money against the volume-weighted average clearing price 70.00 of its periods; Block child: its parent Block dear was not accepted. ${PRICE_TAKER_BASIS}`,
    });
  });

  it('is accepted when every block is and rejected when none is', () => {
    const bid = blockBid('buy', [block('a', 50, 2, [1]), block('b', 60, 3, [1, 2])]);
    expect(clearBidAsPriceTaker(bid, null, pricesOf(50, 70))).toMatchObject({ status: 'accepted', reason: null, acceptedBlockRatios: { a: 1, b: 1 } });
    expect(clearBidAsPriceTaker(bid, null, pricesOf(90, 70))).toMatchObject({
      status: 'rejected',
      results: [
        { period: 1, clearedVolume: 0 },
        { period: 2, clearedVolume: 0 },
      ],
      reason: expect.stringMatching(/^No block accepted: Block a at 50.00 .* average clearing price 90.00 .*; Block b at 60.00 .* 80.00 of its periods\. Price-taker/) as unknown,
    });
  });
});

describe('prices that do not decide a bid', () => {
  it('leaves the bid undecided (null) while a period of it has no published price', () => {
    expect(bidPeriods(blockBid('sell', [block('a', 50, -2, [3, 4]), block('b', 50, -2, [1, 3])]))).toEqual([1, 3, 4]);
    expect(clearBidAsPriceTaker(curveBid('buy', [[3, BUY_STEPS]]), 'step', pricesOf(10, 20))).toBeNull();
    expect(clearBidAsPriceTaker(blockBid('sell', [block('a', 50, -2, [3, 4])]), null, pricesOf(10, 20, 30))).toBeNull();
  });

  it('refuses a clearing price off the cent instead of rounding it', () => {
    expect(() => clearBidAsPriceTaker(curveBid('buy', [[1, BUY_STEPS]]), 'step', pricesOf(10.005))).toThrow(RangeError);
  });
});

describe('bid status, for any bid and prices', () => {
  const price = fc.integer({ min: -50_000, max: 400_000 }).map((cents) => cents / 100);
  const points = fc
    .array(fc.tuple(fc.integer({ min: -50_000, max: 400_000 }), fc.integer({ min: -50_000, max: 50_000 })), { minLength: 1, maxLength: 6 })
    .map((drawn): CurvePoint[] => {
      const prices = drawn.map(([cents]) => cents).sort((a, b) => a - b);
      const volumes = drawn.map(([, kw]) => kw).sort((a, b) => b - a);
      return prices.map((cents, index) => ({ price: cents / 100, volume: (volumes[index] ?? 0) / 1000 }));
    });
  const periods = fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 });
  const dayPrices = fc.array(price, { minLength: 8, maxLength: 8 }).map((drawn) => pricesOf(...drawn));

  it('never calls a curve bid accepted with a period that cleared nothing, nor rejected with one that cleared', () => {
    fc.assert(
      fc.property(periods, points, fc.constantFrom('step' as const, 'linear' as const), dayPrices, (bidPeriodList, curve, kind, prices) => {
        const outcome = clearBidAsPriceTaker(
          curveBid(
            'both',
            bidPeriodList.map((period) => [period, curve]),
          ),
          kind,
          prices,
        );
        const zeros = outcome?.results.filter(({ clearedVolume }) => clearedVolume === 0).length;
        expect(outcome?.results.map(({ period }) => period)).toEqual([...bidPeriodList].sort((a, b) => a - b));
        if (outcome?.status === 'accepted') expect(zeros).toBe(0);
        if (outcome?.status === 'rejected') expect(zeros).toBe(bidPeriodList.length);
        expect(outcome?.reason === null).toBe(outcome?.status === 'accepted');
      }),
    );
  });

  it('never calls a one-sided block bid accepted with a period that cleared nothing', () => {
    const blocks = fc.array(fc.tuple(price, fc.integer({ min: 1, max: 50_000 }), periods), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(blocks, fc.boolean(), dayPrices, (drawn, sells, prices) => {
        const bid = blockBid(
          sells ? 'sell' : 'buy',
          drawn.map(([blockPrice, kw, blockPeriods], index) => block(`b${index}`, blockPrice, ((sells ? -1 : 1) * kw) / 1000, blockPeriods)),
        );
        const outcome = clearBidAsPriceTaker(bid, null, prices);
        if (outcome?.status === 'accepted') expect(outcome.results.every(({ clearedVolume }) => clearedVolume !== 0)).toBe(true);
        expect(Object.values(outcome?.acceptedBlockRatios ?? {}).every((ratio) => ratio === 0 || ratio === 1)).toBe(true);
      }),
    );
  });
});
