import type { BidIssue } from '../api/bids.js';
import type { BidTerms } from './bid-terms.js';
import { bidError } from './bid-issues.js';
import { repeats } from './repeats.js';

/**
 * A period of a bid exists on its delivery day in the zone's clock and market time unit
 * (92/96/100 quarter hours, or 23/24/25 hours before the 15-minute switch and in the US), and
 * lies in the market's window (IDA3 trades only 12:00-24:00). Unchecked while the delivery
 * date itself is wrong: that is one error, not one per period.
 */
export function periodErrors(period: number, field: string, terms: BidTerms): BidIssue[] {
  const window = terms.window;
  if (!window) return [];
  if (!Number.isInteger(period) || period < 1 || period > window.periodCount) {
    const unit = window.periodMinutes === 15 ? 'quarter-hour' : 'hourly';
    return [bidError('PERIOD_NOT_ON_DAY', field, `Period ${period} does not exist on ${window.date} in ${terms.zone.id}: that day has ${window.periodCount} ${unit} periods`)];
  }
  if (window.auction && (period < window.first || period > window.last)) {
    const { id, deliveryStart, deliveryEnd } = window.auction;
    return [
      bidError('PERIOD_OUTSIDE_AUCTION', field, `Period ${period} is outside ${id}'s delivery window ${deliveryStart}-${deliveryEnd} (periods ${window.first}-${window.last} on ${window.date})`),
    ];
  }
  return [];
}

/** A period listed twice in one curve or one block: an error at each repeat. */
export function repeatedPeriodErrors(entries: readonly { period: number; field: string }[], where: string): BidIssue[] {
  return repeats(entries.map((entry) => entry.period)).flatMap(({ index }) => {
    const entry = entries[index];
    return entry ? [bidError('PERIOD_DUPLICATE', entry.field, `Period ${entry.period} appears twice ${where}`)] : [];
  });
}
