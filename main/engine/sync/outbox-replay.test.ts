import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { steppingClock } from '../../testing/clock.js';
import { sqliteStorePerTest } from '../../testing/sqlite-store-per-test.js';
import type { OutboxOperation, QueuedOperation } from '../db/repositories/outbox-repository.js';
import { AppError } from '../http/app-error.js';
import { MOST_WRITES_PER_BATCH, OutboxReplay, type DrainReplay, type ReplayResult } from './outbox-replay.js';

class ConnectionLost extends Error {}

/**
 * A shared database for the replay to talk to, kept as a list of what it applied: each write
 * is applied, refused (an AppError), in conflict, or met by a lost connection, as the test says.
 * A batch is applied whole or not at all, as one transaction would be.
 */
class SharedDatabase {
  readonly applied: string[] = [];
  readonly batches: string[][] = [];
  refuse = new Set<string>();
  conflict = new Set<string>();
  /** The nth call (together or one, counting from 1) finds the connection gone. */
  loseConnectionAt: number | null = null;
  private calls = 0;

  drain(): DrainReplay {
    return {
      together: async (operations) => {
        this.call();
        if (operations.some((op) => this.refuse.has(op.opId) || this.conflict.has(op.opId))) return false;
        this.batches.push(operations.map((op) => op.opId));
        this.applied.push(...operations.map((op) => op.opId));
        return true;
      },
      one: async (operation: QueuedOperation): Promise<ReplayResult> => {
        this.call();
        if (this.refuse.has(operation.opId)) throw new AppError('validation_error', 'BID_INVALID', `refused ${operation.opId}`);
        if (this.conflict.has(operation.opId)) return { outcome: 'conflict', reason: `conflict ${operation.opId}` };
        this.applied.push(operation.opId);
        return { outcome: 'applied', note: null };
      },
    };
  }

  private call(): void {
    this.calls += 1;
    if (this.calls === this.loseConnectionAt) throw new ConnectionLost('connection terminated');
  }
}

const organizationId = randomUUID();
const userId = randomUUID();

describe('the outbox replay', () => {
  const local = sqliteStorePerTest();
  let shared: SharedDatabase;
  let replay: OutboxReplay;
  const clock = steppingClock('2026-11-26T10:00:00Z');

  /** Queues writes, one per [operation, bid name]; resolves with their op ids in order. */
  const queue = async (writes: readonly (readonly [OutboxOperation, string])[]): Promise<string[]> => {
    const bids = new Map<string, string>();
    const ids: string[] = [];
    for (const [operation, name] of writes) {
      const opId = randomUUID();
      if (!bids.has(name)) bids.set(name, randomUUID());
      await local.store.outbox.enqueue({ opId, organizationId, userId, operation, resourceId: bids.get(name) ?? '', baseVersion: null, payload: {}, createdAt: clock.now() });
      ids.push(opId);
    }
    return ids;
  };
  const states = async (): Promise<string[]> => (await local.store.outbox.listOf(organizationId, 500)).toReversed().map((op) => op.state);

  beforeEach(() => {
    shared = new SharedDatabase();
    replay = new OutboxReplay(local.store.outbox, () => shared.drain(), (error) => error instanceof ConnectionLost, clock, pino({ level: 'silent' }));
  });

  it('sends writes of distinct bids together, in order, starting a new batch at the second write of a bid', async () => {
    const [a1, b1, a2, c1, b2] = await queue([
      ['bid.create', 'a'],
      ['bid.create', 'b'],
      ['bid.update', 'a'],
      ['bid.create', 'c'],
      ['bid.update', 'b'],
    ]);
    expect(await replay.drain()).toEqual({ applied: 5, conflicts: 0, failed: 0, interrupted: false });
    expect(shared.batches).toEqual([
      [a1, b1],
      [a2, c1, b2],
    ]);
    expect(await states()).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('sends at most a batch at a time however long the queue', async () => {
    await queue(Array.from({ length: MOST_WRITES_PER_BATCH + 1 }, (_, i) => ['bid.create', `bid ${String(i)}`] as const));
    await replay.drain();
    expect(shared.batches.map((batch) => batch.length)).toEqual([MOST_WRITES_PER_BATCH]);
    // The last one is a batch of one: it goes on its own.
    expect(shared.applied).toHaveLength(MOST_WRITES_PER_BATCH + 1);
  });

  it('replays a batch one write at a time when one of them needs settling on its own: the others are applied, the refusal and the conflict kept with their reasons', async () => {
    const [a, b, c, d] = await queue([
      ['bid.create', 'a'],
      ['bid.submit', 'b'],
      ['bid.update', 'c'],
      ['bid.create', 'd'],
    ]);
    shared.refuse.add(b ?? '');
    shared.conflict.add(c ?? '');
    expect(await replay.drain()).toEqual({ applied: 2, conflicts: 1, failed: 1, interrupted: false });
    expect(shared.batches).toEqual([]);
    expect(shared.applied).toEqual([a, d]);
    const settled = (await local.store.outbox.listOf(organizationId, 10)).toReversed().map((op) => [op.state, op.lastError]);
    expect(settled).toEqual([
      ['done', null],
      ['failed', `refused ${String(b)}`],
      ['conflict', `conflict ${String(c)}`],
      ['done', null],
    ]);
  });

  it('puts a batch back in the queue when the database goes away while it is sent, and sends it again on the next drain', async () => {
    const ids = await queue([
      ['bid.create', 'a'],
      ['bid.create', 'b'],
    ]);
    shared.loseConnectionAt = 1;
    expect(await replay.drain()).toEqual({ applied: 0, conflicts: 0, failed: 0, interrupted: true });
    expect(await states()).toEqual(['pending', 'pending']);
    expect((await local.store.outbox.nextBatch(10)).map((op) => [op.attempts, op.lastError])).toEqual([
      [1, 'connection terminated'],
      [1, 'connection terminated'],
    ]);
    expect(await replay.drain()).toEqual({ applied: 2, conflicts: 0, failed: 0, interrupted: false });
    expect(shared.batches).toEqual([ids]);
  });

  it('going one at a time, puts the rest of the batch back when the database goes away midway', async () => {
    const [a, b, c] = await queue([
      ['bid.create', 'a'],
      ['bid.create', 'b'],
      ['bid.create', 'c'],
    ]);
    shared.refuse.add(a ?? '');
    // 1: the batch (refused as a whole), 2: a alone (refused), 3: b alone (the connection goes).
    shared.loseConnectionAt = 3;
    expect(await replay.drain()).toEqual({ applied: 0, conflicts: 0, failed: 1, interrupted: true });
    expect(await states()).toEqual(['failed', 'pending', 'pending']);
    shared.refuse.clear();
    await replay.drain();
    expect(shared.batches).toEqual([[b, c]]);
  });
});
