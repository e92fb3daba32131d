import type { Role } from '../../../shared/api/auth.js';
import type { BidUpdate } from '../../../shared/api/bid-events.js';
import type { Bid, BidList, BidListQuery, CopyDayBody, CopyDayResult, CreateBidBody, SubmitBidBody, UpdateBidBody } from '../../../shared/api/bids.js';
import type { RequestContext } from '../audit/record.js';
import type { Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { BidFilter, BidRecord } from '../db/repositories/bid-repository.js';
import { isUniqueViolation } from '../db/sql/constraint-violations.js';
import type { Databases } from '../db/databases.js';
import type { Store } from '../db/store.js';
import type { EventHub } from '../stream/event-hub.js';
import type { OfflineBids, QueuedBidWrite } from '../sync/offline-bids.js';
import { bidNotFound, blockIdInUse, submissionIdInUse } from './bid-errors.js';
import type { BidExpiry } from './bid-expiry.js';
import { memberOf } from './bid-member.js';
import { BidFacts, type BidRules } from './bid-rules.js';
import { copyDay } from './bid-copy-day.js';
import { cancelBid, createBid, deleteBid, submitBid, updateBid, bidWrite, type BidActor, type BidWrite } from './bid-writes.js';

type Outcome = { bid: BidRecord; status: 200 | 201; updates: BidUpdate[] };

/**
 * Bids of the caller's current organisation: every member reads them, traders and above write.
 * Each write runs in one transaction (audited inside it) and its bid-update events go to the
 * organisation's terminals after the commit. Drafts past their gate are expired before any read
 * or write, so a stale draft never shows as editable.
 *
 * With a shared database (`offline` set), reads fall back to the local cache when it is out of
 * reach, and writes go to the cache and the outbox instead — also when it drops mid-request: the
 * write may have committed there before the reply was lost, and the client's ids make the replay
 * find it. Every bid the shared database returns is copied into the cache.
 */
export class BidService {
  private readonly primary: Store;

  constructor(
    private readonly databases: Databases,
    private readonly offline: OfflineBids | null,
    private readonly rules: BidRules,
    private readonly expiry: BidExpiry,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {
    this.primary = databases.primary;
  }

  async list(caller: Caller, query: BidListQuery): Promise<BidList> {
    return this.databases.read(async (store) => {
      const actor = await this.member(store, caller, 'viewer');
      const filter: BidFilter = { organizationId: actor.organizationId, statuses: query.status, zoneId: query.zoneId, assetId: query.assetId?.toLowerCase(), from: query.from, to: query.to, limit: query.limit };
      let records = await store.bids.list(filter);
      // Back online with writes still to replay: those bids are as this terminal has them, not yet as the shared database does.
      if (this.offline && store === this.primary) records = await this.offline.withQueued(records, filter);
      return { bids: await this.views(store, actor, records) };
    });
  }

  async get(caller: Caller, id: string): Promise<Bid> {
    // A bid with writes still queued is read where they are: the shared database does not have them yet.
    const queued = this.offline !== null && (await this.offline.hasQueued(id.toLowerCase()));
    const read = <T>(query: (store: Store) => Promise<T>): Promise<T> => (queued ? query(this.databases.local) : this.databases.read(query));
    return read(async (store) => {
      const actor = await this.member(store, caller, 'viewer');
      const record = await store.bids.get(actor.organizationId, id.toLowerCase());
      if (!record) throw bidNotFound(id);
      return this.view(store, actor, record);
    });
  }

  /** 201 with the new draft, or 200 with the stored one when the same create is repeated. */
  async create(caller: Caller, body: CreateBidBody, request: RequestContext): Promise<{ bid: Bid; status: 200 | 201 }> {
    const { outcome, store, actor } = await this.write(caller, request, body.id, { operation: 'bid.create', baseVersion: null, payload: body }, (w) => createBid(w, body), blockIdsTranslated);
    return { bid: await this.view(store, actor, outcome.bid), status: outcome.status };
  }

  async update(caller: Caller, id: string, body: UpdateBidBody, request: RequestContext): Promise<Bid> {
    const { outcome, store, actor } = await this.write(caller, request, id, { operation: 'bid.update', baseVersion: body.version, payload: body }, (w) => updateBid(w, id, body), blockIdsTranslated);
    return this.view(store, actor, outcome.bid);
  }

  async remove(caller: Caller, id: string, version: number, request: RequestContext): Promise<void> {
    await this.write(caller, request, id, { operation: 'bid.delete', baseVersion: version, payload: { version } }, (w) => deleteBid(w, id, version));
  }

  async submit(caller: Caller, id: string, body: SubmitBidBody, request: RequestContext): Promise<Bid> {
    try {
      const { outcome, store, actor } = await this.write(caller, request, id, { operation: 'bid.submit', baseVersion: body.version, payload: body }, (w) => submitBid(w, id, body));
      return await this.view(store, actor, outcome.bid);
    } catch (error) {
      // UNIQUE(submission_id), the last guard: the first submission with this id won, so answer with what it did.
      if (!isUniqueViolation(error)) throw error;
      const actor = await memberOf(this.primary, caller, 'trader');
      const winner = await this.primary.bids.get(actor.organizationId, id.toLowerCase());
      if (winner?.submissionId !== body.submissionId.toLowerCase()) throw submissionIdInUse(body.submissionId);
      return this.view(this.primary, actor, winner);
    }
  }

  async cancel(caller: Caller, id: string, version: number, request: RequestContext): Promise<Bid> {
    const { outcome, store, actor } = await this.write(caller, request, id, { operation: 'bid.cancel', baseVersion: version, payload: { version } }, (w) => cancelBid(w, id, version));
    return this.view(store, actor, outcome.bid);
  }

  /** Online only: a day's worth of new drafts is the shared database's to number and check. */
  async copyDay(caller: Caller, body: CopyDayBody, request: RequestContext): Promise<CopyDayResult> {
    const actor = await this.member(this.primary, caller, 'trader');
    const now = this.clock.now();
    const outcome = await this.primary.transaction((r) => copyDay(bidWrite(r, this.rules, actor, now, request), body)).catch((error: unknown) => {
      throw isUniqueViolation(error) ? blockIdInUse() : error;
    });
    this.publish(actor, outcome.updates);
    if (this.offline) for (const bid of outcome.created) await this.offline.keep(bid);
    return { created: await this.views(this.primary, actor, outcome.created), skipped: outcome.skipped };
  }

  /** The caller as a member of at least `atLeast`; on the source of truth, drafts past their gate are expired first. */
  private async member(store: Store, caller: Caller, atLeast: Role): Promise<BidActor> {
    const actor = await memberOf(store, caller, atLeast);
    if (store === this.primary) await this.expiry.expireDue(actor.organizationId);
    return actor;
  }

  /**
   * Runs one write of bid `bidId` in a transaction on the source of truth, or, while it is out
   * of reach or the bid still has writes queued (this one builds on them), on the local cache
   * with its outbox entry; then publishes its updates. `translate` turns a database refusal
   * into the caller's error.
   */
  private async write<T extends Outcome>(
    caller: Caller,
    request: RequestContext,
    bidId: string,
    queued: QueuedBidWrite,
    work: (w: BidWrite) => Promise<T>,
    translate: (error: unknown) => unknown = (error) => error,
  ): Promise<{ outcome: T; store: Store; actor: BidActor }> {
    const { offline } = this;
    if (offline && (!this.databases.primaryOnline || (await offline.hasQueued(bidId.toLowerCase())))) return this.writeOffline(offline, caller, request, queued, work, translate);
    try {
      const actor = await this.member(this.primary, caller, 'trader');
      const now = this.clock.now();
      const outcome = await this.primary.transaction((r) => work(bidWrite(r, this.rules, actor, now, request)));
      this.publish(actor, outcome.updates);
      if (offline) await (queued.operation === 'bid.delete' ? offline.forget(outcome.bid.id) : offline.keep(outcome.bid));
      return { outcome, store: this.primary, actor };
    } catch (error) {
      if (offline && this.databases.failureOf(error) === 'unreachable') return this.writeOffline(offline, caller, request, queued, work, translate);
      throw translate(error);
    }
  }

  private async writeOffline<T extends Outcome>(
    offline: OfflineBids,
    caller: Caller,
    request: RequestContext,
    queued: QueuedBidWrite,
    work: (w: BidWrite) => Promise<T>,
    translate: (error: unknown) => unknown,
  ): Promise<{ outcome: T; store: Store; actor: BidActor }> {
    const { local } = this.databases;
    const actor = await memberOf(local, caller, 'trader');
    const now = this.clock.now();
    const outcome = await offline.write(actor, caller.sessionId, queued, now, (r) => work(bidWrite(r, this.rules, actor, now, request))).catch((error: unknown) => {
      throw translate(error);
    });
    this.publish(actor, outcome.updates);
    return { outcome, store: local, actor };
  }

  private publish(actor: BidActor, updates: readonly BidUpdate[]): void {
    for (const update of updates) this.events.publish('bid-update', update, { kind: 'organization', organizationId: actor.organizationId });
  }

  private async view(store: Store, actor: BidActor, record: BidRecord): Promise<Bid> {
    const [bid] = await this.views(store, actor, [record]);
    if (!bid) throw bidNotFound(record.id);
    return bid;
  }

  private async views(store: Store, actor: BidActor, records: readonly BidRecord[]): Promise<Bid[]> {
    const facts = new BidFacts(store, actor.organizationId);
    const now = this.clock.now();
    const bids = await Promise.all(records.map((record) => this.rules.view(record, facts, now)));
    if (!this.offline) return bids;
    const states = await this.offline.syncStates(bids.map((bid) => bid.id));
    return bids.map((bid) => ({ ...bid, syncState: states.get(bid.id) ?? 'synced' }));
  }
}

const blockIdsTranslated = (error: unknown): unknown => (isUniqueViolation(error) ? blockIdInUse() : error);
