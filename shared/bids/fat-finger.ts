import type { BidDraft, BidIssue, BidWarningCode, BidWarningThresholds } from '../api/bids.js';
import { directionLimit, directionOf } from './asset-limits.js';
import type { BidTerms } from './bid-terms.js';
import { blockField, blockPeriodField, formatAmount, formatMw, formatPrice, pointField } from './bid-issues.js';
import { exceedsShare, isFurtherThan } from './decimal.js';

/**
 * The fat-finger guard: prices far from the market and volumes close to what the asset can do
 * are allowed, but the trader confirms them before submitting. One warning per code, at the
 * first field it concerns, counting the others: a confirmation dialog, not a list to scroll.
 */

interface Value {
  value: number;
  field: string;
}

/**
 * The prices a trader chose: every block price, and every curve point but a full-range curve's
 * end points at the floor and the cap, which the exchange requires rather than the trader picks.
 */
function chosenPrices(draft: BidDraft, terms: BidTerms): Value[] {
  if (draft.orderType === 'block') return draft.blocks.map((block, b) => ({ value: block.price, field: blockField(b, 'price') }));
  const limits = terms.limits;
  return draft.curve.flatMap((entry, i) =>
    entry.points.flatMap((point, j) => {
      const isEnd = (j === 0 && point.price === limits?.floor) || (j === entry.points.length - 1 && point.price === limits?.cap);
      return isEnd ? [] : [{ value: point.price, field: pointField(i, j, 'price') }];
    }),
  );
}

function volumes(draft: BidDraft): Value[] {
  if (draft.orderType === 'block') {
    return draft.blocks.flatMap((block, b) => block.periods.map((entry, k) => ({ value: entry.volume, field: blockPeriodField(b, k, 'volume') })));
  }
  return draft.curve.flatMap((entry, i) => entry.points.map((point, j) => ({ value: point.volume, field: pointField(i, j, 'volume') })));
}

function warning<T extends Value>(code: BidWarningCode, offending: readonly T[], message: (first: T, count: number) => string): BidIssue[] {
  const [first] = offending;
  return first ? [{ code, field: first.field, message: message(first, offending.length), severity: 'warning' }] : [];
}

const counted = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

function priceWarnings(draft: BidDraft, terms: BidTerms, recentPrice: number | null, maxDeviation: number): BidIssue[] {
  if (recentPrice === null) return [];
  const price = (value: number): string => formatPrice(value, terms.zone.currency);
  const far = chosenPrices(draft, terms).filter(({ value }) => Number.isFinite(value) && isFurtherThan(value, recentPrice, maxDeviation));
  return warning('PRICE_FAR_FROM_MARKET', far, (first, count) => {
    const prices = counted(count, 'price is', 'prices are');
    return `${prices} more than ${price(maxDeviation)} from the recent market price of ${price(recentPrice)}, the first ${price(first.value)}`;
  });
}

function volumeWarnings(draft: BidDraft, terms: BidTerms, share: number): BidIssue[] {
  const asset = terms.asset;
  if (!asset) return [];
  // Near but not above: above the limit is an error (VOLUME_ABOVE_CAPACITY), not something to confirm.
  const near = volumes(draft).flatMap(({ value, field }) => {
    const limit = value !== 0 && Number.isFinite(value) ? directionLimit(asset, directionOf(value)) : null;
    return limit && Math.abs(value) <= limit.mw && exceedsShare(value, share, limit.mw) ? [{ value, field, limit }] : [];
  });
  return warning('VOLUME_NEAR_CAPACITY', near, (first, count) => {
    const volumes = counted(count, 'volume is', 'volumes are');
    return `${volumes} above ${formatAmount(share * 100)}% of what the asset can do, the first ${formatMw(first.value)} against its ${first.limit.what} of ${formatMw(first.limit.mw)}`;
  });
}

export function fatFingerWarnings(draft: BidDraft, terms: BidTerms, recentPrice: number | null, thresholds: BidWarningThresholds): BidIssue[] {
  return [...priceWarnings(draft, terms, recentPrice, thresholds.maxPriceDeviation), ...volumeWarnings(draft, terms, thresholds.maxCapacityShare)];
}
