import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/canonical-json.js';
import { asDate, asJson, valuesStatement, type SqlExecutor, type SqlParam } from '../sql/executor.js';

/** What one audited write records. Summaries are small JSON objects, never secrets. */
export interface AuditEntry {
  id: string;
  occurredAt: Date;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string | null;
  organizationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  id: string;
  /** content_changed: the row is not what was hashed; broken_link: a row before it is missing, moved or changed. */
  reason: 'content_changed' | 'broken_link';
}

export interface AuditFilter {
  actorId?: string;
  organizationId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
}

export const GENESIS_HASH = '0'.repeat(64);
const COLUMNS = 'seq, id, occurred_at, actor_kind, actor_id, organization_id, action, resource_type, resource_id, before_summary, after_summary, request_id, ip, prev_hash, hash';
const VERIFY_PAGE = 1000;
const INSERT_ENTRIES =
  'INSERT INTO audit_logs (id, occurred_at, actor_kind, actor_id, organization_id, action, resource_type, resource_id, before_summary, after_summary, request_id, ip, prev_hash, hash) VALUES ';
const ENTRY_WIDTH = 14;
const RETURNING_ENTRIES = ` RETURNING ${COLUMNS}`;
/** Well inside both databases' parameter limits. */
const ENTRIES_PER_STATEMENT = 500;

interface Row {
  seq: number;
  id: string;
  occurred_at: unknown;
  actor_kind: AuditEntry['actorKind'];
  actor_id: string | null;
  organization_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  before_summary: unknown;
  after_summary: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

const decode = (row: Row): AuditRecord => ({
  seq: row.seq,
  id: row.id,
  occurredAt: asDate(row.occurred_at),
  actorKind: row.actor_kind,
  actorId: row.actor_id,
  organizationId: row.organization_id,
  action: row.action,
  resourceType: row.resource_type,
  resourceId: row.resource_id,
  before: row.before_summary === null ? null : (asJson(row.before_summary) as Record<string, unknown>),
  after: row.after_summary === null ? null : (asJson(row.after_summary) as Record<string, unknown>),
  requestId: row.request_id,
  ip: row.ip,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The hash of a row: SHA-256 of its predecessor's hash and its own canonical content. */
export function auditHash(entry: AuditEntry, prevHash: string): string {
  const content = canonicalJson({
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    organizationId: entry.organizationId,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    before: entry.before,
    after: entry.after,
    requestId: entry.requestId,
    ip: entry.ip,
    prevHash,
  });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The audit log as a hash chain. Appends are serialised (PostgreSQL: an advisory lock held to
 * the end of the transaction; SQLite: its single connection) and the database refuses two
 * rows on one predecessor (prev_hash is unique), so concurrent writers cannot fork the chain.
 * Append inside the transaction of the write being audited, so both land or neither does.
 */
export class AuditRepository {
  /**
   * The chain's head after this repository's last append, while its transaction holds the
   * chain: nobody else can append until it ends, so the next append of the same transaction
   * (a batch of replayed writes) needs neither the lock nor the head again. A head gone stale
   * anyway (a savepoint rolled back around it) is refused by prev_hash's uniqueness, never forked.
   */
  private head: string | null = null;
  /** Entries written while appends are held (appendingTogether), in order. */
  private held: AuditEntry[] | null = null;

  constructor(private readonly sql: SqlExecutor) {}

  async append(entry: AuditEntry): Promise<AuditRecord> {
    const [record] = await this.appendAll([entry]);
    if (!record) throw new Error('audit insert returned no row');
    return record;
  }

  /** Appends the entry, or, while `appendingTogether` holds this transaction's appends, keeps it for then. */
  async write(entry: AuditEntry): Promise<void> {
    if (this.held) this.held.push(entry);
    else await this.append(entry);
  }

  /**
   * Runs `work` with this transaction's writes held, then appends them in the order written,
   * chained, in one statement: the audit of a batch of writes costs one round trip, not one each.
   * Nothing is appended if `work` throws.
   */
  async appendingTogether<T>(work: () => Promise<T>): Promise<T> {
    if (!this.sql.inTransaction) throw new Error('audit entries are held only within a transaction');
    this.held = [];
    try {
      const result = await work();
      await this.appendAll(this.held);
      return result;
    } finally {
      this.held = null;
    }
  }

  /** Appends entries in order, each chained to the one before, in as few statements as the parameter limits allow. */
  private async appendAll(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    return this.sql.atomic(async (tx) => {
      let prevHash = this.head ?? (await this.lockedHead(tx));
      const records: AuditRecord[] = [];
      for (let start = 0; start < entries.length; start += ENTRIES_PER_STATEMENT) {
        const params: SqlParam[] = [];
        for (const entry of entries.slice(start, start + ENTRIES_PER_STATEMENT)) {
          const hash = auditHash(entry, prevHash);
          params.push(entry.id, entry.occurredAt, entry.actorKind, entry.actorId, entry.organizationId, entry.action, entry.resourceType, entry.resourceId, entry.before, entry.after, entry.requestId, entry.ip, prevHash, hash);
          prevHash = hash;
        }
        const rows = await tx.all<Row>(valuesStatement(INSERT_ENTRIES, ENTRY_WIDTH, params.length / ENTRY_WIDTH) + RETURNING_ENTRIES, params);
        records.push(...rows.map(decode).sort((a, b) => a.seq - b.seq));
      }
      // Outside a transaction the lock went with the append's own.
      if (this.sql.inTransaction) this.head = prevHash;
      return records;
    });
  }

  /** Takes the chain for the rest of the transaction and reads its head. */
  private async lockedHead(tx: SqlExecutor): Promise<string> {
    if (tx.dialect === 'postgres') await tx.one("SELECT pg_advisory_xact_lock(hashtext('optibid.audit_logs'))");
    const last = await tx.one<{ hash: string }>('SELECT hash FROM audit_logs ORDER BY seq DESC LIMIT 1');
    return last?.hash ?? GENESIS_HASH;
  }

  /** Newest first, filtered; pages backwards with `beforeSeq`. */
  async search(filter: AuditFilter): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: SqlParam[] = [];
    const add = (clause: string, value: SqlParam | undefined): void => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('actor_id = ?', filter.actorId);
    add('organization_id = ?', filter.organizationId);
    add('action = ?', filter.action);
    add('resource_type = ?', filter.resourceType);
    add('resource_id = ?', filter.resourceId);
    add('occurred_at >= ?', filter.from);
    add('occurred_at < ?', filter.to);
    add('seq < ?', filter.beforeSeq);
    // Only fixed clauses from above are joined here; every value is a parameter.
    const conditions = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM audit_logs ${conditions} ORDER BY seq DESC LIMIT ?`, [...params, filter.limit]);
    return rows.map(decode);
  }

  async count(): Promise<number> {
    return (await this.sql.one<{ n: number }>('SELECT count(*) AS n FROM audit_logs'))?.n ?? 0;
  }

  /** Walks the whole chain in order; the first row that does not hold, or null when all do. */
  async verify(): Promise<ChainBreak | null> {
    let prevHash = GENESIS_HASH;
    let after = 0;
    for (;;) {
      const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM audit_logs WHERE seq > ? ORDER BY seq LIMIT ?`, [after, VERIFY_PAGE]);
      for (const record of rows.map(decode)) {
        if (record.prevHash !== prevHash) return { seq: record.seq, id: record.id, reason: 'broken_link' };
        if (auditHash(record, record.prevHash) !== record.hash) return { seq: record.seq, id: record.id, reason: 'content_changed' };
        prevHash = record.hash;
        after = record.seq;
      }
      if (rows.length < VERIFY_PAGE) return null;
    }
  }
}
