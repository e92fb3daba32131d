import type { BidIssue, BlockOrder } from '../api/bids.js';
import { blockLinkErrors } from './block-links.js';
import type { BidTerms } from './bid-terms.js';
import { bidError, blockField, blockPeriodField, formatAmount } from './bid-issues.js';
import { onStep } from './decimal.js';
import { periodErrors, repeatedPeriodErrors } from './period-rules.js';
import { priceErrors } from './price-rules.js';
import { repeats } from './repeats.js';
import { volumeErrors } from './volume-rules.js';

/** The minimum acceptance ratio's grid: whole percent, stored as basis points. */
const MAR_STEP = 0.01;

/** A block's periods, taken as a set, run without a hole (their order in the list does not matter). */
function holeErrors(block: BlockOrder, index: number): BidIssue[] {
  const periods = [...new Set(block.periods.map((entry) => entry.period))].sort((a, b) => a - b);
  const [first] = periods;
  // A period that is no whole number is a period error already; a hole among such is no question.
  if (first === undefined || !periods.every(Number.isInteger)) return [];
  const hole = periods.findIndex((period, k) => period !== first + k);
  if (hole < 0) return [];
  const last = periods[periods.length - 1] ?? first;
  return [bidError('BLOCK_PERIODS_NOT_CONSECUTIVE', blockField(index, 'periods'), `Block "${block.name}" covers consecutive periods: period ${first + hole} is missing between ${first} and ${last}`)];
}

function marErrors(block: BlockOrder, index: number): BidIssue[] {
  const ratio = block.minAcceptanceRatio;
  if (ratio > 0 && ratio <= 1 && onStep(ratio, MAR_STEP)) return [];
  return [bidError('BLOCK_MAR_INVALID', blockField(index, 'minAcceptanceRatio'), `Minimum acceptance ratio ${formatAmount(ratio)} must be from 0.01 to 1 in steps of 0.01 (1: all or nothing)`)];
}

function singleBlockErrors(block: BlockOrder, index: number, terms: BidTerms): BidIssue[] {
  return [
    ...priceErrors(block.price, blockField(index, 'price'), terms),
    ...marErrors(block, index),
    ...repeatedPeriodErrors(
      block.periods.map((entry, k) => ({ period: entry.period, field: blockPeriodField(index, k, 'period') })),
      `in block "${block.name}"`,
    ),
    ...block.periods.flatMap((entry, k) => [
      ...periodErrors(entry.period, blockPeriodField(index, k, 'period'), terms),
      ...(entry.volume === 0
        ? [bidError('BLOCK_VOLUME_ZERO', blockPeriodField(index, k, 'volume'), `A block's volume is never 0: leave period ${entry.period} out of block "${block.name}" instead`)]
        : volumeErrors(entry.volume, blockPeriodField(index, k, 'volume'), terms)),
    ]),
    ...holeErrors(block, index),
  ];
}

/** Ids and names tell the blocks of a bid apart (links name ids; results name blocks). Names compare trimmed and case-blind. */
function uniquenessErrors(blocks: readonly BlockOrder[]): BidIssue[] {
  const ids = repeats(blocks.map((block) => block.id)).map(({ index, first }) =>
    bidError('BLOCK_ID_DUPLICATE', blockField(index, 'id'), `Block "${blocks[index]?.name ?? ''}" has the id of block "${blocks[first]?.name ?? ''}": each block needs its own`),
  );
  const names = repeats(blocks.map((block) => block.name.trim().toLowerCase())).map(({ index }) =>
    bidError('BLOCK_NAME_DUPLICATE', blockField(index, 'name'), `Two blocks are named "${blocks[index]?.name.trim() ?? ''}": each block of a bid needs its own name`),
  );
  return [...ids, ...names];
}

/** Every rule of a block order: one side, each block on its own, ids and names, and the links between blocks. */
export function blockErrors(blocks: readonly BlockOrder[], terms: BidTerms): BidIssue[] {
  const side = terms.side === 'both' ? [bidError('BLOCK_SIDE_BOTH', 'side', 'A block buys or sells: choose side buy or sell (side both is for curves)')] : [];
  return [...side, ...blocks.flatMap((block, index) => singleBlockErrors(block, index, terms)), ...uniquenessErrors(blocks), ...blockLinkErrors(blocks)];
}
