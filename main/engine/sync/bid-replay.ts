import { randomUUID } from 'node:crypto';
import type { Bid, CreateBidBody, SubmitBidBody, UpdateBidBody } from '../../../shared/api/bids.js';
import { recordAudit } from '../audit/record.js';
import { BidFacts, type BidRules } from '../bids/bid-rules.js';
import { auditSummary, bidUpdateOf, cancelBid, createBid, deleteBid, insertNewBids, recordCreate, submitBid, updateBid, type BidActor, type BidOutcome, type BidWrite } from '../bids/bid-writes.js';
import type { Clock } from '../clock.js';
import type { QueuedOperation } from '../db/repositories/outbox-repository.js';
import type { SqliteStore } from '../db/sqlite/sqlite-store.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';
import type { EventHub } from '../stream/event-hub.js';
import type { OfflineBids, SharedBidCopy } from './offline-bids.js';
import type { Replayer, ReplayResult } from './outbox-replay.js';
import { AUTHOR_NOT_AUTHORISED, authorCheck, type AuthorCheck } from './replay-authority.js';

export interface BidReplayDependencies {
  primary: Store;
  local: SqliteStore;
  offline: OfflineBids;
  rules: BidRules;
  events: EventHub;
  clock: Clock;
}

/** The payload as OfflineBids queued it: the request as made, who made it, and in which sign-in. */
type Payload = Record<string, unknown> & { audit: BidActor['audit']; sessionId?: string | null };

const actorOf = (operation: QueuedOperation): BidActor => ({ userId: operation.userId, organizationId: operation.organizationId, audit: (operation.payload as Payload).audit });

/**
 * Throws, inside the write's transaction (so it rolls back), when the write changed something
 * and its author may no longer make it. A repeat of a write applied before (its reply lost)
 * changes nothing and is not refused: it was made, and the queue must say so.
 */
async function refuseUnauthorised(check: AuthorCheck, operation: QueuedOperation, outcome: BidOutcome): Promise<void> {
  if (outcome.updates.length === 0) return;
  // Queued before the session was kept with the write: no session to ask about.
  const refusal = await check(actorOf(operation), (operation.payload as Payload).sessionId ?? null);
  if (refusal) throw refusal;
}

/**
 * Drafting is judged at the time it was done (the rules held then: a draft made offline before
 * the gate stays a draft, and expires with the others if the gate has passed since), while a
 * submission, a cancellation or a deletion meets the market as it is when it arrives.
 */
const timeOf = (operation: QueuedOperation, clock: Clock): Date => (operation.operation === 'bid.create' || operation.operation === 'bid.update' ? operation.createdAt : clock.now());

function apply(operation: QueuedOperation, w: BidWrite): Promise<BidOutcome> {
  const id = operation.resourceId;
  const payload = operation.payload;
  switch (operation.operation) {
    case 'bid.create':
      return createBid(w, payload as unknown as CreateBidBody);
    case 'bid.update':
      return updateBid(w, id, payload as unknown as UpdateBidBody);
    case 'bid.submit':
      return submitBid(w, id, payload as unknown as SubmitBidBody);
    case 'bid.cancel':
      return cancelBid(w, id, operation.baseVersion ?? 0);
    case 'bid.delete':
      return deleteBid(w, id, operation.baseVersion ?? 0);
  }
}

/**
 * Replays one queued bid write to the shared database with the same write functions the API
 * runs, then takes the shared database's copy into the cache once nothing more of that bid
 * waits. The client's ids make a repeat find its work done. A write whose author may no longer
 * make it (account closed, role lowered, key revoked meanwhile: replay-authority.ts) is rolled
 * back and refused as failed, with the reason, and the refusal audited on the shared database.
 * What the shared database refuses is
 * settled here when the outbox can say something truer than "failed":
 * - a stale version: a conflict, both versions kept, the bid's later writes held for the trader;
 * - a submission that arrives after its gate closed: the bid expires, with the reason;
 * - a deletion of a bid already gone: done.
 */
export function bidReplayer(deps: BidReplayDependencies): Replayer {
  const { primary, local, offline, rules, events, clock } = deps;
  const request = (operation: QueuedOperation) => ({ ip: null, userAgent: 'optibid outbox replay', requestId: operation.opId });

  const publish = (operation: QueuedOperation, outcome: BidOutcome): void => {
    for (const update of outcome.updates) events.publish('bid-update', update, { kind: 'organization', organizationId: operation.organizationId });
  };
  const replayed = (operation: QueuedOperation, outcome: BidOutcome): SharedBidCopy => ({ bidId: operation.resourceId, replayedSeq: operation.seq, copy: operation.operation === 'bid.delete' ? null : outcome.bid });

  /** Unless later writes of the bid still wait (the cache's copy carries them), the cache takes the shared database's copy. */
  const publishAndKeep = async (operation: QueuedOperation, outcome: BidOutcome): Promise<void> => {
    publish(operation, outcome);
    await offline.keepAll([replayed(operation, outcome)]);
  };

  const conflict = async (operation: QueuedOperation, remote: Bid): Promise<ReplayResult> => {
    const actor = actorOf(operation);
    const record = await local.bids.get(actor.organizationId, operation.resourceId);
    const mine = record ? await rules.view(record, new BidFacts(local, actor.organizationId), clock.now()) : null;
    const reason = `Changed on the shared database meanwhile (now version ${String(remote.version)}): choose which version to keep`;
    await local.transactionWithOutbox(async (_r, outbox, conflicts) => {
      await conflicts.insert({ id: randomUUID(), outboxSeq: operation.seq, bidId: operation.resourceId, local: mine ?? remote, remote, detectedAt: clock.now() });
      await outbox.holdLaterOf(operation.resourceId, operation.seq, clock.now(), 'Held: the bid is in conflict; resolve it, then act again');
    });
    return { outcome: 'conflict', reason };
  };

  /** The floor's audit log keeps what a terminal tried to send in the name of someone no longer entitled to it. */
  const recordRefusal = async (operation: QueuedOperation, reason: string): Promise<void> => {
    const actor = actorOf(operation);
    await primary.transaction((r) =>
      recordAudit(r, clock, { ...actor.audit, organizationId: actor.organizationId, action: 'bid.replay_refused', resourceType: 'bid', resourceId: operation.resourceId, after: { operation: operation.operation, reason } }, request(operation)),
    );
  };

  const expireLate = async (operation: QueuedOperation): Promise<ReplayResult> => {
    const actor = actorOf(operation);
    const now = clock.now();
    const outcome = await primary.transaction(async (r) => {
      const before = await r.bids.get(actor.organizationId, operation.resourceId);
      if (!before) return null;
      const reason = `Submitted on this terminal at ${operation.createdAt.toISOString()} while the shared database was out of reach; the gate closed at ${before.gateClosureAt.toISOString()} before it could be sent, so it expired unsubmitted`;
      if (!(await r.bids.expireLateSubmission(before.id, reason, now))) return null;
      const after = await r.bids.get(actor.organizationId, before.id);
      if (!after) return null;
      await recordAudit(r, clock, { ...actor.audit, organizationId: actor.organizationId, action: 'bid.expire', resourceType: 'bid', resourceId: before.id, after: { ...auditSummary(after), reason } }, request(operation));
      return { bid: after, status: 200 as const, updates: [bidUpdateOf(after, 'status', now)], reason };
    });
    if (!outcome) throw new AppError('conflict', 'GATE_CLOSED', 'The gate closed before the queued submission reached the shared database');
    await publishAndKeep(operation, outcome);
    return { outcome: 'applied', note: `Expired: ${outcome.reason}` };
  };

  return () => {
    // Read outside the writes' transactions, once per organisation for the drain.
    const facts = new Map<string, BidFacts>();
    const factsOf = (organizationId: string): BidFacts => {
      let found = facts.get(organizationId);
      if (!found) {
        found = new BidFacts(primary, organizationId);
        facts.set(organizationId, found);
      }
      return found;
    };
    const write = (operation: QueuedOperation, r: BidWrite['r']): BidWrite => ({
      r,
      rules,
      actor: actorOf(operation),
      now: timeOf(operation, clock),
      request: request(operation),
      facts: factsOf(operation.organizationId),
    });
    return { one: (operation) => replayOne(operation, write), together: (operations) => replayTogether(operations, write) };
  };

  /** All of the writes in one transaction, or none of them: any refusal means one of them needs settling on its own. */
  async function replayTogether(operations: readonly QueuedOperation[], write: (operation: QueuedOperation, r: BidWrite['r']) => BidWrite): Promise<boolean> {
    if ((await local.syncConflicts.openAmong(operations.map((operation) => operation.resourceId))).size > 0) return false;
    let outcomes: BidOutcome[];
    try {
      // The batch's audit entries go in together at its end, in the order written.
      outcomes = await primary.transaction((r) => r.audit.appendingTogether(async () => {
        const writes = operations.map((operation) => ({ operation, w: write(operation, r) }));
        // The batch's new drafts go in together first: no other write of the batch is of their bids.
        const creates = writes.filter(({ operation }) => operation.operation === 'bid.create');
        const created = await insertNewBids(r, creates.map(({ operation, w }) => ({ w, body: operation.payload as unknown as CreateBidBody })));
        const createdOf = new Map(created.map((bid) => [bid.id, bid]));
        // Then each write in the order made, the new drafts' audit entries in their places.
        const applied: BidOutcome[] = [];
        const check = authorCheck(r);
        for (const { operation, w } of writes) {
          const bid = operation.operation === 'bid.create' ? createdOf.get(operation.resourceId) : undefined;
          const outcome = await (bid ? recordCreate(w, bid) : apply(operation, w));
          await refuseUnauthorised(check, operation, outcome);
          applied.push(outcome);
        }
        return applied;
      }));
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
    operations.forEach((operation, i) => publish(operation, outcomes[i] as BidOutcome));
    await offline.keepAll(operations.map((operation, i) => replayed(operation, outcomes[i] as BidOutcome)));
    return true;
  }

  async function replayOne(operation: QueuedOperation, write: (operation: QueuedOperation, r: BidWrite['r']) => BidWrite): Promise<ReplayResult> {
    if (await local.syncConflicts.isOpen(operation.resourceId)) return { outcome: 'conflict', reason: 'Held: the bid is in conflict; resolve it, then act again' };
    try {
      const outcome = await primary.transaction(async (r) => {
        const applied = await apply(operation, write(operation, r));
        await refuseUnauthorised(authorCheck(r), operation, applied);
        return applied;
      });
      await publishAndKeep(operation, outcome);
      return { outcome: 'applied', note: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'VERSION_CONFLICT') return conflict(operation, (error.details as { current: Bid }).current);
      if (error.code === 'GATE_CLOSED' && operation.operation === 'bid.submit') return expireLate(operation);
      if (error.code === 'BID_NOT_FOUND' && operation.operation === 'bid.delete') {
        await offline.keepAll([{ bidId: operation.resourceId, replayedSeq: operation.seq, copy: null }]);
        return { outcome: 'applied', note: 'Already deleted on the shared database' };
      }
      if (error.code === AUTHOR_NOT_AUTHORISED) await recordRefusal(operation, error.message);
      throw error;
    }
  }
}
