import type { BidIssue, BlockOrder } from '../api/bids.js';
import { bidError, blockField } from './bid-issues.js';

/**
 * Links between the blocks of one bid. A child names its parent by id (accepted only if the
 * parent is); following parents must end, never come back round. A block in an exclusive group
 * may be neither a child nor a parent: the exchanges allow some mixes, but a trader reading a
 * result should not have to untangle both at once, so the terminal keeps them apart.
 * Parent and child are always of one side: every block of a bid has the bid's side.
 */
export function blockLinkErrors(blocks: readonly BlockOrder[]): BidIssue[] {
  const indexOf = new Map<string, number>();
  blocks.forEach((block, index) => {
    if (!indexOf.has(block.id)) indexOf.set(block.id, index);
  });
  const parents = new Set(blocks.map((block) => block.parentBlockId));

  /** Whether following `block`'s parents comes back to it (at most one step per block: any longer walk is in a circle elsewhere). */
  const returnsTo = (block: BlockOrder): boolean => {
    let parent = block.parentBlockId;
    for (let steps = 0; parent !== null && steps < blocks.length; steps += 1) {
      if (parent === block.id) return true;
      const index = indexOf.get(parent);
      parent = index === undefined ? null : (blocks[index]?.parentBlockId ?? null);
    }
    return false;
  };

  return blocks.flatMap((block, index) => {
    const errors: BidIssue[] = [];
    const parent = block.parentBlockId;
    if (parent !== null && !indexOf.has(parent)) {
      errors.push(bidError('BLOCK_PARENT_UNKNOWN', blockField(index, 'parentBlockId'), `Block "${block.name}" is linked to a parent that is not a block of this bid`));
    } else if (parent === block.id) {
      errors.push(bidError('BLOCK_LINK_CYCLE', blockField(index, 'parentBlockId'), `Block "${block.name}" cannot be its own parent`));
    } else if (returnsTo(block)) {
      errors.push(bidError('BLOCK_LINK_CYCLE', blockField(index, 'parentBlockId'), `Block "${block.name}" is linked in a circle: following its parents leads back to it`));
    }
    if (block.exclusiveGroup !== null && (parent !== null || parents.has(block.id))) {
      const message = `Block "${block.name}" is in exclusive group "${block.exclusiveGroup}" and linked: a block is either linked or in an exclusive group, not both`;
      errors.push(bidError('BLOCK_EXCLUSIVE_LINKED', blockField(index, 'exclusiveGroup'), message));
    }
    return errors;
  });
}
