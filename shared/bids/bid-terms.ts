import type { BidDraft, BidSide } from '../api/bids.js';
import type { GateClosureRule, MarketZone, PriceLimits } from '../api/zones.js';
import type { BidAssetFacts, BidRuleContext } from './bid-context.js';
import { auctionOf, gateOf, isDeliveryDate, periodWindow, priceLimitsOf, type PeriodWindow } from './bid-market.js';

/** What a draft's target fixes for its orders, worked out once and read by every rule. */
export interface BidTerms {
  zone: MarketZone;
  side: BidSide;
  /** The market's price limits; null when the zone has no such market (reported by the target rules). */
  limits: PriceLimits | null;
  /** The draft's asset, when the context's asset is the one it names. */
  asset: BidAssetFacts | null;
  /** The periods the bid may fill; null when the delivery date is not one (reported by the target rules). */
  window: PeriodWindow | null;
  gate: { rule: GateClosureRule; at: number } | null;
}

export function bidTerms(draft: BidDraft, context: BidRuleContext): BidTerms {
  const { zone } = context;
  const auction = draft.market === 'intraday_auction' ? auctionOf(zone, draft.auction) : null;
  return {
    zone,
    side: draft.side,
    limits: priceLimitsOf(zone, draft.market),
    asset: draft.assetId !== null && context.asset?.id === draft.assetId ? context.asset : null,
    window: isDeliveryDate(draft.deliveryDate) ? periodWindow(zone, auction, draft.deliveryDate) : null,
    gate: gateOf(zone, draft.market, draft.auction, draft.deliveryDate),
  };
}
