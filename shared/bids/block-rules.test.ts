import { describe, expect, it } from 'vitest';
import { BLOCK_IDS, block, blockDraft, catalogueZone, findings, ruleContext } from '../../main/testing/bid-fixtures.js';
import type { BlockBidDraft, BlockOrder } from '../api/bids.js';
import { validateBid } from './validate-bid.js';

const zone = catalogueZone('NL');
const errorsOf = (blocks: BlockOrder[], changes: Partial<BlockBidDraft> = {}) => validateBid(blockDraft(zone, { blocks, ...changes }), ruleContext(zone)).errors;
const run = (from: number, to: number, volume = -5) => Array.from({ length: to - from + 1 }, (_, k) => ({ period: from + k, volume }));

describe('block orders', () => {
  it('pass as a sell block over consecutive periods, in any order, and as a buy block', () => {
    expect(errorsOf([block(0)])).toEqual([]);
    expect(errorsOf([block(0, { periods: [{ period: 35, volume: -5 }, { period: 33, volume: -2 }, { period: 34, volume: -5 }] })])).toEqual([]);
    expect(errorsOf([block(0, { periods: run(1, 96, 3.5) })], { side: 'buy' })).toEqual([]);
  });

  it('buy or sell, never both', () => {
    expect(findings(errorsOf([block(0)], { side: 'both' }))).toEqual(['BLOCK_SIDE_BOTH side']);
  });

  it('cover consecutive periods that exist on the day, each once', () => {
    const holed = errorsOf([block(0, { periods: [...run(10, 12), ...run(14, 15)] })]);
    expect(holed.map((error) => [error.code, error.field, error.message])).toEqual([
      ['BLOCK_PERIODS_NOT_CONSECUTIVE', 'blocks[0].periods', 'Block "Block 1" covers consecutive periods: period 13 is missing between 10 and 15'],
    ]);
    expect(findings(errorsOf([block(0, { periods: [...run(10, 12), { period: 11, volume: -5 }] })]))).toEqual(['PERIOD_DUPLICATE blocks[0].periods[3].period']);
    expect(findings(errorsOf([block(0, { periods: run(96, 97) })]))).toEqual(['PERIOD_NOT_ON_DAY blocks[0].periods[1].period']);
  });

  it('have volumes that are never 0, of the bid’s side, on the lot', () => {
    const zero = errorsOf([block(0, { periods: [{ period: 1, volume: -5 }, { period: 2, volume: 0 }] })]);
    expect(zero.map((error) => [error.code, error.field, error.message])).toEqual([['BLOCK_VOLUME_ZERO', 'blocks[0].periods[1].volume', 'A block\'s volume is never 0: leave period 2 out of block "Block 1" instead']]);
    expect(findings(errorsOf([block(0, { periods: [{ period: 1, volume: -5 }, { period: 2, volume: 5 }] })]))).toEqual(['VOLUME_WRONG_SIGN blocks[0].periods[1].volume']);
    expect(findings(errorsOf([block(0, { periods: [{ period: 1, volume: -5.05 }] })]))).toEqual(['VOLUME_OFF_LOT blocks[0].periods[0].volume']);
  });

  it('have a price within the limits and on the tick', () => {
    expect(findings(errorsOf([block(0, { price: -500.1 }), block(1, { price: 4000.1 }), block(2, { price: 80.05 })]))).toEqual([
      'PRICE_BELOW_FLOOR blocks[0].price',
      'PRICE_ABOVE_CAP blocks[1].price',
      'PRICE_OFF_TICK blocks[2].price',
    ]);
    expect(errorsOf([block(0, { price: -500 }), block(1, { price: 4000 })])).toEqual([]);
  });

  it('take a minimum acceptance ratio in (0, 1] in whole percent', () => {
    expect(errorsOf([block(0, { minAcceptanceRatio: 0.25 }), block(1, { minAcceptanceRatio: 0.01 })])).toEqual([]);
    for (const ratio of [0, -0.5, 0.255, 1.01]) {
      expect(findings(errorsOf([block(0, { minAcceptanceRatio: ratio })]))).toEqual(['BLOCK_MAR_INVALID blocks[0].minAcceptanceRatio']);
    }
    expect(errorsOf([block(0, { minAcceptanceRatio: 0.255 })])[0]?.message).toBe('Minimum acceptance ratio 0.255 must be from 0.01 to 1 in steps of 0.01 (1: all or nothing)');
  });

  it('have their own ids and names (names compared trimmed, in any case)', () => {
    expect(findings(errorsOf([block(0), block(1, { id: BLOCK_IDS[0] })]))).toEqual(['BLOCK_ID_DUPLICATE blocks[1].id']);
    const named = errorsOf([block(0, { name: 'Evening' }), block(1, { name: ' evening ' })]);
    expect(named.map((error) => [error.code, error.field, error.message])).toEqual([['BLOCK_NAME_DUPLICATE', 'blocks[1].name', 'Two blocks are named "evening": each block of a bid needs its own name']]);
  });
});

describe('linked and exclusive blocks', () => {
  it('link a child to another block of the bid', () => {
    expect(errorsOf([block(0), block(1, { parentBlockId: BLOCK_IDS[0] }), block(2, { parentBlockId: BLOCK_IDS[1] })])).toEqual([]);
    const unknown = errorsOf([block(0, { parentBlockId: BLOCK_IDS[2] })]);
    expect(unknown.map((error) => [error.code, error.field, error.message])).toEqual([['BLOCK_PARENT_UNKNOWN', 'blocks[0].parentBlockId', 'Block "Block 1" is linked to a parent that is not a block of this bid']]);
  });

  it('never link in a circle', () => {
    expect(errorsOf([block(0, { parentBlockId: BLOCK_IDS[0] })]).map((error) => [error.code, error.message])).toEqual([['BLOCK_LINK_CYCLE', 'Block "Block 1" cannot be its own parent']]);
    const circle = errorsOf([block(0, { parentBlockId: BLOCK_IDS[2] }), block(1, { parentBlockId: BLOCK_IDS[0] }), block(2, { parentBlockId: BLOCK_IDS[1] })]);
    expect(findings(circle)).toEqual(['BLOCK_LINK_CYCLE blocks[0].parentBlockId', 'BLOCK_LINK_CYCLE blocks[1].parentBlockId', 'BLOCK_LINK_CYCLE blocks[2].parentBlockId']);
    // A child of a circle is not in it.
    const tail = errorsOf([block(0, { parentBlockId: BLOCK_IDS[1] }), block(1, { parentBlockId: BLOCK_IDS[0] }), block(2, { parentBlockId: BLOCK_IDS[0] })]);
    expect(findings(tail)).toEqual(['BLOCK_LINK_CYCLE blocks[0].parentBlockId', 'BLOCK_LINK_CYCLE blocks[1].parentBlockId']);
  });

  it('are either linked or in an exclusive group, not both', () => {
    expect(errorsOf([block(0, { exclusiveGroup: 'A' }), block(1, { exclusiveGroup: 'A' })])).toEqual([]);
    const child = errorsOf([block(0), block(1, { parentBlockId: BLOCK_IDS[0], exclusiveGroup: 'A' })]);
    expect(child.map((error) => [error.code, error.field])).toEqual([['BLOCK_EXCLUSIVE_LINKED', 'blocks[1].exclusiveGroup']]);
    expect(child[0]?.message).toBe('Block "Block 2" is in exclusive group "A" and linked: a block is either linked or in an exclusive group, not both');
    expect(findings(errorsOf([block(0, { exclusiveGroup: 'A' }), block(1, { parentBlockId: BLOCK_IDS[0] })]))).toEqual(['BLOCK_EXCLUSIVE_LINKED blocks[0].exclusiveGroup']);
  });
});
