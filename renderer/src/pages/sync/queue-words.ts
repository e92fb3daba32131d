import type { QueuedOperationKind, QueuedWrite, SyncConflict } from '../../../../shared/api/sync.js';

const OPERATION_WORDS: Record<QueuedOperationKind, string> = {
  'bid.create': 'Draft bid',
  'bid.update': 'Edit bid',
  'bid.delete': 'Delete bid',
  'bid.submit': 'Submit bid',
  'bid.cancel': 'Cancel bid',
};

/** The outbox's states in the trader's words: "in_flight" is a write being sent right now. */
export const STATE_LABELS: Record<QueuedWrite['state'], string> = {
  pending: 'pending',
  in_flight: 'sending',
  done: 'done',
  conflict: 'conflict',
  failed: 'failed',
};

/** A bid's id as the queue shows it: its first group, enough to tell a day's bids apart (the full id is in the link's title). */
export const shortId = (id: string): string => `${id.slice(0, 8)}…`;

/** What a queued write does, e.g. "Submit bid 3f2a9c1d…". */
export const operationWords = (write: Pick<QueuedWrite, 'operation' | 'bidId'>): string => `${OPERATION_WORDS[write.operation]} ${shortId(write.bidId)}`;

/** Where the Bidding page opens one bid. */
export const bidPath = (bidId: string): string => `/bidding?bid=${encodeURIComponent(bidId)}`;

/** What the trader chose on a conflict. */
export const RESOLUTION_WORDS: Record<NonNullable<SyncConflict['resolution']>, string> = {
  kept_local: 'kept this terminal’s version',
  kept_remote: 'kept the shared database’s version',
};

/**
 * The conflict a write ran into: the latest of its bid found once the write was made (the
 * replay records the conflict as it settles the write; the outbox entry stays "conflict" after
 * the trader resolves it, so the queue reads the outcome from here).
 */
export function conflictOfWrite(write: QueuedWrite, conflicts: readonly SyncConflict[]): SyncConflict | null {
  if (write.state !== 'conflict') return null;
  const found = conflicts.filter((conflict) => conflict.bidId === write.bidId && conflict.detectedAt >= write.createdAt);
  return found.reduce<SyncConflict | null>((latest, conflict) => (latest === null || conflict.detectedAt > latest.detectedAt ? conflict : latest), null);
}
