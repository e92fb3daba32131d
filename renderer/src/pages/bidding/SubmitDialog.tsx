import type { BidIssue } from '../../../../shared/api/bids.js';
import { FormError } from '../../components/FormError.js';
import { formatDateTime, formatDuration } from '../../format.js';
import { Modal } from '../../components/Modal.js';

interface SubmitDialogProps {
  open: boolean;
  /** The fat-finger warnings the trader confirms by submitting. */
  warnings: readonly BidIssue[];
  error: string | null;
  busy: boolean;
  summary: string;
  gateClosureAt: number | null;
  now: number;
  onConfirm: () => void;
  onClose: () => void;
}

/** The last look before a bid goes to the market: what it is, when its gate closes, and each warning to confirm. */
export function SubmitDialog({ open, warnings, error, busy, summary, gateClosureAt, now, onConfirm, onClose }: SubmitDialogProps) {
  return (
    <Modal className="dialog bid-dialog" open={open} title="Submit bid" titleId="submit-bid-title" onClose={onClose}>
      <div className="dialog__body">
        <p>{summary}</p>
        {gateClosureAt !== null && (
          <p className="muted">
            Gate closes {formatDateTime(new Date(gateClosureAt).toISOString())}
            {gateClosureAt > now ? `, in ${formatDuration((gateClosureAt - now) / 1000)}` : ''}.
          </p>
        )}
        {warnings.length > 0 ? (
          <>
            <p className="warn-text">Confirm {warnings.length === 1 ? 'this warning' : `these ${String(warnings.length)} warnings`} to submit:</p>
            <ul className="warning-list">
              {warnings.map((warning) => (
                <li key={`${warning.code}:${warning.field}`} data-code={warning.code}>
                  {warning.message}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="ok-text">No fat-finger warnings.</p>
        )}
        <FormError message={error} />
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={onConfirm} disabled={busy} autoFocus>
            {busy ? 'Submitting…' : warnings.length > 0 ? 'Confirm and submit' : error ? 'Try again' : 'Submit bid'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Back to the bid
          </button>
        </div>
      </div>
    </Modal>
  );
}
