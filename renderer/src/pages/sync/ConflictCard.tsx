import { useCallback } from 'react';
import { Link } from 'react-router';
import type { ResolveConflictBody, SyncConflict } from '../../../../shared/api/sync.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { useAction } from '../../components/use-action.js';
import { formatDateTime, formatDeliveryDay } from '../../format.js';
import { toast } from '../../state/toast-store.js';
import { BidComparison } from './BidComparison.js';
import { differenceCount } from './bid-comparison.js';
import { bidPath, shortId } from './queue-words.js';

interface ConflictCardProps {
  conflict: SyncConflict;
  currencyOf: (zoneId: string) => string;
  onResolved: () => void;
}

/** An open conflict: both versions side by side and the trader's choice between them. */
export function ConflictCard({ conflict, currencyOf, onResolved }: ConflictCardProps) {
  const { local: mine, remote: theirs } = conflict;
  const name = `bid ${shortId(conflict.bidId)}`;
  const [resolve, resolving] = useAction(
    useCallback(
      async (keep: ResolveConflictBody['keep']) => {
        await engine.resolveConflict(conflict.id, { keep });
        toast('success', keep === 'local' ? `Kept this terminal’s version of ${name}` : `Kept the shared database’s version of ${name}`);
        onResolved();
      },
      [conflict.id, name, onResolved],
    ),
  );
  // The bid left draft on the shared database (submitted, deleted): this terminal's version can no longer replace it.
  const mineGone = resolving.error?.code === 'LOCAL_VERSION_UNAVAILABLE';
  const headingId = `conflict-${conflict.id}`;
  const differences = differenceCount(mine, theirs);
  return (
    <section className="conflict" aria-labelledby={headingId}>
      <header className="conflict__header">
        <h3 id={headingId}>
          Conflict on <Link to={bidPath(conflict.bidId)}>{name}</Link> · {mine.zoneId} {mine.market === 'day_ahead' ? 'day-ahead' : mine.auction} · {formatDeliveryDay(mine.deliveryDate)}
        </h3>
        <span className="muted">
          changed here while offline and on the shared database meanwhile · {differences} {differences === 1 ? 'difference' : 'differences'} · found {formatDateTime(conflict.detectedAt, true)}
        </span>
      </header>
      <BidComparison mine={mine} theirs={theirs} currencyOf={currencyOf} name={name} />
      <FormError message={resolving.formError} />
      {mineGone && <p className="muted conflict__hint">Choose “Keep theirs” to close this conflict; to bid your version still, draft it again as a new bid.</p>}
      <div className="conflict__actions">
        <button type="button" className="button" disabled={resolving.busy || mineGone} onClick={() => resolve('local')}>
          Keep mine
        </button>
        <button type="button" className="button" disabled={resolving.busy} onClick={() => resolve('remote')}>
          Keep theirs
        </button>
        <span className="muted">
          Keep mine: this terminal’s version replaces the shared database’s (a draft there only). Keep theirs: this terminal’s edit is dropped.
        </span>
      </div>
    </section>
  );
}
