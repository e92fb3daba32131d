import type { BlockOrder } from '../api/bids.js';
import { mwToKw, priceToMinor } from '../units.js';
import { priceAt, type PricesMinor } from './clearing-prices.js';
import { divideRoundingHalfAwayFromZero } from './exact-division.js';

/** Why a block was or was not accepted; surplus in kW x minor units per MWh, summed over its periods. */
export type BlockDecision =
  | { accepted: true; surplus: bigint }
  | { accepted: false; why: 'out_of_the_money'; surplus: bigint; averagePriceMinor: number }
  | { accepted: false; why: 'parent_rejected'; surplus: bigint; parentName: string | null }
  | { accepted: false; why: 'exclusive'; surplus: bigint; group: string; winnerName: string };

type Verdict = { why: 'out_of_the_money'; averagePriceMinor: number } | { why: 'parent_rejected'; parentName: string | null };

/**
 * Decides a bid's blocks as a price-taker against the clearing prices (minor units per MWh, by
 * period; every period of every block must have one).
 *
 * - A block is in the money when its surplus, the sum over its periods of volume x (block price
 *   - clearing price), is not negative: a sell block (negative volumes) priced at or below the
 *   volume-weighted average clearing price of its periods, a buy block at or above it
 *   (MARKET_RULES.md, European day-ahead, block orders).
 * - Accepted blocks are accepted whole (ratio 1). The minimum acceptance ratio is never needed:
 *   with the prices given, a block's surplus grows linearly with its ratio, so a block in the
 *   money is worth taking whole and one out of the money worth nothing; in an exclusive group the
 *   best block taken whole beats any split of the ratios, and a child's ratio is never held
 *   back by a parent taken whole.
 * - A linked block is accepted only if its parent is: parents are decided before children.
 * - Of an exclusive group at most one block is accepted: the one, of those in the money whose
 *   parents are accepted, with the greatest surplus; on a tie the first in the bid. A group is
 *   decided once every member's parent is. Where that never comes (links in a circle, a parent
 *   that is not in the bid, groups waiting on each other's members), the first waiting group is
 *   decided with its waiting members rejected, so every bid gets an answer the exchange's rules
 *   would allow, if not always the best one for such tangles (the bid rules refuse them anyway).
 */
export function decideBlocks(blocks: readonly BlockOrder[], pricesMinor: PricesMinor): Map<string, BlockDecision> {
  const names = new Map(blocks.map((block) => [block.id, block.name]));
  const surpluses = new Map(blocks.map((block) => [block.id, blockSurplus(block, pricesMinor)]));
  const surplusOf = (block: BlockOrder): bigint => surpluses.get(block.id) ?? 0n;
  const decisions = new Map<string, BlockDecision>();
  const isReady = (block: BlockOrder): boolean => block.parentBlockId === null || decisions.has(block.parentBlockId);
  const isDecided = (block: BlockOrder): boolean => decisions.has(block.id);
  const parentRejected = (block: BlockOrder): Verdict => ({ why: 'parent_rejected', parentName: block.parentBlockId === null ? null : (names.get(block.parentBlockId) ?? null) });

  /** What rules the block out on its own, groups aside (with its parent decided, or not coming). */
  const verdict = (block: BlockOrder): Verdict | null => {
    if (surplusOf(block) < 0n) return { why: 'out_of_the_money', averagePriceMinor: averagePrice(block, pricesMinor) };
    if (block.parentBlockId !== null && decisions.get(block.parentBlockId)?.accepted !== true) return parentRejected(block);
    return null;
  };
  const decide = (block: BlockOrder, rejection: Verdict | null): void => {
    decisions.set(block.id, rejection === null ? { accepted: true, surplus: surplusOf(block) } : { accepted: false, surplus: surplusOf(block), ...rejection });
  };
  const decideGroup = (group: string, members: readonly BlockOrder[]): void => {
    const verdicts = members.map((member) => (isReady(member) ? verdict(member) : parentRejected(member)));
    const eligible = members.filter((_, index) => verdicts[index] === null);
    const winner = eligible.reduce<BlockOrder | undefined>((best, member) => (best === undefined || surplusOf(member) > surplusOf(best) ? member : best), undefined);
    members.forEach((member, index) => {
      const rejection = verdicts[index] ?? null;
      if (rejection === null && winner !== undefined && member !== winner) decisions.set(member.id, { accepted: false, why: 'exclusive', surplus: surplusOf(member), group, winnerName: winner.name });
      else decide(member, rejection);
    });
  };

  const groups = new Map<string, BlockOrder[]>();
  for (const block of blocks) if (block.exclusiveGroup !== null) groups.set(block.exclusiveGroup, [...(groups.get(block.exclusiveGroup) ?? []), block]);
  const waitingGroups = (): [string, BlockOrder[]][] => [...groups].filter(([, members]) => !members.some(isDecided));
  while (blocks.some((block) => !isDecided(block))) {
    const loose = blocks.filter((block) => block.exclusiveGroup === null && !isDecided(block) && isReady(block));
    for (const block of loose) decide(block, verdict(block));
    const readyGroups = waitingGroups().filter(([, members]) => members.every(isReady));
    for (const [group, members] of readyGroups) decideGroup(group, members);
    if (loose.length > 0 || readyGroups.length > 0) continue;
    const [stalled] = waitingGroups();
    if (stalled) decideGroup(...stalled);
    else for (const block of blocks.filter((candidate) => !isDecided(candidate))) decide(block, parentRejected(block));
  }
  return decisions;
}

/** Sum over the block's periods of volume (kW) x (block price - clearing price): the welfare the block adds, >= 0 when in the money. */
function blockSurplus(block: BlockOrder, pricesMinor: PricesMinor): bigint {
  const blockPrice = priceToMinor(block.price);
  return block.periods.reduce((sum, { period, volume }) => sum + BigInt(mwToKw(volume)) * BigInt(blockPrice - priceAt(pricesMinor, period)), 0n);
}

/** The clearing price of the block's periods weighted by its |volume| in each, to the minor unit. */
function averagePrice(block: BlockOrder, pricesMinor: PricesMinor): number {
  const weights = block.periods.map(({ period, volume }) => ({ price: BigInt(priceAt(pricesMinor, period)), weight: BigInt(Math.abs(mwToKw(volume))) }));
  const total = weights.reduce((sum, { weight }) => sum + weight, 0n);
  return Number(divideRoundingHalfAwayFromZero(weights.reduce((sum, { price, weight }) => sum + price * weight, 0n), total));
}
