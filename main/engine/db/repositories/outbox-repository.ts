import { asDate, asDateOrNull, asJson, placeholdersFor, type SqlExecutor } from '../sql/executor.js';

export type OutboxOperation = 'bid.create' | 'bid.update' | 'bid.delete' | 'bid.submit' | 'bid.cancel';
export type OutboxState = 'pending' | 'in_flight' | 'done' | 'conflict' | 'failed';

/** A write accepted while the shared database was out of reach, to be replayed there in order. */
export interface OutboxEntry {
  /** Client-made id of the operation: the replay's idempotency key together with the resource ids. */
  opId: string;
  organizationId: string;
  userId: string;
  operation: OutboxOperation;
  resourceId: string;
  /** The version the change was made from (edits, deletions, submissions); null for a create. */
  baseVersion: number | null;
  /** The request as the trader made it, replayed as is. */
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface QueuedOperation extends OutboxEntry {
  seq: number;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  doneAt: Date | null;
}

interface Row {
  seq: number;
  op_id: string;
  organization_id: string;
  user_id: string;
  operation: OutboxOperation;
  resource_id: string;
  base_version: number | null;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  created_at: unknown;
  last_attempt_at: unknown;
  done_at: unknown;
}

const COLUMNS = 'seq, op_id, organization_id, user_id, operation, resource_id, base_version, payload, state, attempts, last_error, created_at, last_attempt_at, done_at';

const toOperation = (row: Row): QueuedOperation => ({
  seq: row.seq,
  opId: row.op_id,
  organizationId: row.organization_id,
  userId: row.user_id,
  operation: row.operation,
  resourceId: row.resource_id,
  baseVersion: row.base_version,
  payload: asJson(row.payload) as Record<string, unknown>,
  state: row.state,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: asDate(row.created_at),
  lastAttemptAt: asDateOrNull(row.last_attempt_at),
  doneAt: asDateOrNull(row.done_at),
});

/**
 * The local outbox (SQLite only, synchronous=FULL): writes accepted while the shared database
 * is out of reach, replayed there in the order they were made. An entry is written in the same
 * local transaction as the change it carries, so the trader's acknowledged draft and its queued
 * replay survive a kill -9 together or not at all. Every write queued is a bid's, and every
 * lookup by resource says so (resource_type = 'bid'): that is what lets it use the index on
 * (resource_type, resource_id) instead of walking every waiting write, once per write queued.
 */
export class OutboxRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async enqueue(entry: OutboxEntry): Promise<number> {
    const row = await this.sql.one<{ seq: number }>(
      "INSERT INTO outbox (op_id, organization_id, user_id, operation, resource_type, resource_id, base_version, payload, created_at) VALUES (?, ?, ?, ?, 'bid', ?, ?, ?, ?) RETURNING seq",
      [entry.opId, entry.organizationId, entry.userId, entry.operation, entry.resourceId, entry.baseVersion, entry.payload, entry.createdAt],
    );
    if (!row) throw new Error('the outbox insert returned no sequence number');
    return row.seq;
  }

  /** Writes not yet replayed: pending, or in flight when the terminal last stopped. */
  async pendingCount(): Promise<number> {
    const row = await this.sql.one<{ count: number }>("SELECT count(*) AS count FROM outbox WHERE state IN ('pending', 'in_flight')");
    return row?.count ?? 0;
  }

  /** The organisation's writes not yet replayed. */
  async pendingCountOf(organizationId: string): Promise<number> {
    const row = await this.sql.one<{ count: number }>("SELECT count(*) AS count FROM outbox WHERE organization_id = ? AND state IN ('pending', 'in_flight')", [organizationId]);
    return row?.count ?? 0;
  }

  /**
   * The oldest writes still to replay, in order, at most `limit`: in-flight ones come first (the
   * terminal stopped, or a reply was lost, while they were sent). The batch ends before a second
   * write of any one resource, so replaying a batch again finds each write's own result: a
   * later write of the same bid would have moved it on.
   */
  async nextBatch(limit: number): Promise<QueuedOperation[]> {
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM outbox WHERE state IN ('pending', 'in_flight') ORDER BY seq LIMIT ?`, [limit]);
    const batch: QueuedOperation[] = [];
    const resources = new Set<string>();
    for (const row of rows) {
      if (resources.has(row.resource_id)) break;
      resources.add(row.resource_id);
      batch.push(toOperation(row));
    }
    return batch;
  }

  async markInFlight(seqs: readonly number[], at: Date): Promise<void> {
    const placeholders = placeholdersFor(seqs);
    await this.sql.run(`UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, last_attempt_at = ? WHERE seq IN (${placeholders})`, [at, ...seqs]);
  }

  /** Back to the queue after a failed attempt (the database went away again), with why. */
  async release(seqs: readonly number[], error: string): Promise<void> {
    const placeholders = placeholdersFor(seqs);
    await this.sql.run(`UPDATE outbox SET state = 'pending', last_error = ? WHERE seq IN (${placeholders})`, [error, ...seqs]);
  }

  /** Replayed: `outcome` says what it became there (e.g. "expired: the gate closed at ..."), for the queue's history. */
  async markDone(seqs: readonly number[], at: Date, outcome: string | null = null): Promise<void> {
    const placeholders = placeholdersFor(seqs);
    await this.sql.run(`UPDATE outbox SET state = 'done', done_at = ?, last_error = ? WHERE seq IN (${placeholders})`, [at, outcome, ...seqs]);
  }

  /** Settled without being applied: a conflict waiting for the trader, or refused by the shared database. */
  async markSettled(seq: number, state: 'conflict' | 'failed', at: Date, reason: string): Promise<void> {
    await this.sql.run('UPDATE outbox SET state = ?, done_at = ?, last_error = ? WHERE seq = ?', [state, at, reason, seq]);
  }

  /** The organisation's queue as the trader sees it: what waits, then the most recent settled, newest first. */
  async listOf(organizationId: string, limit: number): Promise<QueuedOperation[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${COLUMNS} FROM outbox WHERE organization_id = ? ORDER BY CASE WHEN state IN ('pending', 'in_flight') THEN 0 ELSE 1 END, seq DESC LIMIT ?`,
      [organizationId, limit],
    );
    return rows.map(toOperation);
  }

  /** Whether a resource still has writes waiting: its cached copy must not be replaced by the server's yet. */
  async hasPending(resourceId: string): Promise<boolean> {
    return (await this.pendingAmong([resourceId])).size > 0;
  }

  /** Whether writes of the resource made after `seq` still wait. */
  async waitingAfter(resourceId: string, seq: number): Promise<boolean> {
    return (await this.sql.one("SELECT 1 AS waiting FROM outbox WHERE resource_type = 'bid' AND resource_id = ? AND seq > ? AND state IN ('pending', 'in_flight') LIMIT 1", [resourceId, seq])) !== null;
  }

  /** Of these resources, the ones with writes still waiting. */
  async pendingAmong(resourceIds: readonly string[]): Promise<Set<string>> {
    if (resourceIds.length === 0) return new Set();
    const placeholders = placeholdersFor(resourceIds);
    const rows = await this.sql.all<{ resource_id: string }>(
      `SELECT DISTINCT resource_id FROM outbox WHERE resource_type = 'bid' AND resource_id IN (${placeholders}) AND state IN ('pending', 'in_flight')`,
      [...resourceIds],
    );
    return new Set(rows.map((row) => row.resource_id));
  }

  /** Settles the resource's later writes still waiting (after a conflict): they were made on a version the trader has not chosen yet. */
  async holdLaterOf(resourceId: string, afterSeq: number, at: Date, reason: string): Promise<number> {
    return this.sql.run("UPDATE outbox SET state = 'conflict', done_at = ?, last_error = ? WHERE resource_type = 'bid' AND resource_id = ? AND seq > ? AND state IN ('pending', 'in_flight')", [at, reason, resourceId, afterSeq]);
  }

  /** The last time a write reached the shared database. */
  async lastDoneAt(): Promise<Date | null> {
    const row = await this.sql.one<{ at: unknown }>("SELECT max(done_at) AS at FROM outbox WHERE state = 'done'");
    return asDateOrNull(row?.at);
  }
}
