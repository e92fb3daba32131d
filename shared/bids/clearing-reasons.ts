import type { BlockOrder } from '../api/bids.js';
import { minorToPrice } from '../units.js';
import type { BlockDecision } from './block-acceptance.js';

/** Said with every rejection: the terminal does not have the market's orders, only its prices (MARKET_RULES.md, uniform-price clearing 4). */
export const PRICE_TAKER_BASIS = 'Price-taker clearing: the published clearing prices are taken as given; the bid’s own effect on them is not modelled.';

const formatPrice = (priceMinor: number): string => minorToPrice(priceMinor).toFixed(2);

/** Ascending periods as a trader reads them: "periods 1-12, 50, 90-96". */
export function describePeriods(periods: readonly number[]): string {
  const ranges: [number, number][] = [];
  for (const period of periods) {
    const last = ranges.at(-1);
    if (last && period === last[1] + 1) last[1] = period;
    else ranges.push([period, period]);
  }
  const text = ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(', ');
  return `${periods.length === 1 ? 'period' : 'periods'} ${text}`;
}

/** Why a curve bid did not clear in `notCleared` of its `total` periods; null when it cleared in all. */
export function curveReason(notCleared: readonly number[], total: number): string | null {
  if (notCleared.length === 0) return null;
  const cleared = total - notCleared.length;
  const what = cleared === 0 ? 'Not in the money' : `Cleared in ${cleared} of ${total} periods; not in the money`;
  return `${what} in ${describePeriods(notCleared)} at the clearing price. ${PRICE_TAKER_BASIS}`;
}

function blockRejection(block: BlockOrder, decision: Exclude<BlockDecision, { accepted: true }>): string {
  switch (decision.why) {
    case 'out_of_the_money':
      return `${block.name} at ${block.price.toFixed(2)} is out of the money against the volume-weighted average clearing price ${formatPrice(decision.averagePriceMinor)} of its periods`;
    case 'parent_rejected':
      return decision.parentName === null ? `${block.name}: its parent block is not in the bid` : `${block.name}: its parent ${decision.parentName} was not accepted`;
    case 'exclusive':
      return `${block.name}: ${decision.winnerName} has the greater surplus in exclusive group "${decision.group}"`;
  }
}

/** Why blocks of a block bid were rejected, one clause a block; null when all were accepted. */
export function blockReason(blocks: readonly BlockOrder[], decisions: ReadonlyMap<string, BlockDecision>): string | null {
  const rejections = blocks.flatMap((block) => {
    const decision = decisions.get(block.id);
    return decision && !decision.accepted ? [blockRejection(block, decision)] : [];
  });
  if (rejections.length === 0) return null;
  const what = rejections.length === blocks.length ? 'No block accepted' : `${blocks.length - rejections.length} of ${blocks.length} blocks accepted`;
  return `${what}: ${rejections.join('; ')}. ${PRICE_TAKER_BASIS}`;
}
