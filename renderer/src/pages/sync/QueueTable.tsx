import { Link } from 'react-router';
import type { QueuedWrite, SyncConflict } from '../../../../shared/api/sync.js';
import { formatDateTime, NO_VALUE } from '../../format.js';
import { bidPath, conflictOfWrite, operationWords, RESOLUTION_WORDS, STATE_LABELS } from './queue-words.js';

/** The writes of the offline queue: what waits, then what was settled last, each newest first (# is the order of sending). */
interface QueueTableProps {
  writes: readonly QueuedWrite[];
  /** The conflicts found by the replay, to say which of those writes' conflicts the trader has resolved. */
  conflicts: readonly SyncConflict[];
  labelledBy: string;
}

/** A write's state and detail as shown: a conflict once resolved says how. */
function shownState(write: QueuedWrite, conflicts: readonly SyncConflict[]): { badge: string; label: string; detail: string | null } {
  const resolution = conflictOfWrite(write, conflicts)?.resolution ?? null;
  if (resolution === null) return { badge: write.state, label: STATE_LABELS[write.state], detail: write.detail };
  return { badge: 'done', label: 'resolved', detail: `Conflict resolved: ${RESOLUTION_WORDS[resolution]}` };
}

export function QueueTable({ writes, conflicts, labelledBy }: QueueTableProps) {
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
        {writes.map((write) => {
          const shown = shownState(write, conflicts);
          return (
            <tr key={write.seq} data-seq={write.seq}>
              <td className="num muted">{write.seq}</td>
              <th scope="row">
                <Link to={bidPath(write.bidId)} title={`Open bid ${write.bidId} in Bidding`}>
                  {operationWords(write)}
                </Link>
              </th>
              <td>
                <span className={`badge badge--write-${shown.badge}`}>{shown.label}</span>
              </td>
              <td className="num">{write.attempts}</td>
              <td className="cell-wrap queue__detail">{shown.detail ?? NO_VALUE}</td>
              <td className="num">{formatDateTime(write.createdAt, true)}</td>
              <td className="num">{formatDateTime(write.settledAt, true)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
