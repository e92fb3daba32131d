import { asDate, asDateOrNull, asJson, placeholdersFor, type SqlExecutor } from '../sql/executor.js';

/** A bid changed both here (offline) and on the shared database meanwhile: both versions, as the API showed them. */
export interface SyncConflictRecord {
  id: string;
  /** The queued write that found the conflict; its organisation scopes who may see it. */
  outboxSeq: number;
  bidId: string;
  local: unknown;
  remote: unknown;
  detectedAt: Date;
  resolvedAt: Date | null;
  resolution: 'kept_local' | 'kept_remote' | null;
}

interface Row {
  id: string;
  outbox_seq: number;
  resource_id: string;
  local_version: unknown;
  remote_version: unknown;
  detected_at: unknown;
  resolved_at: unknown;
  resolution: SyncConflictRecord['resolution'];
}

const COLUMNS = 'c.id, c.outbox_seq, c.resource_id, c.local_version, c.remote_version, c.detected_at, c.resolved_at, c.resolution';

const toConflict = (row: Row): SyncConflictRecord => ({
  id: row.id,
  outboxSeq: row.outbox_seq,
  bidId: row.resource_id,
  local: asJson(row.local_version),
  remote: asJson(row.remote_version),
  detectedAt: asDate(row.detected_at),
  resolvedAt: asDateOrNull(row.resolved_at),
  resolution: row.resolution,
});

/** Conflicts found by the outbox replay (SQLite only, beside the outbox): kept until the trader chooses a version. */
export class SyncConflictRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(conflict: Omit<SyncConflictRecord, 'resolvedAt' | 'resolution'>): Promise<void> {
    await this.sql.run("INSERT INTO sync_conflicts (id, outbox_seq, resource_type, resource_id, local_version, remote_version, detected_at) VALUES (?, ?, 'bid', ?, ?, ?, ?)", [
      conflict.id,
      conflict.outboxSeq,
      conflict.bidId,
      conflict.local as Record<string, unknown>,
      conflict.remote as Record<string, unknown>,
      conflict.detectedAt,
    ]);
  }

  /** The organisation's conflicts, open ones first, newest first. */
  async listOf(organizationId: string): Promise<SyncConflictRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${COLUMNS} FROM sync_conflicts c JOIN outbox o ON o.seq = c.outbox_seq WHERE o.organization_id = ? ORDER BY CASE WHEN c.resolved_at IS NULL THEN 0 ELSE 1 END, c.detected_at DESC`,
      [organizationId],
    );
    return rows.map(toConflict);
  }

  async get(organizationId: string, id: string): Promise<SyncConflictRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM sync_conflicts c JOIN outbox o ON o.seq = c.outbox_seq WHERE o.organization_id = ? AND c.id = ?`, [organizationId, id]);
    return row ? toConflict(row) : null;
  }

  /** Whether the bid has a conflict the trader has not resolved: its later queued writes wait for that choice. */
  async isOpen(bidId: string): Promise<boolean> {
    return (await this.sql.one("SELECT 1 AS open FROM sync_conflicts WHERE resource_type = 'bid' AND resource_id = ? AND resolved_at IS NULL", [bidId])) !== null;
  }

  /** Of these bids, the ones with an open conflict. */
  async openAmong(bidIds: readonly string[]): Promise<Set<string>> {
    if (bidIds.length === 0) return new Set();
    const placeholders = placeholdersFor(bidIds);
    const rows = await this.sql.all<{ resource_id: string }>(`SELECT resource_id FROM sync_conflicts WHERE resource_type = 'bid' AND resource_id IN (${placeholders}) AND resolved_at IS NULL`, [...bidIds]);
    return new Set(rows.map((row) => row.resource_id));
  }

  /** Marks an open conflict resolved; false when it was resolved already. */
  async resolve(id: string, resolution: 'kept_local' | 'kept_remote', at: Date): Promise<boolean> {
    return (await this.sql.run('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL', [at, resolution, id])) === 1;
  }
}
