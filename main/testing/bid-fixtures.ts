import { readFileSync } from 'node:fs';
import type { BlockBidDraft, BlockOrder, CurveBidDraft, CurvePoint } from '../../shared/api/bids.js';
import { DEFAULT_BID_WARNING_THRESHOLDS } from '../../shared/api/bids.js';
import type { MarketZone } from '../../shared/api/zones.js';
import type { BidAssetFacts, BidRuleContext } from '../../shared/bids/validate-bid.js';

/**
 * Drafts and contexts for tests of the bid rules, on the real zone catalogue: a test states the
 * one thing it changes from a draft every zone accepts.
 */

export const CATALOGUE_ZONES: readonly MarketZone[] = (JSON.parse(readFileSync(new URL('../../resources/market-zones.json', import.meta.url), 'utf8')) as { zones: MarketZone[] }).zones;

export function catalogueZone(id: string): MarketZone {
  const found = CATALOGUE_ZONES.find((zone) => zone.id === id);
  if (!found) throw new Error(`no zone ${id} in the catalogue`);
  return found;
}

/** An ordinary summer delivery day, and a `now` two weeks before every gate of it. */
export const DELIVERY_DATE = '2026-06-15';
export const BEFORE_GATES = Date.parse('2026-06-01T00:00:00Z');

export const ASSET_ID = '6f1c2b4e-8a3d-4f5e-9b7c-1d2e3f4a5b6c';
export const BLOCK_IDS = ['0b7e1c52-3f4a-4d6b-8e9f-a1b2c3d4e5f6', '1c8f2d63-4a5b-4e7c-9f0a-b2c3d4e5f6a7', '2d9a3e74-5b6c-4f8d-a01b-c3d4e5f6a7b8'] as const;

const decimalPlaces = (step: number): number => String(step).split('.')[1]?.length ?? 0;

/** `units` steps as the decimal a trader would type: onStep(7, 0.1) is 0.7, not 0.7000000000000001. */
export const steps = (units: number, step: number): number => Number((units * step).toFixed(decimalPlaces(step)));

/** Half a step above `value`: off any grid of that step, still below the next step. */
export const halfStepAbove = (value: number, step: number): number => Number((value + step / 2).toFixed(decimalPlaces(step) + 1));

/**
 * A curve every zone accepts: prices from the floor a tick at a time, the last at the cap
 * (full-range zones need both ends), volumes a lot apart and falling (monotonic zones need
 * every point to add quantity): a buy curve from `count` lots down to one, a sell curve from
 * one lot sold to `count`.
 */
export function ladder(zone: MarketZone, count: number, side: 'buy' | 'sell' = 'buy'): CurvePoint[] {
  const { priceTick, volumeLot } = zone.curve;
  const { floor, cap } = zone.priceLimits;
  const floorTicks = Math.round(floor / priceTick);
  return Array.from({ length: count }, (_, k) => ({
    price: k === count - 1 ? cap : steps(floorTicks + k, priceTick),
    volume: side === 'buy' ? steps(count - k, volumeLot) : steps(-(k + 1), volumeLot),
  }));
}

export function curveDraft(zone: MarketZone, changes: Partial<CurveBidDraft> = {}): CurveBidDraft {
  return {
    zoneId: zone.id,
    market: 'day_ahead',
    auction: null,
    deliveryDate: DELIVERY_DATE,
    assetId: null,
    portfolio: 'Desk',
    side: 'buy',
    notes: null,
    orderType: 'curve',
    curve: [{ period: 1, points: ladder(zone, 3) }],
    ...changes,
  };
}

export function block(index: number, changes: Partial<BlockOrder> = {}): BlockOrder {
  return {
    id: BLOCK_IDS[index] ?? BLOCK_IDS[0],
    name: `Block ${index + 1}`,
    price: 80,
    minAcceptanceRatio: 1,
    parentBlockId: null,
    exclusiveGroup: null,
    periods: [
      { period: 33, volume: -5 },
      { period: 34, volume: -5 },
      { period: 35, volume: -5 },
    ],
    ...changes,
  };
}

export function blockDraft(zone: MarketZone, changes: Partial<BlockBidDraft> = {}): BlockBidDraft {
  const { curve: _curve, ...target } = curveDraft(zone, { side: 'sell' });
  return { ...target, orderType: 'block', blocks: [block(0)], ...changes };
}

export function ruleContext(zone: MarketZone, changes: Partial<BidRuleContext> = {}): BidRuleContext {
  return { zone, asset: null, now: BEFORE_GATES, recentPrice: null, thresholds: DEFAULT_BID_WARNING_THRESHOLDS, ...changes };
}

export function assetFacts(zone: MarketZone, changes: Partial<BidAssetFacts> = {}): BidAssetFacts {
  return { id: ASSET_ID, kind: 'solar', zoneId: zone.id, capacityMw: 10, status: 'active', storage: null, ...changes };
}

/** Issues as "CODE field" lines: what a test compares, the messages checked where they matter. */
export const findings = (issues: readonly { code: string; field: string }[]): string[] => issues.map((issue) => `${issue.code} ${issue.field}`);

/** A DE_LU day-ahead buy curve for the portfolio "Desk", through the API: valid under the zone's rules while its gate is open (the sync tests' bid). */
export const deskCurve = (deliveryDate: string, price = 10) => ({
  zoneId: 'DE_LU',
  market: 'day_ahead',
  auction: null,
  deliveryDate,
  assetId: null,
  portfolio: 'Desk',
  side: 'buy',
  notes: null,
  orderType: 'curve',
  curve: [{ period: 1, points: [{ price, volume: 1 }, { price: price + 10, volume: 0.5 }] }],
});
