import { randomUUID } from 'node:crypto';
import { asBoolean, asDate, asJson, type SqlExecutor } from '../sql/executor.js';

export interface FeatureFlagRecord {
  key: string;
  organizationId: string | null;
  enabled: boolean;
  value: Record<string, unknown> | null;
  description: string | null;
  updatedAt: Date;
}

interface Row {
  key: string;
  organization_id: string | null;
  enabled: unknown;
  value: unknown;
  description: string | null;
  updated_at: unknown;
}

const COLUMNS = 'key, organization_id, enabled, value, description, updated_at';
const decode = (row: Row): FeatureFlagRecord => ({
  key: row.key,
  organizationId: row.organization_id,
  enabled: asBoolean(row.enabled),
  value: row.value === null ? null : (asJson(row.value) as Record<string, unknown>),
  description: row.description,
  updatedAt: asDate(row.updated_at),
});

/** Feature flags: a global default per key, and per-organisation overrides. */
export class FeatureFlagRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async list(): Promise<FeatureFlagRecord[]> {
    return (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM feature_flags ORDER BY key, organization_id`)).map(decode);
  }

  /** The organisation's own setting of a flag, else the global one, else null. */
  async resolve(key: string, organizationId: string | null): Promise<FeatureFlagRecord | null> {
    const rows = (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM feature_flags WHERE key = ? AND (organization_id IS NULL OR organization_id = ?)`, [key, organizationId])).map(decode);
    return rows.find((r) => r.organizationId !== null) ?? rows[0] ?? null;
  }

  /** Sets a flag (inserting or updating its one row for that scope); returns the previous state. */
  set(flag: FeatureFlagRecord & { updatedBy: string | null }): Promise<FeatureFlagRecord | null> {
    return this.sql.transaction(async (tx) => {
      const scope = flag.organizationId === null ? 'organization_id IS NULL' : 'organization_id = ?';
      const scopeParams = flag.organizationId === null ? [] : [flag.organizationId];
      const previousRow = await tx.one<Row>(`SELECT ${COLUMNS} FROM feature_flags WHERE key = ? AND ${scope}`, [flag.key, ...scopeParams]);
      const values = [flag.enabled, flag.value, flag.description, flag.updatedBy, flag.updatedAt];
      if (previousRow) {
        await tx.run(`UPDATE feature_flags SET enabled = ?, value = ?, description = ?, updated_by = ?, updated_at = ? WHERE key = ? AND ${scope}`, [...values, flag.key, ...scopeParams]);
      } else {
        await tx.run('INSERT INTO feature_flags (enabled, value, description, updated_by, updated_at, id, key, organization_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [...values, randomUUID(), flag.key, flag.organizationId]);
      }
      return previousRow ? decode(previousRow) : null;
    });
  }
}
