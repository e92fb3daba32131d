import type { Role } from '../../../shared/api/auth.js';
import type { BidUpdate } from '../../../shared/api/bid-events.js';
import type { Bid, BidList, BidListQuery, CopyDayBody, CopyDayResult, CreateBidBody, SubmitBidBody, UpdateBidBody } from '../../../shared/api/bids.js';
import type { RequestContext } from '../audit/record.js';
import type { Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { BidRecord } from '../db/repositories/bid-repository.js';
import { isUniqueViolation } from '../db/sql/unique-violation.js';
import type { Store } from '../db/store.js';
import type { EventHub } from '../stream/event-hub.js';
import { bidNotFound, blockIdInUse, submissionIdInUse } from './bid-errors.js';
import type { BidExpiry } from './bid-expiry.js';
import { memberOf } from './bid-member.js';
import { BidFacts, type BidRules } from './bid-rules.js';
import { copyDay } from './bid-copy-day.js';
import { cancelBid, createBid, deleteBid, submitBid, updateBid, type BidActor, type BidWrite } from './bid-writes.js';

/**
 * Bids of the caller's current organisation: every member reads them, traders and above write.
 * Each write runs in one transaction (audited inside it) and its bid-update events go to the
 * organisation's terminals after the commit. Drafts past their gate are expired before any read
 * or write, so a stale draft never shows as editable.
 */
export class BidService {
  constructor(
    private readonly store: Store,
    private readonly rules: BidRules,
    private readonly expiry: BidExpiry,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: BidListQuery): Promise<BidList> {
    const actor = await this.reader(caller);
    const records = await this.store.bids.list({ organizationId: actor.organizationId, statuses: query.status, zoneId: query.zoneId, assetId: query.assetId?.toLowerCase(), from: query.from, to: query.to, limit: query.limit });
    return { bids: await this.views(actor, records) };
  }

  async get(caller: Caller, id: string): Promise<Bid> {
    const actor = await this.reader(caller);
    const record = await this.store.bids.get(actor.organizationId, id.toLowerCase());
    if (!record) throw bidNotFound(id);
    const [bid] = await this.views(actor, [record]);
    if (!bid) throw bidNotFound(id);
    return bid;
  }

  /** 201 with the new draft, or 200 with the stored one when the same create is repeated. */
  async create(caller: Caller, body: CreateBidBody, request: RequestContext): Promise<{ bid: Bid; status: 200 | 201 }> {
    const outcome = await this.write(caller, request, (w) => createBid(w, body), (error) => (isUniqueViolation(error) ? blockIdInUse() : error));
    return { bid: await this.view(outcome.actor, outcome.bid), status: outcome.status };
  }

  async update(caller: Caller, id: string, body: UpdateBidBody, request: RequestContext): Promise<Bid> {
    const outcome = await this.write(caller, request, (w) => updateBid(w, id, body), (error) => (isUniqueViolation(error) ? blockIdInUse() : error));
    return this.view(outcome.actor, outcome.bid);
  }

  async remove(caller: Caller, id: string, version: number, request: RequestContext): Promise<void> {
    await this.write(caller, request, (w) => deleteBid(w, id, version));
  }

  async submit(caller: Caller, id: string, body: SubmitBidBody, request: RequestContext): Promise<Bid> {
    try {
      const outcome = await this.write(caller, request, (w) => submitBid(w, id, body));
      return await this.view(outcome.actor, outcome.bid);
    } catch (error) {
      // UNIQUE(submission_id), the last guard: the first submission with this id won, so answer with what it did.
      if (!isUniqueViolation(error)) throw error;
      const actor = await memberOf(this.store, caller, 'trader');
      const winner = await this.store.bids.get(actor.organizationId, id.toLowerCase());
      if (winner?.submissionId !== body.submissionId.toLowerCase()) throw submissionIdInUse(body.submissionId);
      return this.view(actor, winner);
    }
  }

  async cancel(caller: Caller, id: string, version: number, request: RequestContext): Promise<Bid> {
    const outcome = await this.write(caller, request, (w) => cancelBid(w, id, version));
    return this.view(outcome.actor, outcome.bid);
  }

  async copyDay(caller: Caller, body: CopyDayBody, request: RequestContext): Promise<CopyDayResult> {
    const actor = await memberOf(this.store, caller, 'trader');
    await this.expiry.expireDue(actor.organizationId);
    const now = this.clock.now();
    const outcome = await this.store.transaction((r) => copyDay({ r, rules: this.rules, actor, now, request }, body)).catch((error: unknown) => {
      throw isUniqueViolation(error) ? blockIdInUse() : error;
    });
    this.publish(actor, outcome.updates);
    return { created: await this.views(actor, outcome.created), skipped: outcome.skipped };
  }

  private async reader(caller: Caller): Promise<BidActor> {
    return this.member(caller, 'viewer');
  }

  private async member(caller: Caller, atLeast: Role): Promise<BidActor> {
    const actor = await memberOf(this.store, caller, atLeast);
    await this.expiry.expireDue(actor.organizationId);
    return actor;
  }

  /** Runs one write in a transaction, then publishes its updates; `translate` turns a database refusal into the caller's error. */
  private async write<T extends { bid: BidRecord; status: 200 | 201; updates: BidUpdate[] }>(
    caller: Caller,
    request: RequestContext,
    work: (w: BidWrite) => Promise<T>,
    translate: (error: unknown) => unknown = (error) => error,
  ): Promise<T & { actor: BidActor }> {
    const actor = await this.member(caller, 'trader');
    const now = this.clock.now();
    let outcome: T;
    try {
      outcome = await this.store.transaction((r) => work({ r, rules: this.rules, actor, now, request }));
    } catch (error) {
      throw translate(error);
    }
    this.publish(actor, outcome.updates);
    return { ...outcome, actor };
  }

  private publish(actor: BidActor, updates: readonly BidUpdate[]): void {
    for (const update of updates) this.events.publish('bid-update', update, { kind: 'organization', organizationId: actor.organizationId });
  }

  private async view(actor: BidActor, record: BidRecord): Promise<Bid> {
    return this.rules.view(record, new BidFacts(this.store, actor.organizationId), this.clock.now());
  }

  private async views(actor: BidActor, records: readonly BidRecord[]): Promise<Bid[]> {
    const facts = new BidFacts(this.store, actor.organizationId);
    const now = this.clock.now();
    return Promise.all(records.map((record) => this.rules.view(record, facts, now)));
  }
}
