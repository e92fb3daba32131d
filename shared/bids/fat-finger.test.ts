import { describe, expect, it } from 'vitest';
import { ASSET_ID, assetFacts, block, blockDraft, catalogueZone, curveDraft, findings, ruleContext } from '../../main/testing/bid-fixtures.js';
import type { BidDraft, CurvePoint } from '../api/bids.js';
import type { BidRuleContext } from './validate-bid.js';
import { validateBid } from './validate-bid.js';

const epex = catalogueZone('BE');
const nordPool = catalogueZone('SE_3');
const market = { recentPrice: 100, thresholds: { maxPriceDeviation: 250, maxCapacityShare: 0.9 } };
const check = (draft: BidDraft, context: Partial<BidRuleContext> = {}) => validateBid(draft, ruleContext(catalogueZone(draft.zoneId), { ...market, ...context }));
const curve = (zone = epex, points: CurvePoint[] = []) => curveDraft(zone, { curve: [{ period: 1, points }] });

describe('the fat-finger guard', () => {
  it('warns of a price further from the market than the threshold, exactly at the boundary', () => {
    expect(check(curve(epex, [{ price: -150, volume: 5 }, { price: 350, volume: 1 }])).warnings).toEqual([]);
    const far = check(curve(epex, [{ price: -150.1, volume: 5 }, { price: 350.1, volume: 1 }]));
    expect(far.errors).toEqual([]);
    expect(far.warnings).toEqual([
      {
        code: 'PRICE_FAR_FROM_MARKET',
        field: 'curve[0].points[0].price',
        message: '2 prices are more than 250 EUR/MWh from the recent market price of 100 EUR/MWh, the first -150.1 EUR/MWh',
        severity: 'warning',
      },
    ]);
  });

  it('passes over the floor and cap end points a full-range curve must have, but not a price the trader chose', () => {
    const fullRange = (middle: number) => curve(nordPool, [{ price: -500, volume: 5 }, { price: middle, volume: 2 }, { price: 4000, volume: 0 }]);
    expect(check(fullRange(120)).warnings).toEqual([]);
    expect(findings(check(fullRange(400)).warnings)).toEqual(['PRICE_FAR_FROM_MARKET curve[0].points[1].price']);
  });

  it('checks block prices too, and no price without a recent market price', () => {
    const blocks = blockDraft(epex, { blocks: [block(0, { price: 80 }), block(1, { price: 900 })] });
    expect(findings(check(blocks).warnings)).toEqual(['PRICE_FAR_FROM_MARKET blocks[1].price']);
    expect(check(blocks, { recentPrice: null }).warnings).toEqual([]);
  });

  it('warns of a volume above the share of what the asset can do, and leaves the volume above it to the errors', () => {
    const solar = { asset: assetFacts(epex, { kind: 'solar', capacityMw: 10 }) };
    const selling = (volume: number) => curveDraft(epex, { assetId: ASSET_ID, portfolio: null, side: 'sell', curve: [{ period: 1, points: [{ price: 20, volume: -1 }, { price: 60, volume }] }] });
    expect(check(selling(-9), solar).warnings).toEqual([]);
    const near = check(selling(-9.1), solar);
    expect(near.errors).toEqual([]);
    expect(near.warnings.map((warning) => [warning.code, warning.field, warning.message])).toEqual([
      ['VOLUME_NEAR_CAPACITY', 'curve[0].points[1].volume', "1 volume is above 90% of what the asset can do, the first -9.1 MW against its capacity of 10 MW"],
    ]);
    const over = check(selling(-10.1), solar);
    expect([findings(over.errors), over.warnings]).toEqual([['VOLUME_ABOVE_CAPACITY curve[0].points[1].volume'], []]);
    // A portfolio bid has no capacity to be near.
    expect(check(curveDraft(epex, { side: 'sell', curve: [{ period: 1, points: [{ price: 20, volume: -1 }, { price: 60, volume: -9000 }] }] })).warnings).toEqual([]);
  });

  it('measures a storage against its charge and discharge ratings, block volumes included', () => {
    const storage = { asset: assetFacts(epex, { kind: 'storage', storage: { energyCapacityMwh: 8, roundTripEfficiency: 0.9, socMin: 0, socMax: 1, maxChargeMw: 2, maxDischargeMw: 4 } }) };
    const blocks = blockDraft(epex, { assetId: ASSET_ID, portfolio: null, blocks: [block(0, { periods: [{ period: 1, volume: -3.6 }, { period: 2, volume: -3.7 }, { period: 3, volume: -3.8 }] })] });
    const result = check(blocks, storage);
    expect(result.warnings.map((warning) => [warning.field, warning.message])).toEqual([
      ['blocks[0].periods[1].volume', '2 volumes are above 90% of what the asset can do, the first -3.7 MW against its maximum discharge of 4 MW'],
    ]);
  });
});
