import type { BidStatus } from '../../../shared/api/bid-events.js';
import type { CopyDayBody } from '../../../shared/api/bids.js';
import type { BidContent, BidRecord } from '../db/repositories/bid-repository.js';
import { AppError } from '../http/app-error.js';
import { draftOf } from './bid-mapping.js';
import { auditSummary, bidUpdateOf, checkedDraft, newBidOf, type BidWrite, type CheckedDraft } from './bid-writes.js';
import { derivedId } from './derived-id.js';
import { recordAudit } from '../audit/record.js';
import type { BidUpdate } from '../../../shared/api/bid-events.js';

/** Every status but cancelled: a bid the trader withdrew is not one to repeat. */
const COPIED: readonly BidStatus[] = ['draft', 'submitted', 'accepted', 'partially_accepted', 'rejected', 'expired'];
/** More bids than one organisation drafts for a day; the list is read whole. */
const MOST_BIDS_PER_DAY = 10_000;

export interface CopyDayOutcome {
  created: BidRecord[];
  skipped: { sourceId: string; reason: string }[];
  updates: BidUpdate[];
}

/** The source's content on another day; block ids derive from the source's and the day like the bid's own. */
function contentOn(source: BidRecord, toDate: string): BidContent {
  const blockId = (id: string): string => derivedId(id, toDate);
  return {
    ...source,
    deliveryDate: toDate,
    blocks: source.blocks.map((b) => ({ ...b, id: blockId(b.id), parentBlockId: b.parentBlockId && blockId(b.parentBlockId) })),
  };
}

/**
 * Drafts every bid of `fromDate` again for `toDate` (one zone's, when given). Each copy's id
 * derives from (source id, toDate), so repeating the copy finds the copies made and makes none
 * twice. A copy the rules refuse on the target day (gate passed, a period the day lacks) is
 * skipped with the reason; the others are made.
 */
export async function copyDay(w: BidWrite, body: CopyDayBody): Promise<CopyDayOutcome> {
  const sources = await w.r.bids.list({ organizationId: w.actor.organizationId, statuses: COPIED, zoneId: body.zoneId, from: body.fromDate, to: body.fromDate, limit: MOST_BIDS_PER_DAY });
  const outcome: CopyDayOutcome = { created: [], skipped: [], updates: [] };
  // Oldest first: the copies are created in the order the originals were.
  for (const source of sources.reverse()) {
    const id = derivedId(source.id, body.toDate);
    if (await w.r.bids.exists(id)) {
      outcome.skipped.push({ sourceId: source.id, reason: `Already copied to ${body.toDate} as ${id}` });
      continue;
    }
    let checked: CheckedDraft;
    try {
      checked = await checkedDraft(w, draftOf(contentOn(source, body.toDate)), 'bid.');
    } catch (error) {
      if (!(error instanceof AppError) || error.type !== 'validation_error') throw error;
      outcome.skipped.push({ sourceId: source.id, reason: error.message });
      continue;
    }
    const copy = await w.r.bids.insert(newBidOf(w, id, checked, source.id));
    if (!copy) {
      outcome.skipped.push({ sourceId: source.id, reason: `Already copied to ${body.toDate} as ${id}` });
      continue;
    }
    await recordAudit(
      w.r,
      { now: () => w.now },
      { ...w.actor.audit, organizationId: w.actor.organizationId, action: 'bid.copy', resourceType: 'bid', resourceId: id, after: { ...auditSummary(copy), copiedFromBidId: source.id } },
      w.request,
    );
    outcome.created.push(copy);
    outcome.updates.push(bidUpdateOf(copy, 'created', w.now));
  }
  return outcome;
}
