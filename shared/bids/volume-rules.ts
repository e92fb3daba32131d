import type { BidIssue } from '../api/bids.js';
import { directionLimit, directionOf } from './asset-limits.js';
import type { BidTerms } from './bid-terms.js';
import { bidError, formatMw } from './bid-issues.js';
import { onStep } from './decimal.js';

/**
 * One volume of a bid (a curve point's or a block period's): on the zone's lot, of the side's
 * sign (the exchanges' convention: positive buys, negative sells; 0 is neither), and within
 * what the asset can do that way. An asset that cannot go that way at all is the target
 * rules' finding (ASSET_SIDE_MISMATCH), not one error per volume.
 */
export function volumeErrors(volume: number, field: string, terms: BidTerms): BidIssue[] {
  if (!Number.isFinite(volume)) return [bidError('NOT_A_NUMBER', field, 'The volume must be a number')];
  const errors: BidIssue[] = [];
  const lot = terms.zone.curve.volumeLot;
  if (!onStep(volume, lot)) errors.push(bidError('VOLUME_OFF_LOT', field, `Volume ${formatMw(volume)} is not a multiple of the ${formatMw(lot)} lot of ${terms.zone.id}`));
  if (terms.side === 'buy' && volume < 0) {
    errors.push(bidError('VOLUME_WRONG_SIGN', field, `Volume ${formatMw(volume)} sells, but this is a buy bid: its volumes are positive (MW bought)`));
  }
  if (terms.side === 'sell' && volume > 0) {
    errors.push(bidError('VOLUME_WRONG_SIGN', field, `Volume ${formatMw(volume)} buys, but this is a sell bid: its volumes are negative (MW sold)`));
  }
  const limit = terms.asset && volume !== 0 ? directionLimit(terms.asset, directionOf(volume)) : null;
  if (limit && Math.abs(volume) > limit.mw) {
    errors.push(bidError('VOLUME_ABOVE_CAPACITY', field, `Volume ${formatMw(volume)} is above the asset's ${limit.what} of ${formatMw(limit.mw)}`));
  }
  return errors;
}
