import { Link } from 'react-router';
import type { QueuedWrite } from '../../../../shared/api/sync.js';
import { formatDateTime, NO_VALUE } from '../../format.js';
import { bidPath, operationWords, STATE_LABELS } from './queue-words.js';

/** The writes of the offline queue: what waits, then what was settled last, each newest first (# is the order of sending). */
export function QueueTable({ writes, labelledBy }: { writes: readonly QueuedWrite[]; labelledBy: string }) {
  return (
    <table className="grid queue" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Write</th>
          <th scope="col">State</th>
          <th scope="col" className="num">
            Attempts
          </th>
          <th scope="col">Detail</th>
          <th scope="col" className="num">
            Made
          </th>
          <th scope="col" className="num">
            Settled
          </th>
        </tr>
      </thead>
      <tbody>
        {writes.map((write) => (
          <tr key={write.seq} data-seq={write.seq}>
            <td className="num muted">{write.seq}</td>
            <th scope="row">
              <Link to={bidPath(write.bidId)} title={`Open bid ${write.bidId} in Bidding`}>
                {operationWords(write)}
              </Link>
            </th>
            <td>
              <span className={`badge badge--write-${write.state}`}>{STATE_LABELS[write.state]}</span>
            </td>
            <td className="num">{write.attempts}</td>
            <td className="cell-wrap queue__detail">{write.detail ?? NO_VALUE}</td>
            <td className="num">{formatDateTime(write.createdAt, true)}</td>
            <td className="num">{formatDateTime(write.settledAt, true)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
