import { describe, expect, it } from 'vitest';
import { ASSET_ID, assetFacts, catalogueZone, curveDraft, findings, ladder, ruleContext } from '../../main/testing/bid-fixtures.js';
import type { CurveBidDraft, CurvePoint } from '../api/bids.js';
import type { MarketZone } from '../api/zones.js';
import { bidGateClosure, validateBid, type BidRuleContext } from './validate-bid.js';

const deLu = catalogueZone('DE_LU');
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const periods = (numbers: number[], points: CurvePoint[]) => numbers.map((period) => ({ period, points }));

/** A DE_LU-style curve draft on `deliveryDate`, validated a week before its gate (or at `now`). */
function validate(zone: MarketZone, changes: Partial<CurveBidDraft>, context: Partial<BidRuleContext> = {}) {
  const draft = curveDraft(zone, changes);
  const now = Date.parse(`${draft.deliveryDate}T00:00:00Z`) - 7 * 86_400_000;
  return validateBid(draft, ruleContext(zone, { now, ...context }));
}

describe('delivery days across clock changes', () => {
  const points = ladder(deLu, 2);

  it('has 92 quarter hours on DE_LU 2026-03-29 and 100 on 2026-10-25', () => {
    const spring = validate(deLu, { deliveryDate: '2026-03-29', curve: periods([1, 92], points) });
    expect([spring.periodCount, spring.errors]).toEqual([92, []]);
    const past = validate(deLu, { deliveryDate: '2026-03-29', curve: periods([93], points) });
    expect(findings(past.errors)).toEqual(['PERIOD_NOT_ON_DAY curve[0].period']);
    expect(past.errors[0]?.message).toBe('Period 93 does not exist on 2026-03-29 in DE_LU: that day has 92 quarter-hour periods');
    const autumn = validate(deLu, { deliveryDate: '2026-10-25', curve: periods([100], points) });
    expect([autumn.periodCount, autumn.errors]).toEqual([100, []]);
    expect(validate(deLu, { deliveryDate: '2026-06-15', curve: periods([97], points) }).periodCount).toBe(96);
  });

  it('had hours before the 15-minute switch: 23 on 2025-03-30', () => {
    const result = validate(deLu, { deliveryDate: '2025-03-30', curve: periods([23, 24], points) });
    expect(result.periodCount).toBe(23);
    expect(result.errors.map((error) => error.message)).toEqual(['Period 24 does not exist on 2025-03-30 in DE_LU: that day has 23 hourly periods']);
  });

  it('follows the US clocks: 23 hours on 2026-03-08 and 25 on 2026-11-01', () => {
    const ercot = catalogueZone('ERCOT');
    const segment = ladder(ercot, 1);
    const spring = validate(ercot, { deliveryDate: '2026-03-08', curve: periods([23, 24], segment) });
    expect([spring.periodCount, findings(spring.errors)]).toEqual([23, ['PERIOD_NOT_ON_DAY curve[1].period']]);
    const pjm = catalogueZone('PJM');
    expect(validate(pjm, { deliveryDate: '2026-11-01', curve: periods([25], ladder(pjm, 1)) })).toMatchObject({ periodCount: 25, errors: [] });
  });
});

describe('the gate', () => {
  it('closes at the zone’s rule on the day before, on the clock of that day', () => {
    expect(iso(bidGateClosure(deLu, 'day_ahead', null, '2026-03-30'))).toBe('2026-03-29T10:00:00.000Z');
    expect(iso(bidGateClosure(deLu, 'day_ahead', null, '2026-03-29'))).toBe('2026-03-28T11:00:00.000Z');
    expect(iso(bidGateClosure(catalogueZone('CAISO'), 'day_ahead', null, '2026-06-15'))).toBe('2026-06-14T17:00:00.000Z');
    expect(iso(bidGateClosure(catalogueZone('PJM'), 'day_ahead', null, '2026-01-15'))).toBe('2026-01-14T15:30:00.000Z');
  });

  it('is an auction’s own for an intraday auction, and none where the market does not exist', () => {
    expect(iso(bidGateClosure(deLu, 'intraday_auction', 'IDA1', '2026-06-15'))).toBe('2026-06-14T13:00:00.000Z');
    expect(iso(bidGateClosure(deLu, 'intraday_auction', 'IDA3', '2026-06-15'))).toBe('2026-06-15T08:00:00.000Z');
    expect(bidGateClosure(catalogueZone('CAISO'), 'intraday_auction', 'IDA1', '2026-06-15')).toBeNull();
    expect(bidGateClosure(deLu, 'intraday_auction', null, '2026-06-15')).toBeNull();
    expect(bidGateClosure(deLu, 'day_ahead', 'IDA2', '2026-06-15')).toBeNull();
    expect(bidGateClosure(deLu, 'day_ahead', null, '2026-02-30')).toBeNull();
  });

  it('refuses a bid once its gate has closed, saying when in the gate’s timezone and UTC', () => {
    const gate = Date.parse('2026-03-28T11:00:00Z');
    const open = validate(deLu, { deliveryDate: '2026-03-29' }, { now: gate - 1 });
    expect([open.errors, iso(open.gateClosureAt)]).toEqual([[], '2026-03-28T11:00:00.000Z']);
    const closed = validate(deLu, { deliveryDate: '2026-03-29' }, { now: gate });
    expect(findings(closed.errors)).toEqual(['GATE_CLOSED deliveryDate']);
    expect(closed.errors[0]?.message).toBe('Gate for 2026-03-29 closed at 2026-03-28 12:00 Europe/Brussels (11:00 UTC)');
    const ida3 = validate(deLu, { deliveryDate: '2026-06-15', market: 'intraday_auction', auction: 'IDA3', curve: periods([60], ladder(deLu, 2)) }, { now: Date.parse('2026-06-15T09:00:00Z') });
    expect(ida3.errors.map((error) => error.message)).toEqual(['IDA3 gate for 2026-06-15 closed at 2026-06-15 10:00 Europe/Brussels (08:00 UTC)']);
  });

  it('gives the UTC date too when it is not the gate’s local date', () => {
    const late = { ...deLu, gateClosure: { daysBefore: 1, time: '00:30', timezone: 'Europe/Brussels' } };
    const closed = validate(late, { deliveryDate: '2026-06-15' }, { now: Date.parse('2026-06-14T00:00:00Z') });
    expect(closed.errors[0]?.message).toBe('Gate for 2026-06-15 closed at 2026-06-14 00:30 Europe/Brussels (2026-06-13 22:30 UTC)');
  });
});

describe('the market and its auction', () => {
  it('takes no auction for day-ahead and one the zone holds for an intraday auction', () => {
    expect(findings(validate(deLu, { auction: 'IDA1' }).errors)).toEqual(['AUCTION_NOT_ALLOWED auction']);
    const missing = validate(deLu, { market: 'intraday_auction' });
    expect(missing.errors.map((error) => [error.code, error.message])).toEqual([['AUCTION_REQUIRED', 'An intraday auction bid names its auction (IDA1, IDA2, IDA3 in DE_LU)']]);
    expect(missing.gateClosureAt).toBeNull();
    const caiso = catalogueZone('CAISO');
    const us = validate(caiso, { market: 'intraday_auction', auction: 'IDA1', curve: periods([1], ladder(caiso, 1)) });
    expect(us.errors.map((error) => [error.code, error.field, error.message])).toEqual([['AUCTION_NOT_IN_ZONE', 'market', 'CAISO has no intraday auctions: bid into its day-ahead market']]);
  });

  it('trades only IDA3’s delivery window, 12:00-24:00 local, also on a clock-change day', () => {
    const ida3 = (deliveryDate: string, numbers: number[]) => validate(deLu, { market: 'intraday_auction', auction: 'IDA3', deliveryDate, curve: periods(numbers, ladder(deLu, 2)) });
    expect(ida3('2026-06-15', [49, 96]).errors).toEqual([]);
    const early = ida3('2026-06-15', [48]);
    expect(early.errors.map((error) => [error.code, error.field, error.message])).toEqual([
      ['PERIOD_OUTSIDE_AUCTION', 'curve[0].period', "Period 48 is outside IDA3's delivery window 12:00-24:00 (periods 49-96 on 2026-06-15)"],
    ]);
    // 12:00 comes 11 hours after midnight when the clocks go forward at 02:00.
    expect(findings(ida3('2026-03-29', [44, 45, 92]).errors)).toEqual(['PERIOD_OUTSIDE_AUCTION curve[0].period']);
    expect(ida3('2026-10-25', [53, 100]).errors).toEqual([]);
    expect(validate(deLu, { market: 'intraday_auction', auction: 'IDA1', curve: periods([1, 96], ladder(deLu, 2)) }).errors).toEqual([]);
  });

  it('applies the intraday price limits to an intraday auction', () => {
    const intraday = (price: number) => validate(deLu, { market: 'intraday_auction', auction: 'IDA2', curve: periods([1], [{ price: -9999.9, volume: 5 }, { price, volume: 1 }]) }).errors;
    expect(intraday(9999.9)).toEqual([]);
    expect(intraday(4500)).toEqual([]);
    expect(intraday(10_000).map((error) => error.message)).toEqual(['Price 10,000 EUR/MWh is above the cap of 9,999.99 EUR/MWh']);
    expect(findings(validate(deLu, { curve: periods([1], [{ price: 0, volume: 5 }, { price: 4500, volume: 1 }]) }).errors)).toEqual(['PRICE_ABOVE_CAP curve[0].points[1].price']);
  });
});

describe('the delivery date', () => {
  it.each(['2026-02-30', '2026-13-01', '2025-02-29', '1969-12-31', '3000-01-01', '0000-00-00'])('refuses %s, and checks no period against it', (deliveryDate) => {
    const result = validateBid(curveDraft(deLu, { deliveryDate, curve: periods([100], ladder(deLu, 2)) }), ruleContext(deLu));
    expect(result).toMatchObject({ gateClosureAt: null, periodCount: 0 });
    expect(findings(result.errors)).toEqual(['DELIVERY_DATE_INVALID deliveryDate']);
  });

  it('takes a leap day', () => {
    expect(validate(deLu, { deliveryDate: '2028-02-29' }).errors).toEqual([]);
  });
});

describe('who the bid is for', () => {
  const asAsset = { assetId: ASSET_ID, portfolio: null };

  it('is exactly one asset or one portfolio', () => {
    expect(findings(validate(deLu, { portfolio: null }).errors)).toEqual(['ASSET_OR_PORTFOLIO assetId']);
    expect(findings(validate(deLu, { assetId: ASSET_ID }, { asset: assetFacts(deLu, { kind: 'flexible_load' }) }).errors)).toEqual(['ASSET_OR_PORTFOLIO portfolio']);
  });

  it('is a known, active asset of the bid’s zone', () => {
    expect(findings(validate(deLu, asAsset).errors)).toEqual(['ASSET_NOT_FOUND assetId']);
    expect(findings(validate(deLu, asAsset, { asset: assetFacts(deLu, { id: '00000000-0000-4000-8000-000000000000' }) }).errors)).toEqual(['ASSET_NOT_FOUND assetId']);
    const elsewhere = validate(deLu, asAsset, { asset: assetFacts(deLu, { kind: 'flexible_load', zoneId: 'FR' }) });
    expect(elsewhere.errors.map((error) => [error.code, error.message])).toEqual([['ASSET_ZONE_MISMATCH', 'The asset is in FR, not in DE_LU: it bids into its own zone']]);
    for (const status of ['inactive', 'retired'] as const) {
      expect(findings(validate(deLu, asAsset, { asset: assetFacts(deLu, { kind: 'flexible_load', status }) }).errors)).toEqual(['ASSET_NOT_ACTIVE assetId']);
    }
  });

  it('takes the side its asset can: solar and wind sell, a flexible load buys, a storage does both', () => {
    const sell = { ...asAsset, side: 'sell' as const, curve: periods([1], ladder(deLu, 2, 'sell')) };
    const solarBuying = validate(deLu, asAsset, { asset: assetFacts(deLu, { kind: 'solar' }) });
    expect(solarBuying.errors.map((error) => [error.code, error.field, error.message])).toEqual([['ASSET_SIDE_MISMATCH', 'side', 'A solar asset cannot buy: its bids are sell bids']]);
    expect(validate(deLu, sell, { asset: assetFacts(deLu, { kind: 'wind' }) }).errors).toEqual([]);
    expect(findings(validate(deLu, sell, { asset: assetFacts(deLu, { kind: 'flexible_load' }) }).errors)).toEqual(['ASSET_SIDE_MISMATCH side']);
    expect(findings(validate(deLu, { ...sell, side: 'both' }, { asset: assetFacts(deLu, { kind: 'wind' }) }).errors)).toEqual(['ASSET_SIDE_MISMATCH side']);
    const storage = assetFacts(deLu, { kind: 'storage', storage: { energyCapacityMwh: 20, roundTripEfficiency: 0.88, socMin: 0.1, socMax: 0.9, maxChargeMw: 4, maxDischargeMw: 6 } });
    expect(validate(deLu, { ...sell, side: 'both' }, { asset: storage }).errors).toEqual([]);
  });

  it('stays within what the asset can do that way, and on the bid’s side of zero', () => {
    const storage = assetFacts(deLu, { kind: 'storage', storage: { energyCapacityMwh: 20, roundTripEfficiency: 0.88, socMin: 0.1, socMax: 0.9, maxChargeMw: 4, maxDischargeMw: 6 } });
    const storageCurve = (points: CurvePoint[]) => validate(deLu, { ...asAsset, side: 'both', curve: periods([1], points) }, { asset: storage }).errors;
    expect(storageCurve([{ price: 10, volume: 4 }, { price: 300, volume: -6 }])).toEqual([]);
    const over = storageCurve([{ price: 10, volume: 4.1 }, { price: 300, volume: -6.1 }]);
    expect(over.map((error) => [error.code, error.field, error.message])).toEqual([
      ['VOLUME_ABOVE_CAPACITY', 'curve[0].points[0].volume', "Volume 4.1 MW is above the asset's maximum charge of 4 MW"],
      ['VOLUME_ABOVE_CAPACITY', 'curve[0].points[1].volume', "Volume -6.1 MW is above the asset's maximum discharge of 6 MW"],
    ]);
    const solar = (volume: number) => validate(deLu, { ...asAsset, side: 'sell', curve: periods([1], [{ price: 0, volume: -1 }, { price: 50, volume }]) }, { asset: assetFacts(deLu) }).errors;
    expect(solar(-10)).toEqual([]);
    expect(findings(solar(-10.1))).toEqual(['VOLUME_ABOVE_CAPACITY curve[0].points[1].volume']);
    const wrongSign = validate(deLu, { side: 'buy', curve: periods([1], [{ price: 0, volume: 1 }, { price: 50, volume: -2 }]) }).errors;
    expect(wrongSign.map((error) => [error.code, error.message])).toEqual([['VOLUME_WRONG_SIGN', 'Volume -2 MW sells, but this is a buy bid: its volumes are positive (MW bought)']]);
  });
});
