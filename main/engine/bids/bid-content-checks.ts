import type { BidIssue } from '../../../shared/api/bids.js';
import type { BidContent, BlockRecord } from '../db/repositories/bid-repository.js';

/**
 * What the database's keys and CHECKs would refuse, found before writing so bad input answers
 * 400 with its field instead of a constraint error. The market rules (shared/bids) find most of
 * these too; this is the engine's own guarantee, run once the rules have passed a draft.
 */

const error = (code: string, field: string, message: string): BidIssue => ({ code, field, message, severity: 'error' });

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return values.filter((value) => seen.has(value) || !seen.add(value));
}

/** Links that do not reach a root within the bid: to an unknown block, to itself, or around a cycle. */
function brokenLinks(blocks: readonly BlockRecord[]): BlockRecord[] {
  const parentOf = new Map(blocks.map((b) => [b.id, b.parentBlockId]));
  return blocks.filter((block) => {
    const visited = new Set<string>([block.id]);
    for (let parent = block.parentBlockId; parent !== null; parent = parentOf.get(parent) ?? null) {
      if (visited.has(parent) || !parentOf.has(parent)) return true;
      visited.add(parent);
    }
    return false;
  });
}

export function storageIssues(content: BidContent): BidIssue[] {
  const issues: BidIssue[] = [];
  if ((content.market === 'intraday_auction') !== (content.auction !== null)) issues.push(error('AUCTION_MISMATCH', 'auction', 'An intraday auction bid names its auction; a day-ahead bid names none'));
  if (content.assetId === null && content.portfolio === null) issues.push(error('ASSET_OR_PORTFOLIO_REQUIRED', 'assetId', 'A bid is for an asset or a named portfolio'));
  if (content.side === 'both' && content.orderType === 'block') issues.push(error('SIDE_NOT_FOR_BLOCKS', 'side', 'Only a curve can both buy and sell'));
  for (const period of duplicates(content.curve.map((p) => p.period))) issues.push(error('DUPLICATE_PERIOD', 'curve', `Period ${String(period)} appears more than once`));
  for (const name of duplicates(content.blocks.map((b) => b.name))) issues.push(error('DUPLICATE_BLOCK_NAME', 'blocks', `Two blocks are named "${name}"`));
  for (const id of duplicates(content.blocks.map((b) => b.id))) issues.push(error('DUPLICATE_BLOCK_ID', 'blocks', `Two blocks have the id ${id}`));
  for (const block of brokenLinks(content.blocks)) issues.push(error('INVALID_PARENT_BLOCK', 'blocks', `Block "${block.name}" links to a block outside this bid, to itself, or around a cycle`));
  for (const block of content.blocks) {
    for (const period of duplicates(block.periods.map((p) => p.period))) issues.push(error('DUPLICATE_PERIOD', 'blocks', `Block "${block.name}" has period ${String(period)} more than once`));
    if (block.periods.some((p) => p.volumeKw === 0)) issues.push(error('ZERO_VOLUME', 'blocks', `Block "${block.name}" has a period with no volume`));
  }
  return issues;
}
