import { useCallback } from 'react';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useLoad } from '../components/use-load.js';
import { useLiveStatus } from '../state/live-status.js';
import { ConflictCard } from './sync/ConflictCard.js';
import { QueueTable } from './sync/QueueTable.js';
import { ResolvedConflicts } from './sync/ResolvedConflicts.js';
import { SyncSummary } from './sync/SyncSummary.js';
import { useSyncEvents } from './sync/use-sync-events.js';

/** The offline queue (writes waiting for the shared database, and what became of them) and the conflicts its replay found. */
export function Sync() {
  const queue = useLoad(useCallback(() => engine.syncQueue(), []));
  const conflicts = useLoad(useCallback(() => engine.syncConflicts(), []));
  const zones = useLoad(useCallback(() => engine.zones(), []));
  const { reload: reloadQueue } = queue;
  const { reload: reloadConflicts } = conflicts;
  const reload = useCallback(() => {
    reloadQueue();
    reloadConflicts();
  }, [reloadQueue, reloadConflicts]);
  useSyncEvents(reload);
  // Without the engine's events the page cannot follow the queue: shown as last known.
  const stale = useLiveStatus((state) => state.connection.state !== 'open');

  const currencyOf = (zoneId: string): string => zones.data?.zones.find((zone) => zone.id === zoneId)?.currency ?? '';
  const status = queue.data?.status;
  const writes = queue.data?.writes ?? [];
  const open = conflicts.data?.conflicts.filter((conflict) => conflict.resolvedAt === null) ?? [];
  const resolved = conflicts.data?.conflicts.filter((conflict) => conflict.resolvedAt !== null) ?? [];

  return (
    <div className="page-grid sync-page">
      <Panel headingId="offline-queue-heading" title="Offline queue" aside="newest first; # is the order they are sent in" stale={stale}>
        <FormError message={queue.error} />
        {status && <SyncSummary status={status} />}
        {status === null && <p className="panel__body muted">This terminal has no shared database: bids are stored in its embedded database, so nothing is ever queued.</p>}
        {status &&
          (writes.length === 0 ? (
            <p className="panel__body muted">Nothing queued: every write made on this terminal has reached the shared database.</p>
          ) : (
            <QueueTable writes={writes} conflicts={conflicts.data?.conflicts ?? []} labelledBy="offline-queue-heading" />
          ))}
      </Panel>
      <Panel headingId="conflicts-heading" title="Conflicts" aside={conflicts.data ? `${String(open.length)} open` : undefined} stale={stale}>
        <FormError message={conflicts.error ?? zones.error} />
        {conflicts.data && open.length === 0 && (
          <p className="panel__body muted">None open. A bid edited here while offline and on the shared database meanwhile shows here with both versions, for you to choose.</p>
        )}
        {open.map((conflict) => (
          <ConflictCard key={conflict.id} conflict={conflict} currencyOf={currencyOf} onResolved={reload} />
        ))}
      </Panel>
      {resolved.length > 0 && (
        <Panel headingId="resolved-conflicts-heading" title="Resolved conflicts" aside={`${String(resolved.length)}, latest found first`} stale={stale}>
          <ResolvedConflicts conflicts={resolved} labelledBy="resolved-conflicts-heading" />
        </Panel>
      )}
    </div>
  );
}
