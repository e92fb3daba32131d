import type { Role } from '../../../../shared/api/auth.js';
import { asDate, asDateOrNull, type SqlExecutor } from '../sql/executor.js';

export interface ApiKeyRecord {
  id: string;
  organizationId: string;
  createdBy: string | null;
  name: string;
  prefix: string;
  secretHash: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  organization_id: string;
  created_by: string | null;
  name: string;
  prefix: string;
  secret_hash: string;
  role: Role;
  created_at: unknown;
  expires_at: unknown;
  revoked_at: unknown;
}

const COLUMNS = 'id, organization_id, created_by, name, prefix, secret_hash, role, created_at, expires_at, revoked_at';
const decode = (row: Row): ApiKeyRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  createdBy: row.created_by,
  name: row.name,
  prefix: row.prefix,
  secretHash: row.secret_hash,
  role: row.role,
  createdAt: asDate(row.created_at),
  expiresAt: asDateOrNull(row.expires_at),
  revokedAt: asDateOrNull(row.revoked_at),
});

/** API keys, stored as a lookup prefix and the hash of the whole key. */
export class ApiKeyRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(key: Omit<ApiKeyRecord, 'revokedAt'>): Promise<void> {
    await this.sql.run('INSERT INTO api_keys (id, organization_id, created_by, name, prefix, secret_hash, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      key.id,
      key.organizationId,
      key.createdBy,
      key.name,
      key.prefix,
      key.secretHash,
      key.role,
      key.createdAt,
      key.expiresAt,
    ]);
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = ?`, [prefix]);
    return row ? decode(row) : null;
  }

  async get(id: string, organizationId: string): Promise<ApiKeyRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ? AND organization_id = ?`, [id, organizationId]);
    return row ? decode(row) : null;
  }

  async listFor(organizationId: string): Promise<ApiKeyRecord[]> {
    return (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE organization_id = ? ORDER BY created_at DESC, id`, [organizationId])).map(decode);
  }

  /** Revokes a key of this organisation; false when there is none (or it was revoked already). */
  async revoke(id: string, organizationId: string, at: Date): Promise<boolean> {
    return (await this.sql.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND organization_id = ? AND revoked_at IS NULL', [at, id, organizationId])) === 1;
  }
}
