import type { BidStatus } from '../../../../shared/api/bid-events.js';

export const STATUS_LABELS: Readonly<Record<BidStatus, string>> = {
  draft: 'Draft',
  submitted: 'Submitted',
  accepted: 'Accepted',
  partially_accepted: 'Partially accepted',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** A bid's status, coloured by what it means for the trader: open, won, lost or gone. */
export function StatusBadge({ status }: { status: BidStatus }) {
  return <span className={`badge bid-status bid-status--${status}`}>{STATUS_LABELS[status]}</span>;
}
