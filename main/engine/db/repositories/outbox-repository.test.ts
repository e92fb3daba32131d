import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqliteStorePerTest } from '../../../testing/sqlite-store-per-test.js';
import type { OutboxEntry } from './outbox-repository.js';

const organizationId = randomUUID();
const userId = randomUUID();
const entry = (operation: OutboxEntry['operation'], resourceId: string, at: number): OutboxEntry => ({
  opId: randomUUID(),
  organizationId,
  userId,
  operation,
  resourceId,
  baseVersion: operation === 'bid.create' ? null : 1,
  payload: { note: `${operation} at ${String(at)}` },
  createdAt: new Date(at),
});

describe('the local outbox', () => {
  const local = sqliteStorePerTest();

  it('keeps a queued write only when the change it carries is kept: one transaction for both', async () => {
    const bid = randomUUID();
    await expect(
      local.store.transactionWithOutbox(async (_repositories, outbox) => {
        await outbox.enqueue(entry('bid.create', bid, 1000));
        throw new Error('the change failed after queueing');
      }),
    ).rejects.toThrow('the change failed');
    expect(await local.store.outbox.pendingCount()).toBe(0);

    await local.store.transactionWithOutbox((_repositories, outbox) => outbox.enqueue(entry('bid.create', bid, 1000)));
    expect(await local.store.outbox.pendingCount()).toBe(1);
    expect(await local.store.outbox.hasPending(bid)).toBe(true);
  });

  it('hands out writes in the order they were made, an interrupted one first, and keeps the settled ones as history', async () => {
    const bid = randomUUID();
    const first = await local.store.outbox.enqueue(entry('bid.create', bid, 1000));
    const second = await local.store.outbox.enqueue(entry('bid.update', bid, 2000));
    const third = await local.store.outbox.enqueue(entry('bid.submit', bid, 3000));

    const seqsOf = async (limit = 10) => (await local.store.outbox.nextBatch(limit)).map((op) => op.seq);
    // Three writes of one bid: each a batch of its own, a later one building on the earlier.
    expect(await seqsOf()).toEqual([first]);
    await local.store.outbox.markInFlight([first], new Date(4000));
    // The terminal stopped with the first in flight: it is handed out again before the others.
    expect(await local.store.outbox.nextBatch(10)).toMatchObject([{ seq: first, state: 'in_flight', attempts: 1, payload: { note: 'bid.create at 1000' } }]);
    await local.store.outbox.release([first], 'connection lost');
    expect(await local.store.outbox.nextBatch(10)).toMatchObject([{ seq: first, state: 'pending', lastError: 'connection lost' }]);

    await local.store.outbox.markDone([first], new Date(5000));
    await local.store.outbox.markSettled(second, 'conflict', new Date(6000), 'changed on the server meanwhile');
    expect(await seqsOf()).toEqual([third]);
    expect(await local.store.outbox.pendingCount()).toBe(1);
    expect(await local.store.outbox.lastDoneAt()).toEqual(new Date(5000));

    await local.store.outbox.markDone([third], new Date(7000), 'expired: the gate closed while offline');
    expect(await seqsOf()).toEqual([]);
    expect(await local.store.outbox.hasPending(bid)).toBe(false);
    const list = await local.store.outbox.listOf(organizationId, 10);
    expect(list.map((op) => [op.seq, op.state, op.lastError])).toEqual([
      [third, 'done', 'expired: the gate closed while offline'],
      [second, 'conflict', 'changed on the server meanwhile'],
      [first, 'done', null],
    ]);
    expect(await local.store.outbox.listOf(randomUUID(), 10)).toEqual([]);
  });

  it('batches writes of distinct bids in order, ending before a second write of any one bid, at most the limit', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const seqs = [];
    for (const [operation, bid] of [['bid.create', a], ['bid.create', b], ['bid.create', c], ['bid.update', b], ['bid.update', a]] as const) seqs.push(await local.store.outbox.enqueue(entry(operation, bid, 1000 + seqs.length)));
    const seqsOf = async (limit: number) => (await local.store.outbox.nextBatch(limit)).map((op) => op.seq);

    expect(await seqsOf(2)).toEqual(seqs.slice(0, 2));
    expect(await seqsOf(10)).toEqual(seqs.slice(0, 3));
    await local.store.outbox.markInFlight(seqs.slice(0, 3), new Date(5000));
    expect((await local.store.outbox.listOf(organizationId, 10)).filter((op) => op.state === 'in_flight').map((op) => op.seq)).toEqual(seqs.slice(0, 3).reverse());
    await local.store.outbox.markDone(seqs.slice(0, 3), new Date(6000));
    // The edits of b and a are of distinct bids again: one batch.
    expect(await seqsOf(10)).toEqual(seqs.slice(3));
    expect(await local.store.outbox.pendingCount()).toBe(2);
  });

  it('refuses a second entry with the same operation id', async () => {
    const queued = entry('bid.create', randomUUID(), 1000);
    await local.store.outbox.enqueue(queued);
    await expect(local.store.outbox.enqueue(queued)).rejects.toThrow(/UNIQUE/);
    expect(await local.store.outbox.pendingCount()).toBe(1);
  });
});
