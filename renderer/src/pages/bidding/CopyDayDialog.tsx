import { useState, type FormEvent } from 'react';
import type { CopyDayResult } from '../../../../shared/api/bids.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { nextDay } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { useAction } from '../../components/use-action.js';
import { Modal } from '../../components/Modal.js';
import { ZoneChoice } from './ZoneChoice.js';

interface CopyDayDialogProps {
  open: boolean;
  zones: readonly MarketZone[];
  /** The day to copy to by default: the next one whose gate is open. */
  toDate: string;
  onClose: () => void;
  onCopied: (result: CopyDayResult) => void;
}

const previousDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Copy from day: every bid of one delivery day drafted again for another (one zone, or all); what was left out says why. */
export function CopyDayDialog({ open, zones, toDate, onClose, onCopied }: CopyDayDialogProps) {
  const [from, setFrom] = useState(() => previousDay(toDate));
  const [to, setTo] = useState(toDate);
  const [zoneId, setZoneId] = useState('');
  const [result, setResult] = useState<CopyDayResult | null>(null);
  const [copy, copying] = useAction(async () => {
    const copied = await engine.copyBidDay({ fromDate: from, toDate: to, ...(zoneId ? { zoneId } : {}) });
    setResult(copied);
    onCopied(copied);
  });
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    setResult(null);
    copy();
  };
  return (
    <Modal className="dialog bid-dialog" open={open} title="Copy bids from a day" titleId="copy-day-title" onClose={onClose}>
      <form className="dialog__body" onSubmit={onSubmit} aria-label="Copy bids from a day">
        <div className="form-row">
          <label className="bid-field">
            <span>From delivery day</span>
            <input type="date" required value={from} onChange={(event) => setFrom(event.target.value)} />
          </label>
          <label className="bid-field">
            <span>To delivery day</span>
            <input type="date" required value={to} onChange={(event) => setTo(event.target.value)} />
            <button type="button" className="button button--small" onClick={() => setTo(nextDay(from))}>
              the day after
            </button>
          </label>
          <label className="bid-field">
            <span>Zone</span>
            <ZoneChoice value={zoneId} onChange={setZoneId} zones={zones} />
          </label>
        </div>
        <p className="muted">Each bid of the day is drafted again for the other day, as a draft to check and submit. Copying twice copies nothing twice.</p>
        <FormError message={copying.formError} />
        {result && (
          <div className="copy-result" role="status">
            <p className={result.created.length > 0 ? 'ok-text' : 'muted'}>
              {result.created.length} {result.created.length === 1 ? 'draft' : 'drafts'} created{result.skipped.length > 0 ? `, ${String(result.skipped.length)} skipped:` : '.'}
            </p>
            {result.skipped.length > 0 && (
              <ul className="warning-list">
                {result.skipped.map((skip) => (
                  <li key={skip.sourceId}>
                    <span className="mono">{skip.sourceId.slice(0, 8)}</span> {skip.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={copying.busy}>
            {copying.busy ? 'Copying…' : 'Copy bids'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Modal>
  );
}
