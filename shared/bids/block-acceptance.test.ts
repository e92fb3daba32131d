import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockOrder } from '../api/bids.js';
import { decideBlocks, type BlockDecision } from './block-acceptance.js';

type Links = Partial<Pick<BlockOrder, 'parentBlockId' | 'exclusiveGroup' | 'minAcceptanceRatio'>>;
const block = (id: string, price: number, periods: [number, number][], links: Links = {}): BlockOrder => ({
  id,
  name: `Block ${id}`,
  price,
  minAcceptanceRatio: 1,
  parentBlockId: null,
  exclusiveGroup: null,
  periods: periods.map(([period, volume]) => ({ period, volume })),
  ...links,
});
// Clearing prices of periods 1-4: 30, 50, 70 and 40 per MWh, in cents.
const PRICES = new Map([
  [1, 3000],
  [2, 5000],
  [3, 7000],
  [4, 4000],
]);
const decide = (...blocks: BlockOrder[]): Record<string, BlockDecision> => Object.fromEntries(decideBlocks(blocks, PRICES));
const accepted = (decisions: Record<string, BlockDecision>): string[] => Object.keys(decisions)
    .filter((id) => decisions[id]?.accepted === true)
    .sort();

describe('block acceptance against the clearing prices', () => {
  it('accepts a sell block priced at or below the average clearing price of its periods, and rejects one above it', () => {
    const decisions = decide(
      block('cheap', 55, [
        [2, -10],
        [3, -10],
      ]),
      block('at', 60, [
        [2, -10],
        [3, -10],
      ]),
      block('dear', 65, [
        [2, -10],
        [3, -10],
      ]),
    );
    expect(accepted(decisions)).toEqual(['at', 'cheap']);
    expect(decisions.cheap).toEqual({ accepted: true, surplus: -10_000n * (5500n - 5000n) + -10_000n * (5500n - 7000n) });
    expect(decisions.dear).toEqual({ accepted: false, why: 'out_of_the_money', surplus: -10_000n * (6500n - 5000n) + -10_000n * (6500n - 7000n), averagePriceMinor: 6000 });
  });

  it('weights the average by the block’s volume in each period', () => {
    // (10 x 30 + 30 x 70) / 40 = 60
    const profile = (price: number): BlockOrder =>
      block(`at ${price}`, price, [
        [1, -10],
        [3, -30],
      ]);
    const decisions = decide(profile(60), profile(60.01));
    expect(decisions['at 60']?.accepted).toBe(true);
    expect(decisions['at 60.01']).toMatchObject({ accepted: false, why: 'out_of_the_money', averagePriceMinor: 6000 });
  });

  it('accepts a buy block priced at or above the average clearing price, and rejects one below it', () => {
    const buy = (price: number): BlockOrder =>
      block(`buy ${price}`, price, [
        [1, 5],
        [2, 5],
      ]);
    const decisions = decide(buy(45), buy(40), buy(39.99));
    expect(accepted(decisions)).toEqual(['buy 40', 'buy 45']);
    expect(decisions['buy 39.99']).toMatchObject({ why: 'out_of_the_money', averagePriceMinor: 4000 });
  });

  it('accepts a block whole, whatever its minimum acceptance ratio', () => {
    expect(decide(block('mar', 20, [[3, -8]], { minAcceptanceRatio: 0.3 })).mar?.accepted).toBe(true);
  });

  it('rejects a linked child whose parent is rejected, though the child is in the money', () => {
    const decisions = decide(block('child', 10, [[3, -5]], { parentBlockId: 'parent' }), block('parent', 65, [[2, -10]]));
    expect(decisions.parent).toMatchObject({ accepted: false, why: 'out_of_the_money' });
    expect(decisions.child).toMatchObject({ accepted: false, why: 'parent_rejected', parentName: 'Block parent' });
    expect(accepted(decide(block('child', 10, [[3, -5]], { parentBlockId: 'parent' }), block('parent', 45, [[2, -10]])))).toEqual(['child', 'parent']);
  });

  it('accepts the block of an exclusive group with the greatest surplus, the first on a tie', () => {
    const inGroup = { exclusiveGroup: 'evening' };
    // Surpluses: a 10 MW x (20 + 0) = 200, b 20 MW x (15 - 5) = 200, c 5 MW x 50 = 250 (MW x currency), d out of the money.
    const a = block(
      'a',
      50,
      [
        [2, -10],
        [3, -10],
      ],
      inGroup,
    );
    const b = block(
      'b',
      55,
      [
        [2, -20],
        [3, -20],
      ],
      inGroup,
    );
    const c = block('c', 20, [[3, -5]], inGroup);
    const d = block('d', 100, [[3, -500]], inGroup);
    const decisions = decide(a, b, c, d);
    expect(accepted(decisions)).toEqual(['c']);
    expect(decisions.a).toEqual({ accepted: false, why: 'exclusive', surplus: 20_000_000n, group: 'evening', winnerName: 'Block c' });
    expect(decisions.d).toMatchObject({ why: 'out_of_the_money' });
    expect(accepted(decide(b, a))).toEqual(['b']);
    expect(accepted(decide(a, b))).toEqual(['a']);
  });

  it('answers for links that can never be satisfied: a circle, a missing parent, groups waiting on each other', () => {
    const tangled = decide(block('x', 10, [[3, -1]], { parentBlockId: 'y' }), block('y', 10, [[3, -1]], { parentBlockId: 'x' }), block('orphan', 10, [[3, -1]], { parentBlockId: 'gone' }));
    expect(tangled).toMatchObject({ x: { why: 'parent_rejected', parentName: 'Block y' }, y: { why: 'parent_rejected', parentName: 'Block x' }, orphan: { why: 'parent_rejected', parentName: null } });
    // a and c are alternatives, and so are b and d, but b needs a and c needs d: the first group is decided first.
    const crossed = decide(
      block('a', 10, [[3, -1]], { exclusiveGroup: 'one' }),
      block('b', 10, [[3, -2]], { exclusiveGroup: 'two', parentBlockId: 'a' }),
      block('c', 10, [[3, -9]], { exclusiveGroup: 'one', parentBlockId: 'd' }),
      block('d', 10, [[3, -1]], { exclusiveGroup: 'two' }),
    );
    expect(accepted(crossed)).toEqual(['a', 'b']);
    expect(crossed.c).toMatchObject({ why: 'parent_rejected', parentName: 'Block d' });
    expect(crossed.d).toMatchObject({ why: 'exclusive', winnerName: 'Block b' });
  });

  it('keeps the exchange’s rules for any blocks, links and groups', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const drawnBlock = fc.record({
      id: fc.constantFrom(...ids),
      price: fc.integer({ min: 0, max: 100 }),
      volume: fc.integer({ min: -20, max: 20 }).filter((volume) => volume !== 0),
      periods: fc.subarray([1, 2, 3, 4], { minLength: 1 }),
      parentBlockId: fc.option(fc.constantFrom(...ids, 'missing')),
      exclusiveGroup: fc.option(fc.constantFrom('one', 'two')),
    });
    const drawnBlocks = fc.uniqueArray(drawnBlock, { selector: (drawn) => drawn.id, minLength: 1, maxLength: ids.length });
    fc.assert(
      fc.property(drawnBlocks, (drawn) => {
        const blocks = drawn.map(({ id, price, volume, periods, parentBlockId, exclusiveGroup }) =>
          block(
            id,
            price,
            periods.map((period): [number, number] => [period, volume]),
            { parentBlockId, exclusiveGroup },
          ),
        );
        const decisions = decideBlocks(blocks, PRICES);
        expect([...decisions.keys()].sort()).toEqual(blocks.map(({ id }) => id).sort());
        for (const candidate of blocks) {
          const decision = decisions.get(candidate.id);
          if (decision?.accepted !== true) continue;
          expect(decision.surplus >= 0n).toBe(true);
          if (candidate.parentBlockId !== null) expect(decisions.get(candidate.parentBlockId)?.accepted).toBe(true);
        }
        for (const group of ['one', 'two']) expect(blocks.filter((candidate) => candidate.exclusiveGroup === group && decisions.get(candidate.id)?.accepted).length).toBeLessThanOrEqual(1);
        // A block with no link and no group is accepted exactly when it is in the money.
        for (const loose of blocks.filter((candidate) => candidate.parentBlockId === null && candidate.exclusiveGroup === null)) {
          const decision = decisions.get(loose.id);
          expect(decision?.accepted).toBe(decision !== undefined && decision.surplus >= 0n);
        }
      }),
    );
  });
});
