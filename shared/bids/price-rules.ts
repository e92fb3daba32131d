import type { BidIssue } from '../api/bids.js';
import type { BidTerms } from './bid-terms.js';
import { bidError, formatPrice } from './bid-issues.js';
import { onStep } from './decimal.js';

/**
 * One price of a bid (a curve point's or a block's) against the market's limits and the zone's
 * tick. Limits compare as doubles: two decimals parse to doubles in the same order, so a plain
 * `<` is exact; the tick is a question about digits and is answered on integers (decimal.ts).
 */
export function priceErrors(price: number, field: string, terms: BidTerms): BidIssue[] {
  const { currency, curve } = terms.zone;
  if (!Number.isFinite(price)) return [bidError('NOT_A_NUMBER', field, 'The price must be a number')];
  const errors: BidIssue[] = [];
  const limits = terms.limits;
  if (limits && price < limits.floor) {
    errors.push(bidError('PRICE_BELOW_FLOOR', field, `Price ${formatPrice(price, currency)} is below the floor of ${formatPrice(limits.floor, currency)}`));
  }
  if (limits && price > limits.cap) {
    // US ISOs: only a verified cost-based offer may go above the cap (FERC 831), and the terminal submits none.
    const verified = limits.costVerifiedCap === undefined ? '' : ` (up to ${formatPrice(limits.costVerifiedCap, currency)} only with a verified cost-based offer)`;
    errors.push(bidError('PRICE_ABOVE_CAP', field, `Price ${formatPrice(price, currency)} is above the cap of ${formatPrice(limits.cap, currency)}${verified}`));
  }
  if (!onStep(price, curve.priceTick)) {
    errors.push(bidError('PRICE_OFF_TICK', field, `Price ${formatPrice(price, currency)} is not on the ${formatPrice(curve.priceTick, currency)} tick of ${terms.zone.id}`));
  }
  return errors;
}
