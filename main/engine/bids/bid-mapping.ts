import { curveVolumeKw } from '../../../shared/bids/curve-at-price.js';
import type { Bid, BidDraft, BidIssue, BidPeriodResult, BlockOrder, CurvePeriod } from '../../../shared/api/bids.js';
import type { BidWarningCode } from '../../../shared/api/bids.js';
import { bpToFraction, fractionToBp, kwToMw, minorToPrice, mwToKw, priceToMinor } from '../../../shared/units.js';
import { canonicalJson } from '../audit/canonical-json.js';
import type { BidContent, BidRecord, BlockRecord, CurvePeriodRecord } from '../db/repositories/bid-repository.js';

/**
 * A bid between the API (decimal prices per MWh, MW, fractions) and storage (minor units, kW,
 * basis points). A value off the integer grid is an issue of its field, never a rounding.
 * Ids are lower-cased: both databases keep UUIDs in that one spelling.
 */

/** Converts one value, or records why it cannot be stored exactly. */
function exact(convert: (value: number) => number, value: number, field: string, issues: BidIssue[]): number {
  try {
    return convert(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    issues.push({ code: 'OFF_GRID', field, message: error.message, severity: 'error' });
    return 0;
  }
}

const byPeriod = <T extends { period: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.period - b.period);
const byName = (a: BlockRecord, b: BlockRecord): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The draft in storage units, periods ascending and blocks by name (how they are read back); or the fields that cannot be stored exactly. */
export function contentOf(draft: BidDraft): { content: BidContent; issues: BidIssue[] } {
  const issues: BidIssue[] = [];
  const curve: CurvePeriodRecord[] =
    draft.orderType === 'curve'
      ? draft.curve.map((p: CurvePeriod, i) => ({
          period: p.period,
          points: p.points.map((point, j) => ({
            priceMinor: exact(priceToMinor, point.price, `curve[${String(i)}].points[${String(j)}].price`, issues),
            volumeKw: exact(mwToKw, point.volume, `curve[${String(i)}].points[${String(j)}].volume`, issues),
          })),
        }))
      : [];
  const blocks: BlockRecord[] =
    draft.orderType === 'block'
      ? draft.blocks.map((b: BlockOrder, i) => ({
          id: b.id.toLowerCase(),
          name: b.name,
          priceMinor: exact(priceToMinor, b.price, `blocks[${String(i)}].price`, issues),
          minAcceptanceRatioBp: exact(fractionToBp, b.minAcceptanceRatio, `blocks[${String(i)}].minAcceptanceRatio`, issues),
          parentBlockId: b.parentBlockId?.toLowerCase() ?? null,
          exclusiveGroup: b.exclusiveGroup,
          periods: byPeriod(b.periods.map((p, j) => ({ period: p.period, volumeKw: exact(mwToKw, p.volume, `blocks[${String(i)}].periods[${String(j)}].volume`, issues) }))),
        }))
      : [];
  const content: BidContent = {
    zoneId: draft.zoneId,
    market: draft.market,
    auction: draft.auction,
    deliveryDate: draft.deliveryDate,
    assetId: draft.assetId?.toLowerCase() ?? null,
    portfolio: draft.portfolio,
    side: draft.side,
    notes: draft.notes,
    orderType: draft.orderType,
    curve: byPeriod(curve),
    blocks: blocks.sort(byName),
  };
  return { content, issues };
}

/** Whether two drafts say the same thing (an idempotent create repeated). */
export const sameContent = (a: BidContent, b: BidContent): boolean => canonicalJson(contentFields(a)) === canonicalJson(contentFields(b));

const contentFields = (c: BidContent): BidContent => ({
  zoneId: c.zoneId,
  market: c.market,
  auction: c.auction,
  deliveryDate: c.deliveryDate,
  assetId: c.assetId,
  portfolio: c.portfolio,
  side: c.side,
  notes: c.notes,
  orderType: c.orderType,
  curve: c.curve,
  blocks: c.blocks,
});

/** The stored content as the API's draft (what the rules check and copy-day drafts again). */
export function draftOf(content: BidContent): BidDraft {
  const target = {
    zoneId: content.zoneId,
    market: content.market,
    auction: content.auction,
    deliveryDate: content.deliveryDate,
    assetId: content.assetId,
    portfolio: content.portfolio,
    side: content.side,
    notes: content.notes,
  };
  if (content.orderType === 'curve') {
    return { ...target, orderType: 'curve', curve: content.curve.map((p) => ({ period: p.period, points: p.points.map((point) => ({ price: minorToPrice(point.priceMinor), volume: kwToMw(point.volumeKw) })) })) };
  }
  return {
    ...target,
    orderType: 'block',
    blocks: content.blocks.map((b) => ({
      id: b.id,
      name: b.name,
      price: minorToPrice(b.priceMinor),
      minAcceptanceRatio: bpToFraction(b.minAcceptanceRatioBp),
      parentBlockId: b.parentBlockId,
      exclusiveGroup: b.exclusiveGroup,
      periods: b.periods.map((p) => ({ period: p.period, volume: kwToMw(p.volumeKw) })),
    })),
  };
}

/**
 * Results are stored unsigned; the API signs them like the bid: a sell clears negative, and a
 * two-sided (storage) curve in the direction its curve gives at the clearing price.
 */
function directionOf(record: BidRecord, result: BidRecord['results'][number]): number {
  if (record.side !== 'both') return record.side === 'sell' ? -1 : 1;
  const points = record.curve.find((p) => p.period === result.period)?.points ?? [];
  return curveVolumeKw(points, record.curveKind ?? 'step', result.clearingPriceMinor) < 0 ? -1 : 1;
}

const resultOf = (record: BidRecord) => (r: BidRecord['results'][number]): BidPeriodResult => ({
  period: r.period,
  clearedVolume: kwToMw(directionOf(record, r) * r.clearedVolumeKw),
  clearingPrice: minorToPrice(r.clearingPriceMinor),
});

/** The API's bid: the stored record with the warnings the fat-finger guard sees now. */
export function toApiBid(record: BidRecord, warnings: BidIssue[]): Bid {
  const iso = (at: Date | null): string | null => at?.toISOString() ?? null;
  return {
    ...draftOf(record),
    id: record.id,
    organizationId: record.organizationId,
    createdBy: record.createdBy,
    status: record.status,
    version: record.version,
    curveKind: record.curveKind,
    gateClosureAt: record.gateClosureAt.toISOString(),
    submissionId: record.submissionId,
    submittedAt: iso(record.submittedAt),
    decidedAt: iso(record.decidedAt),
    cancelledAt: iso(record.cancelledAt),
    reason: record.reason,
    confirmedWarnings: record.confirmedWarnings as BidWarningCode[],
    warnings,
    results: record.results.map(resultOf(record)),
    copiedFromBidId: record.copiedFromBidId,
    // In step unless the service knows better (writes of it queued in this terminal's outbox, or a conflict).
    syncState: 'synced',
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
