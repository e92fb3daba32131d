import type { Bid } from '../../../../shared/api/bids.js';
import { formatAmount } from '../../../../shared/bids/bid-issues.js';
import { formatPrice } from '../../format.js';

/** A decided bid, period by period: what cleared and at which price. */
export function BidResults({ bid, labelOf, currency }: { bid: Bid; labelOf: (period: number) => string; currency: string }) {
  return (
    <details className="periods bid-results" open>
      <summary>Results: {bid.results.length} periods</summary>
      <table className="grid" aria-label="Results">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Cleared (MW, + buy / − sell)
            </th>
            <th scope="col" className="num">
              Clearing price ({currency}/MWh)
            </th>
          </tr>
        </thead>
        <tbody>
          {bid.results.map((result) => (
            <tr key={result.period}>
              <td>{labelOf(result.period)}</td>
              <td className={result.clearedVolume === 0 ? 'num muted' : 'num'}>{formatAmount(result.clearedVolume)}</td>
              <td className="num">{formatPrice(result.clearingPrice, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
