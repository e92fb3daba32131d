import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../main/engine/schema-formats.js';
import { ASSET_ID, BLOCK_IDS, CATALOGUE_ZONES, catalogueZone, halfStepAbove, steps } from '../../main/testing/bid-fixtures.js';
import { BID_WARNING_CODES, BlockBidDraft, DEFAULT_BID_WARNING_THRESHOLDS, CurveBidDraft, type BidDraft, type CurvePeriod, type CurvePoint } from '../api/bids.js';
import type { MarketZone } from '../api/zones.js';
import { deliveryDay } from '../market/delivery-day.js';
import { auctionOf, periodWindow, priceLimitsOf } from './bid-market.js';
import { BID_ERROR_CODES, validateBid, type BidAssetFacts, type BidRuleContext } from './validate-bid.js';

/** Ordinary days and clock-change days, European and American, before and after the 15-minute switch. */
const DAYS = ['2026-06-15', '2026-01-15', '2026-03-29', '2026-10-25', '2025-03-30', '2025-10-26', '2026-03-08', '2026-11-01'];
const BEFORE_EVERY_GATE = Date.parse('2025-01-01T00:00:00Z');

interface ValidBid {
  zone: MarketZone;
  draft: CurveBidDraft;
  context: BidRuleContext;
}

/** Strictly rising prices on the tick within the limits (from the floor to the cap on a full-range curve), and strictly falling volumes on the lot of the side's sign. */
function validPoints(zone: MarketZone, market: BidDraft['market'], side: BidDraft['side']): fc.Arbitrary<CurvePoint[]> {
  const { priceTick, volumeLot, minPoints, maxPoints, fullPriceRange } = zone.curve;
  const limits = priceLimitsOf(zone, market) ?? zone.priceLimits;
  const [lowest, highest] = [Math.ceil(limits.floor / priceTick - 1e-9), Math.floor(limits.cap / priceTick + 1e-9)];
  const [fewest, most] = [minPoints, Math.min(maxPoints, 8)];
  const lots = { buy: { min: 0, max: 500 }, sell: { min: -500, max: 0 }, both: { min: -500, max: 500 } }[side];
  return fc.integer({ min: fewest, max: most }).chain((count) =>
    fc
      .tuple(fc.uniqueArray(fc.integer({ min: lowest, max: highest }), { minLength: count, maxLength: count }), fc.uniqueArray(fc.integer(lots), { minLength: count, maxLength: count }))
      .map(([ticks, volumes]) => {
        const prices = ticks.sort((a, b) => a - b).map((tick) => steps(tick, priceTick));
        if (fullPriceRange) [prices[0], prices[count - 1]] = [limits.floor, limits.cap];
        const sortedVolumes = volumes.sort((a, b) => b - a).map((lot) => steps(lot, volumeLot));
        return prices.map((price, k) => ({ price, volume: sortedVolumes[k] ?? 0 }));
      }),
  );
}

/** An asset that can take any curve of the side (or none: a portfolio bid). */
function ampleAsset(zone: MarketZone, side: BidDraft['side']): fc.Arbitrary<BidAssetFacts | null> {
  const kind = ({ buy: 'flexible_load', sell: 'solar', both: 'storage' } as const)[side];
  const storage = side === 'both' ? { energyCapacityMwh: 1000, roundTripEfficiency: 0.9, socMin: 0, socMax: 1, maxChargeMw: 100, maxDischargeMw: 100 } : null;
  return fc.constantFrom(null, { id: ASSET_ID, kind, zoneId: zone.id, capacityMw: 100, status: 'active' as const, storage });
}

const validBid: fc.Arbitrary<ValidBid> = fc
  .record({
    zone: fc.constantFrom(...CATALOGUE_ZONES),
    deliveryDate: fc.constantFrom(...DAYS),
    side: fc.constantFrom('buy' as const, 'sell' as const, 'both' as const),
    auction: fc.constantFrom(null, 'IDA1' as const, 'IDA2' as const, 'IDA3' as const),
  })
  .chain(({ zone, deliveryDate, side, auction: wanted }) => {
    const auction = zone.intraday ? wanted : null;
    const market = auction === null ? ('day_ahead' as const) : ('intraday_auction' as const);
    const window = periodWindow(zone, auctionOf(zone, auction), deliveryDate);
    const period = fc.record({ period: fc.integer({ min: window.first, max: window.last }), points: validPoints(zone, market, side) });
    return fc
      .tuple(fc.uniqueArray(period, { minLength: 1, maxLength: 4, selector: (entry) => entry.period }), ampleAsset(zone, side))
      .map(([curve, asset]): ValidBid => {
        const draft: CurveBidDraft = { zoneId: zone.id, market, auction, deliveryDate, assetId: asset?.id ?? null, portfolio: asset ? null : 'Desk', side, notes: null, orderType: 'curve', curve };
        return { zone, draft, context: { zone, asset, now: BEFORE_EVERY_GATE, recentPrice: null, thresholds: DEFAULT_BID_WARNING_THRESHOLDS } };
      });
  });

/** One period of a bid, by position, and the draft with that period's points replaced. */
const withPoints = (draft: CurveBidDraft, index: number, points: CurvePoint[]): CurveBidDraft => ({
  ...draft,
  curve: draft.curve.map((entry, k): CurvePeriod => (k === index ? { ...entry, points } : entry)),
});

describe('validateBid, on generated bids', () => {
  it('passes every curve built to its zone’s rules', () => {
    fc.assert(
      fc.property(validBid, ({ draft, context }) => {
        const result = validateBid(draft, context);
        expect(result.errors).toEqual([]);
        expect(result.periodCount).toBe(deliveryDay(context.zone, draft.deliveryDate).periodCount);
        expect(result.gateClosureAt).toBeGreaterThan(context.now);
      }),
    );
  });

  it('finds a price pushed beyond the cap, or off the tick, at that price and nowhere else', () => {
    const perturbed = validBid.chain((bid) =>
      fc.record({ bid: fc.constant(bid), index: fc.nat({ max: bid.draft.curve.length - 1 }), ticks: fc.integer({ min: 1, max: 1000 }), point: fc.nat() }),
    );
    fc.assert(
      fc.property(perturbed, ({ bid: { zone, draft, context }, index, ticks, point }) => {
        const points = draft.curve[index]?.points ?? [];
        const { priceTick } = zone.curve;
        const cap = priceLimitsOf(zone, draft.market)?.cap ?? zone.priceLimits.cap;
        const last = points.length - 1;
        const above = points.map((entry, k) => (k === last ? { ...entry, price: steps(Math.floor(cap / priceTick + 1e-9) + ticks, priceTick) } : entry));
        const aboveErrors = validateBid(withPoints(draft, index, above), context).errors;
        expect(aboveErrors.map((error) => error.code)).toContain('PRICE_ABOVE_CAP');
        expect(new Set(aboveErrors.map((error) => error.field))).toEqual(new Set([`curve[${index}].points[${last}].price`]));

        const at = point % points.length;
        const offTick = points.map((entry, k) => (k === at ? { ...entry, price: halfStepAbove(entry.price, priceTick) } : entry));
        const offTickErrors = validateBid(withPoints(draft, index, offTick), context).errors;
        expect(offTickErrors.map((error) => error.code)).toContain('PRICE_OFF_TICK');
        expect(new Set(offTickErrors.map((error) => error.field))).toEqual(new Set([`curve[${index}].points[${at}].price`]));
      }),
    );
  });

  it('finds the order broken when the points of a curve are shuffled', () => {
    const shuffled = validBid
      .filter(({ draft }) => (draft.curve[0]?.points.length ?? 0) >= 2)
      .chain((bid) => {
        const points = bid.draft.curve[0]?.points ?? [];
        return fc.record({ bid: fc.constant(bid), points: fc.shuffledSubarray(points, { minLength: points.length, maxLength: points.length }) });
      });
    fc.assert(
      fc.property(shuffled, ({ bid: { draft, context }, points }) => {
        fc.pre(points.some((entry, k) => entry !== draft.curve[0]?.points[k]));
        const codes = validateBid(withPoints(draft, 0, points), context).errors.map((error) => `${error.code} ${error.field.slice(0, 8)}`);
        expect(codes).toContain('CURVE_PRICES_NOT_ASCENDING curve[0]');
      }),
    );
  });
});

const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -200_000, max: 200_000 }).map((units) => units / 10),
  fc.constantFrom(-9999.99, -500, -150, 0, 4000, 9999.99),
);
const uuid = fc.oneof(fc.uuid(), fc.constantFrom(ASSET_ID, ...BLOCK_IDS));
const text = (maxLength: number) => fc.string({ minLength: 1, maxLength }).filter((value) => /\S/.test(value));
const period = fc.integer({ min: 1, max: 100 });
const option = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });

const target = {
  zoneId: fc.constantFrom(...CATALOGUE_ZONES.map((zone) => zone.id)),
  market: fc.constantFrom('day_ahead' as const, 'intraday_auction' as const),
  auction: option(fc.constantFrom('IDA1' as const, 'IDA2' as const, 'IDA3' as const)),
  deliveryDate: fc.oneof(fc.constantFrom(...DAYS), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/)),
  assetId: option(uuid),
  portfolio: option(text(200)),
  side: fc.constantFrom('buy' as const, 'sell' as const, 'both' as const),
  notes: option(fc.string({ maxLength: 50 })),
};
const anyCurveDraft = fc.record({
  ...target,
  orderType: fc.constant('curve' as const),
  curve: fc.array(fc.record({ period, points: fc.array(fc.record({ price: number, volume: number }), { minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 8 }),
});
const anyBlockDraft = fc.record({
  ...target,
  orderType: fc.constant('block' as const),
  blocks: fc.array(
    fc.record({
      id: uuid,
      name: text(100),
      price: number,
      minAcceptanceRatio: fc.oneof(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100 }).map((percent) => percent / 100)),
      parentBlockId: option(uuid),
      exclusiveGroup: option(fc.constantFrom('A', 'B')),
      periods: fc.array(fc.record({ period, volume: number }), { minLength: 1, maxLength: 8 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});
const anyContext = (zoneId: string): fc.Arbitrary<BidRuleContext> =>
  fc.record({
    zone: fc.constant(catalogueZone(zoneId)),
    asset: option(
      fc.record({
        id: uuid,
        kind: fc.constantFrom('solar' as const, 'wind' as const, 'storage' as const, 'flexible_load' as const),
        zoneId: fc.constantFrom(...CATALOGUE_ZONES.map((zone) => zone.id)),
        capacityMw: fc.double({ min: 0.001, max: 100_000, noNaN: true }),
        status: fc.constantFrom('active' as const, 'inactive' as const, 'retired' as const),
        storage: option(
          fc.record({
            energyCapacityMwh: fc.double({ min: 0.001, max: 1_000_000, noNaN: true }),
            roundTripEfficiency: fc.double({ min: 0.01, max: 1, noNaN: true }),
            socMin: fc.constant(0.1),
            socMax: fc.constant(0.9),
            maxChargeMw: fc.double({ min: 0.001, max: 100_000, noNaN: true }),
            maxDischargeMw: fc.double({ min: 0.001, max: 100_000, noNaN: true }),
          }),
        ),
      }),
    ),
    now: fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
    recentPrice: option(number),
    thresholds: fc.record({ maxPriceDeviation: fc.double({ min: 0.01, max: 1e6, noNaN: true }), maxCapacityShare: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  });
const anyBid = fc.oneof(anyCurveDraft, anyBlockDraft).chain((draft: BidDraft) => fc.record({ draft: fc.constant(draft), context: anyContext(draft.zoneId) }));

describe('validateBid, on any draft the schema lets through', () => {
  const errorCodes = new Set<string>(BID_ERROR_CODES);
  const warningCodes = new Set<string>(BID_WARNING_CODES);

  it('has error codes and warning codes that never share a name', () => {
    expect([...errorCodes].filter((code) => warningCodes.has(code))).toEqual([]);
    expect([...errorCodes, ...warningCodes].every((code) => /^[A-Z]+(_[A-Z]+)*$/.test(code))).toBe(true);
    expect(errorCodes.size).toBe(BID_ERROR_CODES.length);
  });

  it('never throws, answers the same twice, and keeps errors and warnings apart', () => {
    fc.assert(
      fc.property(anyBid, ({ draft, context }) => {
        expect(Value.Check(draft.orderType === 'curve' ? CurveBidDraft : BlockBidDraft, draft)).toBe(true);
        const result = validateBid(draft, context);
        expect(validateBid(structuredClone(draft), context)).toEqual(result);
        expect(result.errors.every((issue) => issue.severity === 'error' && errorCodes.has(issue.code) && issue.field !== '' && issue.message !== '')).toBe(true);
        expect(result.warnings.every((issue) => issue.severity === 'warning' && warningCodes.has(issue.code) && issue.field !== '')).toBe(true);
        expect([0, 23, 24, 25, 92, 96, 100]).toContain(result.periodCount);
      }),
      { numRuns: 300 },
    );
  });
});
