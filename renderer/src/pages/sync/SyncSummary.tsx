import type { SyncStatus } from '../../../../shared/api/health.js';
import { formatDateTime } from '../../format.js';

const MEANING: Record<SyncStatus['state'], string> = {
  online: 'The shared database answers: your writes go straight to it.',
  offline: 'The shared database is out of reach: bids are read from this terminal’s cache, and your writes wait here to be sent, in order, when it returns.',
  syncing: 'The shared database is back: the queued writes are being sent, in order.',
};

/** Where this terminal stands against the shared database: state, what waits, when the queue last emptied. */
export function SyncSummary({ status }: { status: SyncStatus }) {
  return (
    <div className="sync-summary">
      <dl className="sync-summary__facts">
        <div>
          <dt>Shared database</dt>
          <dd className={`state state--${status.state}`} data-testid="sync-state">
            {status.state}
          </dd>
        </div>
        <div>
          <dt>Queued writes</dt>
          <dd className="num" data-testid="sync-queued">
            {status.queued}
          </dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd className="num">{status.lastSyncAt === null ? 'not since the engine started' : formatDateTime(status.lastSyncAt, true)}</dd>
        </div>
      </dl>
      <p className="muted sync-summary__meaning">{MEANING[status.state]}</p>
    </div>
  );
}
