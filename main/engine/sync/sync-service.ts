import type { Bid } from '../../../shared/api/bids.js';
import type { QueuedWrite, ResolveConflictBody, SyncConflict, SyncConflictList, SyncQueue } from '../../../shared/api/sync.js';
import type { RequestContext } from '../audit/record.js';
import type { Caller } from '../auth/caller.js';
import { memberOf } from '../bids/bid-member.js';
import type { BidRules } from '../bids/bid-rules.js';
import { bidWrite, updateBid } from '../bids/bid-writes.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { QueuedOperation } from '../db/repositories/outbox-repository.js';
import type { SyncConflictRecord } from '../db/repositories/sync-conflict-repository.js';
import { AppError, notFound } from '../http/app-error.js';
import type { EventHub } from '../stream/event-hub.js';
import type { OfflineBids } from './offline-bids.js';
import type { SyncStatusBoard } from './sync-status.js';

const QUEUE_SHOWN = 200;

const toQueuedWrite = (operation: QueuedOperation): QueuedWrite => ({
  seq: operation.seq,
  operation: operation.operation,
  bidId: operation.resourceId,
  state: operation.state,
  attempts: operation.attempts,
  detail: operation.lastError,
  createdAt: operation.createdAt.toISOString(),
  settledAt: operation.doneAt?.toISOString() ?? null,
});

const toConflict = (record: SyncConflictRecord): SyncConflict => ({
  id: record.id,
  bidId: record.bidId,
  local: record.local as Bid,
  remote: record.remote as Bid,
  detectedAt: record.detectedAt.toISOString(),
  resolvedAt: record.resolvedAt?.toISOString() ?? null,
  resolution: record.resolution,
});

/** The draft fields of a bid as the API showed it: what "keep this terminal's version" sends again. */
function draftOf(bid: Bid, version: number) {
  const target = { version, zoneId: bid.zoneId, market: bid.market, auction: bid.auction, deliveryDate: bid.deliveryDate, assetId: bid.assetId, portfolio: bid.portfolio, side: bid.side, notes: bid.notes };
  return bid.orderType === 'curve' ? { ...target, orderType: bid.orderType, curve: bid.curve } : { ...target, orderType: bid.orderType, blocks: bid.blocks };
}

/**
 * The offline queue and its conflicts as the trader sees them (this terminal's, for the caller's
 * organisation), and the trader's choice on a conflict: keep the server's version (this
 * terminal's edit is dropped) or this terminal's (sent again on top of the server's, which
 * needs the shared database and a bid still in draft there).
 */
export class SyncService {
  constructor(
    private readonly databases: Databases,
    private readonly board: SyncStatusBoard | null,
    private readonly offline: OfflineBids | null,
    private readonly rules: BidRules,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  async queue(caller: Caller): Promise<SyncQueue> {
    const actor = await this.databases.read((store) => memberOf(store, caller, 'viewer'));
    if (!this.board) return { status: null, writes: [] };
    const writes = await this.databases.local.outbox.listOf(actor.organizationId, QUEUE_SHOWN);
    return { status: await this.board.read(), writes: writes.map(toQueuedWrite) };
  }

  async conflicts(caller: Caller): Promise<SyncConflictList> {
    const actor = await this.databases.read((store) => memberOf(store, caller, 'viewer'));
    return { conflicts: (await this.databases.local.syncConflicts.listOf(actor.organizationId)).map(toConflict) };
  }

  async resolve(caller: Caller, id: string, body: ResolveConflictBody, request: RequestContext): Promise<SyncConflict> {
    const { primary, local } = this.databases;
    const actor = await memberOf(primary, caller, 'trader');
    const conflict = await local.syncConflicts.get(actor.organizationId, id.toLowerCase());
    if (!conflict) throw notFound('CONFLICT_NOT_FOUND', `This terminal has no sync conflict ${id} of your organisation`, { id });
    if (conflict.resolvedAt) throw new AppError('conflict', 'CONFLICT_RESOLVED', `The conflict was resolved already (${String(conflict.resolution)})`, { resolution: conflict.resolution });
    const current = await primary.bids.get(actor.organizationId, conflict.bidId);
    let kept = current;
    if (body.keep === 'local') {
      if (!current || current.status !== 'draft') {
        throw new AppError('conflict', 'LOCAL_VERSION_UNAVAILABLE', `The bid is ${current?.status ?? 'deleted'} on the shared database: this terminal’s version can only be drafted again as a new bid`, { status: current?.status ?? null });
      }
      const mine = conflict.local as Bid;
      const outcome = await primary.transaction((r) => updateBid(bidWrite(r, this.rules, actor, this.clock.now(), request), conflict.bidId, draftOf(mine, current.version)));
      for (const update of outcome.updates) this.events.publish('bid-update', update, { kind: 'organization', organizationId: actor.organizationId });
      kept = outcome.bid;
    }
    if (!(await local.syncConflicts.resolve(conflict.id, body.keep === 'local' ? 'kept_local' : 'kept_remote', this.clock.now()))) {
      throw new AppError('conflict', 'CONFLICT_RESOLVED', 'The conflict was resolved meanwhile');
    }
    if (this.offline) await (kept ? this.offline.keep(kept) : this.offline.forget(conflict.bidId));
    const resolved = await local.syncConflicts.get(actor.organizationId, conflict.id);
    if (!resolved) throw notFound('CONFLICT_NOT_FOUND', `This terminal has no sync conflict ${id} of your organisation`, { id });
    return toConflict(resolved);
  }
}
