import type { BidUpdate } from '../../../shared/api/bid-events.js';
import type { BidDraft, BidIssue, CreateBidBody, SubmitBidBody, UpdateBidBody } from '../../../shared/api/bids.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import type { BidContent, BidRecord, BidState, NewBid } from '../db/repositories/bid-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import { AppError } from '../http/app-error.js';
import {
  alreadySubmitted,
  bidIdInUse,
  bidInvalid,
  bidNotFound,
  confirmationRequired,
  gateClosed,
  notDeletable,
  notEditable,
  submissionIdInUse,
  versionConflict,
} from './bid-errors.js';
import { storageIssues } from './bid-content-checks.js';
import { contentOf, draftOf, sameContent } from './bid-mapping.js';
import { BidFacts, type BidRules } from './bid-rules.js';

/**
 * The bid writes, each a function of (repositories bound to one transaction, the acting member,
 * the request, now): no clock, no event hub, no HTTP. The service runs them in a transaction
 * and publishes their updates after the commit; an outbox replay can run the same functions
 * against PostgreSQL, and the client's ids (bid, blocks, submission) make a repeat harmless.
 */

/** A member of the organisation allowed to write bids (the service checked the role). */
export interface BidActor {
  userId: string;
  organizationId: string;
  audit: { actorKind: 'user' | 'api_key'; actorId: string };
}

export interface BidWrite {
  r: Repositories;
  rules: BidRules;
  actor: BidActor;
  now: Date;
  request: RequestContext;
  /** What the rules read besides the draft (assets, thresholds, latest prices), read once however often they run. */
  facts: BidFacts;
}

/** A write's context whose facts are read through `r`, inside the write's transaction. */
export const bidWrite = (r: Repositories, rules: BidRules, actor: BidActor, now: Date, request: RequestContext): BidWrite => ({
  r,
  rules,
  actor,
  now,
  request,
  facts: new BidFacts(r, actor.organizationId),
});

export interface BidOutcome {
  bid: BidRecord;
  /** 201 for a new bid, 200 for a change or for a repeat that found the work done. */
  status: 200 | 201;
  /** What to publish once the transaction has committed. */
  updates: BidUpdate[];
}

export const bidUpdateOf = (record: Pick<BidRecord, 'id' | 'organizationId' | 'zoneId' | 'market' | 'deliveryDate' | 'status' | 'version'>, change: BidUpdate['change'], at: Date): BidUpdate => ({
  bidId: record.id,
  organizationId: record.organizationId,
  zoneId: record.zoneId,
  market: record.market,
  deliveryDate: record.deliveryDate,
  status: record.status,
  version: record.version,
  change,
  at: at.toISOString(),
});

/** What the audit log keeps of a bid (its target and state; the curve itself stays in the bid's tables). */
export const auditSummary = (b: BidState | (BidContent & { status?: string; version?: number })): Record<string, unknown> => ({
  zoneId: b.zoneId,
  market: b.market,
  auction: b.auction,
  deliveryDate: b.deliveryDate,
  assetId: b.assetId,
  portfolio: b.portfolio,
  side: b.side,
  orderType: b.orderType,
  status: b.status ?? 'draft',
  version: b.version ?? 1,
});

async function audit(w: BidWrite, action: string, id: string, before: BidState | null, after: BidState | null): Promise<void> {
  const clock = { now: () => w.now };
  await recordAudit(
    w.r,
    clock,
    { ...w.actor.audit, organizationId: w.actor.organizationId, action, resourceType: 'bid', resourceId: id, before: before && auditSummary(before), after: after && auditSummary(after) },
    w.request,
  );
}

async function current(w: BidWrite, id: string): Promise<BidRecord> {
  const record = await w.r.bids.get(w.actor.organizationId, id);
  if (!record) throw bidNotFound(id);
  return record;
}

const conflict = async (w: BidWrite, record: BidRecord) => versionConflict(await w.rules.view(record, w.facts, w.now));

/** The draft checked by the rules, then by what storage needs; its content and gate when it passes. */
export interface CheckedDraft {
  content: BidContent;
  gateClosureAt: Date;
  curveKind: BidRecord['curveKind'];
  warnings: BidIssue[];
}

export async function checkedDraft(w: BidWrite, draft: BidDraft, prefix: string): Promise<CheckedDraft> {
  const { zone, validation } = await w.rules.check(draft, w.facts, w.now, prefix);
  if (validation.errors.length > 0) throw bidInvalid(validation.errors, prefix);
  const { content, issues } = contentOf(draft);
  const storage = [...issues, ...storageIssues(content)];
  if (validation.gateClosureAt === null) storage.push({ code: 'AUCTION_NOT_OFFERED', field: 'auction', message: `${zone.id} has no gate for this market`, severity: 'error' });
  if (storage.length > 0) throw bidInvalid(storage, prefix);
  return { content, gateClosureAt: new Date(validation.gateClosureAt ?? 0), curveKind: content.orderType === 'curve' ? zone.curve.kind : null, warnings: validation.warnings };
}

/** Repeating a create finds the draft: the same content returns it, other content is a conflict. */
function repeatedCreate(existing: BidRecord, content: BidContent): BidOutcome {
  if (!sameContent(existing, content)) throw bidIdInUse(existing.id);
  return { bid: existing, status: 200, updates: [] };
}

/** The draft a create of `id` made before, or null when there is none; another organisation's bid with that id is refused, never shown. */
async function earlierCreate(w: BidWrite, id: string): Promise<BidRecord | null> {
  const existing = await w.r.bids.get(w.actor.organizationId, id);
  if (!existing && (await w.r.bids.exists(id))) throw bidIdInUse(id);
  return existing;
}

/**
 * A new draft, or the one an earlier create with this id made. The insert finds out which (ON
 * CONFLICT DO NOTHING), so a first create makes no read for it; a repeat the rules now refuse
 * (its gate has closed since) still finds its draft.
 */
export async function createBid(w: BidWrite, body: CreateBidBody): Promise<BidOutcome> {
  const id = body.id.toLowerCase();
  let checked: CheckedDraft;
  try {
    checked = await checkedDraft(w, body, 'body.');
  } catch (error) {
    const earlier = error instanceof AppError ? await earlierCreate(w, id) : null;
    if (earlier) return repeatedCreate(earlier, contentOf(body).content);
    throw error;
  }
  const created = await w.r.bids.insert(newBidOf(w, id, checked, null));
  if (!created) {
    // The id was taken a moment ago: by an earlier create of this draft, or by a bid since deleted.
    const earlier = await earlierCreate(w, id);
    if (!earlier) throw bidIdInUse(id);
    return repeatedCreate(earlier, checked.content);
  }
  return recordCreate(w, created);
}

/** The row of a draft the rules passed, made by the acting member now. */
export const newBidOf = (w: BidWrite, id: string, checked: CheckedDraft, copiedFromBidId: string | null): NewBid => ({
  ...checked.content,
  id,
  organizationId: w.actor.organizationId,
  createdBy: w.actor.userId,
  curveKind: checked.curveKind,
  gateClosureAt: checked.gateClosureAt,
  copiedFromBidId,
  createdAt: w.now,
});

/** A draft just inserted, audited: what its create answers and publishes. */
export async function recordCreate(w: BidWrite, created: BidRecord): Promise<BidOutcome> {
  await audit(w, 'bid.create', created.id, null, created);
  return { bid: created, status: 201, updates: [bidUpdateOf(created, 'created', w.now)] };
}

/**
 * New drafts made together (a replayed batch, each with its own writer): each checked as
 * createBid checks it, then all inserted in a few multi-row statements. A draft the rules
 * refuse, or an id already taken (a create repeated), fails them all, and with them the
 * caller's transaction: they then go through createBid one at a time. Audit each with
 * recordCreate, in the order they were made.
 */
export async function insertNewBids(r: Repositories, drafts: readonly { w: BidWrite; body: CreateBidBody }[]): Promise<BidRecord[]> {
  const rows: NewBid[] = [];
  for (const { w, body } of drafts) rows.push(newBidOf(w, body.id.toLowerCase(), await checkedDraft(w, body, 'body.'), null));
  return rows.length === 0 ? [] : r.bids.insertMany(rows);
}

export async function updateBid(w: BidWrite, rawId: string, body: UpdateBidBody): Promise<BidOutcome> {
  const id = rawId.toLowerCase();
  // The bid's row first: its curve or blocks are read only when a repeat or a conflict needs them.
  const before = await w.r.bids.state(w.actor.organizationId, id);
  if (!before) throw bidNotFound(id);
  if (before.version === body.version + 1) {
    // The same edit repeated after it succeeded (a retry, a replay) finds it done.
    const done = await current(w, id);
    if (sameContent(done, contentOf(body).content)) return { bid: done, status: 200, updates: [] };
  }
  if (before.status !== 'draft') throw notEditable(before, 'edited');
  if (before.version !== body.version) throw await conflict(w, await current(w, id));
  const { content, gateClosureAt, curveKind } = await checkedDraft(w, body, 'body.');
  const after = await w.r.bids.replaceDraft(before, content, curveKind, gateClosureAt, w.now);
  if (!after) {
    // Another request changed it between the read and the write: say what it is now.
    const now = await current(w, id);
    throw now.status === 'draft' ? await conflict(w, now) : notEditable(now, 'edited');
  }
  await audit(w, 'bid.update', id, before, after);
  return { bid: after, status: 200, updates: [bidUpdateOf(after, 'edited', w.now)] };
}

const deletable = (record: BidRecord): boolean => ['draft', 'cancelled', 'expired'].includes(record.status) && record.submissionId === null;

/** Deletes a bid that never left the desk; resolves with the deleted bid (as it was). */
export async function deleteBid(w: BidWrite, rawId: string, version: number): Promise<BidOutcome> {
  const id = rawId.toLowerCase();
  const before = await current(w, id);
  if (!deletable(before)) throw notDeletable(before);
  if (before.version !== version) throw await conflict(w, before);
  if (!(await w.r.bids.delete(w.actor.organizationId, id, version))) {
    const now = await current(w, id);
    throw deletable(now) ? await conflict(w, now) : notDeletable(now);
  }
  await audit(w, 'bid.delete', id, before, null);
  return { bid: before, status: 200, updates: [bidUpdateOf(before, 'deleted', w.now)] };
}

/** Why a submission cannot go ahead on this bid, or null when it can (a draft at that version, gate open). */
async function submitRefusal(w: BidWrite, record: BidRecord, body: SubmitBidBody): Promise<Error | null> {
  if (record.submissionId !== null) return alreadySubmitted(record);
  if (record.status === 'expired') return gateClosed(record, 'validation_error');
  if (record.status !== 'draft') return notEditable(record, 'submitted');
  if (record.version !== body.version) return conflict(w, record);
  if (w.now >= record.gateClosureAt) return gateClosed(record, 'validation_error');
  return null;
}

/**
 * Draft -> submitted, once per submission id: a repeat of the same submission id returns the
 * bid as it is, whatever its status now; the conditional write and UNIQUE(submission_id) make
 * sure concurrent repeats submit it once.
 */
export async function submitBid(w: BidWrite, rawId: string, body: SubmitBidBody): Promise<BidOutcome> {
  const id = rawId.toLowerCase();
  const submissionId = body.submissionId.toLowerCase();
  const before = await current(w, id);
  if (before.submissionId === submissionId) return { bid: before, status: 200, updates: [] };
  const refusal = await submitRefusal(w, before, body);
  if (refusal) throw refusal;
  const { validation } = await w.rules.check(draftOf(before), w.facts, w.now, 'bid.');
  if (validation.errors.length > 0) throw bidInvalid(validation.errors, 'bid.');
  const unconfirmed = validation.warnings.filter((warning) => !body.confirmWarnings.some((code) => code === warning.code));
  if (unconfirmed.length > 0) throw confirmationRequired(unconfirmed);
  // Another bid holding this submission id is the client's mistake; this bid holding it means a concurrent request won (handled below).
  const owner = await w.r.bids.bySubmission(submissionId);
  if (owner && owner.id !== id) throw submissionIdInUse(submissionId);
  const after = await w.r.bids.markSubmitted(before, submissionId, body.confirmWarnings, w.now);
  if (!after) {
    // A concurrent request won: the same submission id returns its result, anything else is refused as it now stands.
    const now = await current(w, id);
    if (now.submissionId === submissionId) return { bid: now, status: 200, updates: [] };
    throw (await submitRefusal(w, now, body)) ?? new Error(`bid ${id} could not be submitted and nothing explains why`);
  }
  await audit(w, 'bid.submit', id, before, after);
  return { bid: after, status: 200, updates: [bidUpdateOf(after, 'status', w.now)] };
}

async function cancelRefusal(w: BidWrite, record: BidRecord, version: number): Promise<Error | null> {
  if (record.status === 'expired' || ((record.status === 'draft' || record.status === 'submitted') && w.now >= record.gateClosureAt)) return gateClosed(record, 'conflict');
  if (record.status !== 'draft' && record.status !== 'submitted') return notEditable(record, 'cancelled (or a submitted bid before its gate)');
  if (record.version !== version) return conflict(w, record);
  return null;
}

/** A draft, or a submitted bid before its gate closes -> cancelled; cancelling a cancelled bid finds it done. */
export async function cancelBid(w: BidWrite, rawId: string, version: number): Promise<BidOutcome> {
  const id = rawId.toLowerCase();
  const before = await current(w, id);
  if (before.status === 'cancelled') return { bid: before, status: 200, updates: [] };
  const refusal = await cancelRefusal(w, before, version);
  if (refusal) throw refusal;
  const after = await w.r.bids.markCancelled(before, w.now);
  if (!after) {
    const now = await current(w, id);
    if (now.status === 'cancelled') return { bid: now, status: 200, updates: [] };
    throw (await cancelRefusal(w, now, version)) ?? new Error(`bid ${id} could not be cancelled and nothing explains why`);
  }
  await audit(w, 'bid.cancel', id, before, after);
  return { bid: after, status: 200, updates: [bidUpdateOf(after, 'status', w.now)] };
}
