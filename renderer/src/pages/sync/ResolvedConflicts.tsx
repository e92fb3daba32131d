import { Link } from 'react-router';
import type { SyncConflict } from '../../../../shared/api/sync.js';
import { formatDateTime } from '../../format.js';
import { bidPath, RESOLUTION_WORDS, shortId } from './queue-words.js';

/** Conflicts already decided, with the choice: what happened to each bid's offline edit. */
export function ResolvedConflicts({ conflicts, labelledBy }: { conflicts: readonly SyncConflict[]; labelledBy: string }) {
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Bid</th>
          <th scope="col">Choice</th>
          <th scope="col" className="num">
            Found
          </th>
          <th scope="col" className="num">
            Resolved
          </th>
        </tr>
      </thead>
      <tbody>
        {conflicts.map((conflict) => (
          <tr key={conflict.id}>
            <th scope="row">
              <Link to={bidPath(conflict.bidId)} title={`Open bid ${conflict.bidId} in Bidding`}>
                bid {shortId(conflict.bidId)}
              </Link>
            </th>
            <td>{conflict.resolution ? RESOLUTION_WORDS[conflict.resolution] : ''}</td>
            <td className="num">{formatDateTime(conflict.detectedAt, true)}</td>
            <td className="num">{formatDateTime(conflict.resolvedAt, true)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
