import type { AssetKind } from '../api/assets.js';
import type { BidDraft, BidIssue } from '../api/bids.js';
import type { GateClosureRule, MarketZone } from '../api/zones.js';
import { wallClockMs } from '../market/time-zone.js';
import { directionLimit, type Direction } from './asset-limits.js';
import type { BidAssetFacts } from './bid-context.js';
import { DELIVERY_YEARS, auctionOf } from './bid-market.js';
import type { BidTerms } from './bid-terms.js';
import { bidError } from './bid-issues.js';

/** The market a bid goes to: day-ahead has no auction; an intraday auction is one the zone holds. */
function marketErrors(draft: BidDraft, zone: MarketZone): BidIssue[] {
  if (draft.market === 'day_ahead') {
    return draft.auction === null ? [] : [bidError('AUCTION_NOT_ALLOWED', 'auction', `A day-ahead bid has no auction: ${draft.auction} is an intraday auction`)];
  }
  if (!zone.intraday) return [bidError('AUCTION_NOT_IN_ZONE', 'market', `${zone.id} has no intraday auctions: bid into its day-ahead market`)];
  const held = zone.intraday.auctions.map((auction) => auction.id).join(', ');
  if (draft.auction === null) return [bidError('AUCTION_REQUIRED', 'auction', `An intraday auction bid names its auction (${held} in ${zone.id})`)];
  return auctionOf(zone, draft.auction) ? [] : [bidError('AUCTION_NOT_IN_ZONE', 'auction', `${zone.id} holds no auction ${draft.auction}, only ${held}`)];
}

const KIND_NAMES: Readonly<Record<AssetKind, string>> = { solar: 'solar', wind: 'wind', storage: 'storage', flexible_load: 'flexible-load' };

/** The side a bid takes against what its asset can do: solar and wind only sell, a flexible load only buys. */
function sideErrors(asset: BidAssetFacts, side: BidDraft['side']): BidIssue[] {
  const needed: Direction[] = side === 'both' ? ['buy', 'sell'] : [side];
  const impossible = needed.find((direction) => !directionLimit(asset, direction));
  if (!impossible) return [];
  const possible = impossible === 'buy' ? 'sell' : 'buy';
  return [bidError('ASSET_SIDE_MISMATCH', 'side', `A ${KIND_NAMES[asset.kind]} asset cannot ${impossible}: its bids are ${possible} bids`)];
}

/** Who the bid is for: exactly one of an asset and a portfolio; the asset known, in the bid's zone and active. */
function holderErrors(draft: BidDraft, terms: BidTerms): BidIssue[] {
  if (draft.assetId === null && draft.portfolio === null) return [bidError('ASSET_OR_PORTFOLIO', 'assetId', 'A bid is for one asset or a named portfolio: choose one')];
  if (draft.assetId !== null && draft.portfolio !== null) return [bidError('ASSET_OR_PORTFOLIO', 'portfolio', 'A bid is for one asset or a named portfolio, not both: clear one of them')];
  if (draft.assetId === null) return [];
  const asset = terms.asset;
  if (!asset) return [bidError('ASSET_NOT_FOUND', 'assetId', 'The asset of this bid does not exist (or is not one of the organisation’s)')];
  const errors: BidIssue[] = [];
  if (asset.zoneId !== terms.zone.id) errors.push(bidError('ASSET_ZONE_MISMATCH', 'assetId', `The asset is in ${asset.zoneId}, not in ${terms.zone.id}: it bids into its own zone`));
  if (asset.status !== 'active') errors.push(bidError('ASSET_NOT_ACTIVE', 'assetId', `The asset is ${asset.status}: only an active asset can bid`));
  return [...errors, ...sideErrors(asset, draft.side)];
}

/** "2026-03-28 12:00 Europe/Brussels (11:00 UTC)": the gate as its rule states it, and in UTC (with the date when it differs). */
function formatGate(rule: GateClosureRule, at: number): string {
  const local = new Date(wallClockMs(rule.timezone, at)).toISOString();
  const utc = new Date(at).toISOString();
  const utcText = utc.slice(0, 10) === local.slice(0, 10) ? utc.slice(11, 16) : `${utc.slice(0, 10)} ${utc.slice(11, 16)}`;
  return `${local.slice(0, 10)} ${local.slice(11, 16)} ${rule.timezone} (${utcText} UTC)`;
}

/** The delivery day: a calendar date whose gate (the day-ahead one or the auction's) is still open at `now`. */
function deliveryErrors(draft: BidDraft, now: number, terms: BidTerms): BidIssue[] {
  if (!terms.window) {
    return [bidError('DELIVERY_DATE_INVALID', 'deliveryDate', `${draft.deliveryDate} is not a calendar date from ${DELIVERY_YEARS.first} to ${DELIVERY_YEARS.last}`)];
  }
  if (!terms.gate || terms.gate.at > now) return [];
  const gate = draft.market === 'intraday_auction' && draft.auction !== null ? `${draft.auction} gate` : 'Gate';
  return [bidError('GATE_CLOSED', 'deliveryDate', `${gate} for ${draft.deliveryDate} closed at ${formatGate(terms.gate.rule, terms.gate.at)}`)];
}

/** Every rule of a bid's target: market and auction, asset or portfolio, delivery day and gate. */
export function targetErrors(draft: BidDraft, now: number, terms: BidTerms): BidIssue[] {
  return [...marketErrors(draft, terms.zone), ...holderErrors(draft, terms), ...deliveryErrors(draft, now, terms)];
}
