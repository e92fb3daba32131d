import type { BidDraft, BidIssue } from '../api/bids.js';
import type { MarketZone } from '../api/zones.js';
import type { BidRuleContext } from './bid-context.js';
import { gateOf } from './bid-market.js';
import { bidTerms } from './bid-terms.js';
import { blockErrors } from './block-rules.js';
import { targetErrors } from './bid-target-rules.js';
import { curveErrors } from './curve-rules.js';
import { fatFingerWarnings } from './fat-finger.js';

export type { BidAssetFacts, BidRuleContext } from './bid-context.js';
export { BID_ERROR_CODES, type BidErrorCode } from './bid-issues.js';

export interface BidValidation {
  /** Severity 'error': the bid cannot be saved or submitted. */
  errors: BidIssue[];
  /** Severity 'warning': the trader must confirm them to submit. */
  warnings: BidIssue[];
  /** Epoch ms of this bid's gate; null when the market/auction does not exist in the zone (or the delivery date is no date). */
  gateClosureAt: number | null;
  /** Periods on that delivery day (92/96/100, 23/24/25); 0 when the delivery date is no date. */
  periodCount: number;
}

/**
 * A draft against its zone's rules (resources/market-zones.json: a rule change is a data
 * change). The same function runs in the bid form as the trader types and in the engine before
 * a save or a submission, so both say the same thing. Pure: it never throws on a draft that
 * passes the BidDraft schema, and the same draft and context give the same answer.
 */
export function validateBid(draft: BidDraft, context: BidRuleContext): BidValidation {
  const terms = bidTerms(draft, context);
  const orders = draft.orderType === 'curve' ? curveErrors(draft.curve, terms) : blockErrors(draft.blocks, terms);
  return {
    errors: [...targetErrors(draft, context.now, terms), ...orders],
    warnings: fatFingerWarnings(draft, terms, context.recentPrice, context.thresholds),
    gateClosureAt: terms.gate?.at ?? null,
    periodCount: terms.window?.periodCount ?? 0,
  };
}

/** The gate closure (epoch ms) of a zone's market for a delivery day; null when the zone has no such market/auction (or the date is no calendar date from 1970 to 2999). */
export function bidGateClosure(zone: MarketZone, market: BidDraft['market'], auction: BidDraft['auction'], deliveryDate: string): number | null {
  return gateOf(zone, market, auction, deliveryDate)?.at ?? null;
}
