import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BidSyncState } from '../../../shared/api/bids.js';
import type { BidActor, BidOutcome } from '../bids/bid-writes.js';
import type { OutboxOperation } from '../db/repositories/outbox-repository.js';
import type { BidFilter, BidRecord } from '../db/repositories/bid-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import type { SqliteStore } from '../db/sqlite/sqlite-store.js';

/** What a bid write queued offline replays: the operation, the version it was made from, and the request as made. */
export interface QueuedBidWrite {
  operation: OutboxOperation;
  baseVersion: number | null;
  payload: Record<string, unknown>;
}

/** The order bid lists are read in (ORDER BY created_at DESC, id DESC). */
const newestFirst = (a: BidRecord, b: BidRecord): number => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * A bid as the shared database has it: its copy there, or null when it was deleted.
 * `replayedSeq`: the queued write that made it (still in flight until the outbox settles it),
 * which must not hold its own result back; null when it was not a replay.
 */
export interface SharedBidCopy {
  bidId: string;
  replayedSeq: number | null;
  copy: BidRecord | null;
}

/**
 * The terminal's own copy of its organisation's bids, in the local SQLite cache. While the
 * shared database is out of reach a bid write runs here and is queued in the outbox in the same
 * transaction (synchronous=FULL: acknowledged means on disk). While it answers, every bid it
 * returns is copied here, so the trader can go on reading and drafting the moment it goes away.
 */
export class OfflineBids {
  constructor(
    private readonly local: SqliteStore,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs a bid write on the cache and queues it for the shared database: both are kept, or
   * neither. `sessionId`, the sign-in it was made in (null for an API key), goes with it: the
   * replay refuses it if the floor signed that session out for cause meanwhile.
   */
  write<T extends BidOutcome>(actor: BidActor, sessionId: string | null, queued: QueuedBidWrite, at: Date, work: (r: Repositories) => Promise<T>): Promise<T> {
    return this.local.transactionWithOutbox(async (r, outbox) => {
      const outcome = await work(r);
      // A repeat that found its work done changed nothing: there is nothing more to send.
      if (outcome.updates.length > 0) {
        await outbox.enqueue({
          opId: randomUUID(),
          organizationId: actor.organizationId,
          userId: actor.userId,
          operation: queued.operation,
          resourceId: outcome.bid.id,
          baseVersion: queued.baseVersion,
          payload: { ...queued.payload, audit: actor.audit, sessionId },
          createdAt: at,
        });
      }
      return outcome;
    });
  }

  /**
   * Takes the shared database's copy of a bid (or its deletion), unless this terminal still
   * has writes of it waiting or a conflict open: those are newer than what the server has.
   * A copy that cannot be kept (its asset not cached yet) waits for the next refresh.
   */
  keep(bid: BidRecord): Promise<void> {
    return this.settle([{ bidId: bid.id, replayedSeq: null, copy: bid }]);
  }

  forget(bidId: string): Promise<void> {
    return this.settle([{ bidId, replayedSeq: null, copy: null }]);
  }

  /** Many bids' shared copies (or deletions), each taken as keep and forget do, in one local transaction. */
  keepAll(bids: readonly SharedBidCopy[]): Promise<void> {
    return this.settle(bids);
  }

  private async settle(bids: readonly SharedBidCopy[]): Promise<void> {
    try {
      await this.local.transactionWithOutbox(async (r, outbox, conflicts) => {
        for (const { bidId, replayedSeq, copy } of bids) {
          const waiting = replayedSeq === null ? await outbox.hasPending(bidId) : await outbox.waitingAfter(bidId, replayedSeq);
          if (waiting || (await conflicts.isOpen(bidId))) continue;
          await (copy ? r.bids.putCopy(copy) : r.bids.removeCopy(bidId));
        }
      });
    } catch (error) {
      // One copy that cannot be kept does not hold back the others.
      if (bids.length > 1) for (const bid of bids) await this.settle([bid]);
      else this.logger.debug({ err: error, bidId: bids[0]?.bidId }, 'A bid could not be copied into the local cache; the next refresh retries');
    }
  }

  /**
   * A page of bids as the shared database has them (`filter` chose them), with the bids whose
   * writes still wait here as this terminal has them: added when their create waits, replaced
   * when an edit does, dropped when a deletion does. Newest first and cut to the page, as read.
   */
  async withQueued(shared: readonly BidRecord[], filter: BidFilter): Promise<BidRecord[]> {
    if ((await this.local.outbox.pendingCount()) === 0) return [...shared];
    const mine = await this.local.bids.list(filter);
    const queued = await this.local.outbox.pendingAmong([...new Set([...shared, ...mine].map((bid) => bid.id))]);
    if (queued.size === 0) return [...shared];
    return [...shared.filter((bid) => !queued.has(bid.id)), ...mine.filter((bid) => queued.has(bid.id))].sort(newestFirst).slice(0, filter.limit);
  }

  /**
   * Whether the bid has writes queued for the shared database (waiting, or being replayed now).
   * Until they are replayed the cache's copy is the newer one, and a later write of the bid
   * must queue behind them: sent straight to the shared database it would meet a bid that
   * does not exist there yet, or an older version.
   */
  hasQueued(bidId: string): Promise<boolean> {
    return this.local.outbox.hasPending(bidId);
  }

  /** Where each bid stands against the shared database: queued writes, an open conflict, or in step. */
  async syncStates(bidIds: readonly string[]): Promise<Map<string, BidSyncState>> {
    const queued = await this.local.outbox.pendingAmong(bidIds);
    const conflicted = await this.local.syncConflicts.openAmong(bidIds);
    return new Map(bidIds.map((id) => [id, conflicted.has(id) ? 'conflict' : queued.has(id) ? 'queued' : 'synced']));
  }
}
