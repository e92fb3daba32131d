import type { AssetKind, StorageParameters } from '../api/assets.js';
import type { BidDraft, BidIssue, BidWarningThresholds } from '../api/bids.js';
import type { MarketZone } from '../api/zones.js';
import { deliveryDay } from '../market/delivery-day.js';
import { gateClosureFor } from '../market/gate-closure.js';
import { mwToKw, priceToMinor } from '../units.js';

/*
 * PLACEHOLDER of the bid rules, written by the bids capability so its service and tests run.
 * The rules helper writes the real `validateBid` with this exact signature; at merge this file
 * is replaced by theirs. It checks only the gate, the day's periods, the zone's price limits,
 * tick and lot, and the two fat-finger warnings.
 */

export interface BidAssetFacts {
  id: string;
  kind: AssetKind;
  zoneId: string;
  capacityMw: number;
  status: 'active' | 'inactive' | 'retired';
  storage: StorageParameters | null;
}

export interface BidRuleContext {
  zone: MarketZone;
  asset: BidAssetFacts | null;
  /** Epoch ms. */
  now: number;
  /** The zone's latest market price, in the zone currency per MWh; null when none is known. */
  recentPrice: number | null;
  thresholds: BidWarningThresholds;
}

export interface BidValidation {
  errors: BidIssue[];
  warnings: BidIssue[];
  /** Epoch ms; null when the zone has no such market or auction. */
  gateClosureAt: number | null;
  periodCount: number;
}

/** When the gate of the bid's market (the zone's day-ahead, or the named intraday auction) closes for that day. */
export function bidGateClosure(zone: MarketZone, market: BidDraft['market'], auction: BidDraft['auction'], deliveryDate: string): number | null {
  if (market === 'day_ahead') return gateClosureFor(zone.gateClosure, deliveryDate);
  const rule = zone.intraday?.auctions.find((a) => a.id === auction);
  return rule ? gateClosureFor(rule.gateClosure, deliveryDate) : null;
}

interface PricedVolume {
  field: string;
  price: number;
  volume: number;
  period: number;
}

/** Whether `value` is a whole number of `step` (both on the integer grid of `toInteger`); off that grid counts as off the step too. */
function onStep(value: number, step: number, toInteger: (n: number) => number): boolean {
  try {
    return toInteger(value) % toInteger(step) === 0;
  } catch {
    return false;
  }
}

/** Every price with its volume and period, named by the field it came from. */
function pricedVolumes(draft: BidDraft): PricedVolume[] {
  if (draft.orderType === 'curve') {
    return draft.curve.flatMap((p, i) => p.points.map((point, j) => ({ field: `curve[${String(i)}].points[${String(j)}]`, price: point.price, volume: point.volume, period: p.period })));
  }
  return draft.blocks.flatMap((b, i) => b.periods.map((p) => ({ field: `blocks[${String(i)}]`, price: b.price, volume: p.volume, period: p.period })));
}

const issue = (severity: BidIssue['severity'], code: string, field: string, message: string): BidIssue => ({ code, field, message, severity });

export function validateBid(draft: BidDraft, context: BidRuleContext): BidValidation {
  const { zone, now, asset, recentPrice, thresholds } = context;
  const errors: BidIssue[] = [];
  const warnings: BidIssue[] = [];
  const gateClosureAt = bidGateClosure(zone, draft.market, draft.auction, draft.deliveryDate);
  const { periodCount } = deliveryDay(zone, draft.deliveryDate);
  if (gateClosureAt === null) errors.push(issue('error', 'AUCTION_NOT_OFFERED', 'auction', `${zone.id} has no ${draft.auction ?? 'intraday'} auction`));
  else if (now >= gateClosureAt) errors.push(issue('error', 'GATE_CLOSED', 'deliveryDate', `The gate for ${draft.deliveryDate} closed at ${new Date(gateClosureAt).toISOString()}`));
  const limits = draft.market === 'day_ahead' ? zone.priceLimits : (zone.intraday?.priceLimits ?? zone.priceLimits);
  // A block's price is one field, however many periods it has: warn about it once.
  const farPrices = new Set<string>();
  for (const { field, price, volume, period } of pricedVolumes(draft)) {
    if (period > periodCount) errors.push(issue('error', 'PERIOD_OUT_OF_RANGE', field, `${draft.deliveryDate} has ${String(periodCount)} periods in ${zone.id}, not ${String(period)}`));
    if (!onStep(price, zone.curve.priceTick, priceToMinor)) errors.push(issue('error', 'PRICE_OFF_TICK', `${field}.price`, `${String(price)} is not a multiple of the tick ${String(zone.curve.priceTick)}`));
    if (!onStep(volume, zone.curve.volumeLot, mwToKw)) errors.push(issue('error', 'VOLUME_OFF_LOT', `${field}.volume`, `${String(volume)} MW is not a multiple of the lot ${String(zone.curve.volumeLot)} MW`));
    if (price < limits.floor || price > limits.cap) errors.push(issue('error', 'PRICE_OUT_OF_LIMITS', `${field}.price`, `${String(price)} is outside ${String(limits.floor)}..${String(limits.cap)}`));
    if (recentPrice !== null && Math.abs(price - recentPrice) > thresholds.maxPriceDeviation && !farPrices.has(field)) {
      farPrices.add(field);
      warnings.push(issue('warning', 'PRICE_FAR_FROM_MARKET', `${field}.price`, `${String(price)} is more than ${String(thresholds.maxPriceDeviation)} from the market price ${String(recentPrice)}`));
    }
    if (asset && Math.abs(volume) > thresholds.maxCapacityShare * asset.capacityMw) {
      warnings.push(issue('warning', 'VOLUME_NEAR_CAPACITY', `${field}.volume`, `${String(volume)} MW is more than ${String(thresholds.maxCapacityShare * 100)} % of the asset’s ${String(asset.capacityMw)} MW`));
    }
  }
  return { errors, warnings, gateClosureAt, periodCount };
}
