import { Type, type Static } from '@sinclair/typebox';
import { Bid } from './bids.js';
import { SyncStatus } from './health.js';

/**
 * The terminal's offline queue and its conflicts, as the trader sees them. Writes made while the
 * shared database is out of reach wait in the local outbox and are replayed in order when it
 * returns; a draft changed on the server meanwhile becomes a conflict that keeps both versions.
 */
const Instant = Type.String({ format: 'date-time' });

export const QueuedOperationKind = Type.Union([Type.Literal('bid.create'), Type.Literal('bid.update'), Type.Literal('bid.delete'), Type.Literal('bid.submit'), Type.Literal('bid.cancel')]);
export type QueuedOperationKind = Static<typeof QueuedOperationKind>;

export const QueuedWrite = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: 'Order in which it was made and is replayed' }),
    operation: QueuedOperationKind,
    bidId: Type.String({ format: 'uuid' }),
    state: Type.Union([Type.Literal('pending'), Type.Literal('in_flight'), Type.Literal('done'), Type.Literal('conflict'), Type.Literal('failed')]),
    attempts: Type.Integer({ minimum: 0 }),
    /** Why the last attempt failed, why it was refused, or what it became (e.g. expired: the gate closed while offline). */
    detail: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    settledAt: Type.Union([Instant, Type.Null()]),
  },
  { title: 'QueuedWrite' },
);
export type QueuedWrite = Static<typeof QueuedWrite>;

export const SyncQueue = Type.Object(
  {
    status: Type.Union([SyncStatus, Type.Null()], { description: 'Null on a terminal without a shared database: nothing is ever queued' }),
    writes: Type.Array(QueuedWrite, { description: 'What waits, then the most recently settled, newest first' }),
  },
  { title: 'SyncQueue' },
);
export type SyncQueue = Static<typeof SyncQueue>;

export const SyncConflict = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    bidId: Type.String({ format: 'uuid' }),
    local: Bid,
    remote: Bid,
    detectedAt: Instant,
    resolvedAt: Type.Union([Instant, Type.Null()]),
    resolution: Type.Union([Type.Literal('kept_local'), Type.Literal('kept_remote'), Type.Null()]),
  },
  { title: 'SyncConflict' },
);
export type SyncConflict = Static<typeof SyncConflict>;

export const SyncConflictList = Type.Object({ conflicts: Type.Array(SyncConflict) }, { title: 'SyncConflictList' });
export type SyncConflictList = Static<typeof SyncConflictList>;

export const ConflictParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Keep this terminal's version (it replaces the server's, which becomes its base) or the server's (this terminal's edit is dropped). */
export const ResolveConflictBody = Type.Object({ keep: Type.Union([Type.Literal('local'), Type.Literal('remote')]) }, { additionalProperties: false, title: 'ResolveConflictBody' });
export type ResolveConflictBody = Static<typeof ResolveConflictBody>;
