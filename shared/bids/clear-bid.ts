import type { BidDraft, BidPeriodResult, BlockBidDraft, CurveBidDraft } from '../api/bids.js';
import { kwToMw, minorToPrice, mwToKw } from '../units.js';
import { decideBlocks } from './block-acceptance.js';
import { priceAt, pricesInMinor, type PricesMinor } from './clearing-prices.js';
import { blockReason, curveReason } from './clearing-reasons.js';
import { curveVolumeKw, exactPoints, type CurveKind } from './curve-at-price.js';

export interface ClearingOutcome {
  status: 'accepted' | 'partially_accepted' | 'rejected';
  /** One per period the bid has, ascending: clearedVolume in MW signed like the bid, clearingPrice as published. */
  results: BidPeriodResult[];
  /** Block id -> 0 or 1 (a price-taker accepts blocks whole); {} for curves. */
  acceptedBlockRatios: Record<string, number>;
  /** For a rejected or partially accepted bid: why, for a trader, naming the price-taker basis; null when accepted. */
  reason: string | null;
}

/** The periods a bid has, ascending (a block bid's: those of any of its blocks). */
export function bidPeriods(draft: BidDraft): number[] {
  const periods = draft.orderType === 'curve' ? draft.curve.map(({ period }) => period) : draft.blocks.flatMap((block) => block.periods.map(({ period }) => period));
  return [...new Set(periods)].sort((a, b) => a - b);
}

/**
 * A submitted bid decided against its zone's published clearing prices (period -> currency per
 * MWh, to the cent), as a price-taker: each order is accepted where it is in the money at the
 * given price (MARKET_RULES.md, uniform-price clearing 4; curve-at-price.ts, block-acceptance.ts).
 *
 * Returns null when a period of the bid has no published price yet: the bid cannot be decided
 * and stays submitted until the prices are complete. Not an error: that is the engine's normal
 * wait, and null makes the type say so at every call.
 *
 * Status: a curve bid is accepted when it clears a non-zero volume in every period it bids,
 * partially accepted when it does in some, rejected when in none; a block bid by its blocks
 * (all accepted, some, none). A block bid whose buy and sell blocks are both accepted may net
 * to 0 MW in a period and still be accepted: each block was executed in full.
 *
 * Volumes are computed in kW and prices in minor units. A curve bid needs its curve kind
 * (TypeError without); a price off the cent or a volume off the kW throws RangeError.
 */
export function clearBidAsPriceTaker(draft: BidDraft, curveKind: CurveKind | null, prices: ReadonlyMap<number, number>): ClearingOutcome | null {
  const pricesMinor = pricesInMinor(bidPeriods(draft), prices);
  if (pricesMinor === null) return null;
  if (draft.orderType === 'block') return clearBlocks(draft, pricesMinor);
  if (curveKind === null) throw new TypeError('a curve bid is cleared by its curve kind: step or linear');
  return clearCurve(draft, curveKind, pricesMinor);
}

const result = (period: number, clearedKw: number, priceMinor: number): BidPeriodResult => ({ period, clearedVolume: kwToMw(clearedKw), clearingPrice: minorToPrice(priceMinor) });

const statusOf = (decided: number, total: number): ClearingOutcome['status'] => (decided === total ? 'accepted' : decided === 0 ? 'rejected' : 'partially_accepted');

function clearCurve(draft: CurveBidDraft, kind: CurveKind, pricesMinor: PricesMinor): ClearingOutcome {
  const results = draft.curve
    .map(({ period, points }) => {
      const priceMinor = priceAt(pricesMinor, period);
      return result(period, curveVolumeKw(exactPoints(points), kind, priceMinor), priceMinor);
    })
    .sort((a, b) => a.period - b.period);
  const notCleared = results.filter(({ clearedVolume }) => clearedVolume === 0).map(({ period }) => period);
  return { status: statusOf(results.length - notCleared.length, results.length), results, acceptedBlockRatios: {}, reason: curveReason(notCleared, results.length) };
}

function clearBlocks(draft: BlockBidDraft, pricesMinor: PricesMinor): ClearingOutcome {
  const decisions = decideBlocks(draft.blocks, pricesMinor);
  const isAccepted = ({ id }: { id: string }): boolean => decisions.get(id)?.accepted === true;
  const clearedKw = new Map([...pricesMinor.keys()].map((period) => [period, 0]));
  for (const block of draft.blocks.filter(isAccepted)) for (const { period, volume } of block.periods) clearedKw.set(period, (clearedKw.get(period) ?? 0) + mwToKw(volume));
  return {
    status: statusOf(draft.blocks.filter(isAccepted).length, draft.blocks.length),
    results: [...clearedKw].map(([period, kw]) => result(period, kw, priceAt(pricesMinor, period))),
    acceptedBlockRatios: Object.fromEntries(draft.blocks.map((block) => [block.id, isAccepted(block) ? 1 : 0])),
    reason: blockReason(draft.blocks, decisions),
  };
}
