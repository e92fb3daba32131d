import { asDate, asDateOrNull, type SqlExecutor } from '../sql/executor.js';

export type RevokeReason = 'logout' | 'rotated_reuse' | 'password_change' | 'password_reset' | 'admin' | 'expired';

export interface SessionRecord {
  id: string;
  userId: string;
  organizationId: string | null;
  familyId: string;
  refreshTokenHash: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  rotatedAt: Date | null;
  replacedBy: string | null;
  revokedAt: Date | null;
  revokeReason: RevokeReason | null;
}

interface Row {
  id: string;
  user_id: string;
  organization_id: string | null;
  family_id: string;
  refresh_token_hash: string;
  user_agent: string | null;
  ip: string | null;
  created_at: unknown;
  last_used_at: unknown;
  expires_at: unknown;
  rotated_at: unknown;
  replaced_by: string | null;
  revoked_at: unknown;
  revoke_reason: RevokeReason | null;
}

const COLUMNS = 'id, user_id, organization_id, family_id, refresh_token_hash, user_agent, ip, created_at, last_used_at, expires_at, rotated_at, replaced_by, revoked_at, revoke_reason';

const decode = (row: Row): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  organizationId: row.organization_id,
  familyId: row.family_id,
  refreshTokenHash: row.refresh_token_hash,
  userAgent: row.user_agent,
  ip: row.ip,
  createdAt: asDate(row.created_at),
  lastUsedAt: asDateOrNull(row.last_used_at),
  expiresAt: asDate(row.expires_at),
  rotatedAt: asDateOrNull(row.rotated_at),
  replacedBy: row.replaced_by,
  revokedAt: asDateOrNull(row.revoked_at),
  revokeReason: row.revoke_reason,
});

// Rotation and revocation only ever go from unset to set, so a merge keeps whichever side set
// them (and the later last use): copying in either direction (shared database to cache, offline sessions back) never
// un-revokes a session, and running it twice changes nothing. replaced_by is kept only when
// that session exists here (it is a foreign key); a second merge fills it in.
const MERGE = `INSERT INTO sessions (id, user_id, organization_id, family_id, refresh_token_hash, user_agent, ip, created_at, last_used_at, expires_at, rotated_at, replaced_by, revoked_at, revoke_reason)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT s.id FROM sessions s WHERE s.id = ?), ?, ?)
  ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id,
    last_used_at = CASE WHEN sessions.last_used_at IS NULL OR excluded.last_used_at > sessions.last_used_at THEN excluded.last_used_at ELSE sessions.last_used_at END,
    rotated_at = COALESCE(sessions.rotated_at, excluded.rotated_at),
    replaced_by = COALESCE(sessions.replaced_by, excluded.replaced_by),
    revoked_at = COALESCE(sessions.revoked_at, excluded.revoked_at),
    revoke_reason = COALESCE(sessions.revoke_reason, excluded.revoke_reason)`;

const REVOKE_ALL = 'UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE user_id = ? AND revoked_at IS NULL';

/** Refresh-token sessions: one row per token, rotated tokens chained in a family. */
export class SessionRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(session: Pick<SessionRecord, 'id' | 'userId' | 'organizationId' | 'familyId' | 'refreshTokenHash' | 'userAgent' | 'ip' | 'createdAt' | 'expiresAt'>): Promise<void> {
    await this.sql.run(
      'INSERT INTO sessions (id, user_id, organization_id, family_id, refresh_token_hash, user_agent, ip, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [session.id, session.userId, session.organizationId, session.familyId, session.refreshTokenHash, session.userAgent, session.ip, session.createdAt, session.expiresAt],
    );
  }

  /** Copies sessions from another database into this one (see MERGE); each appears once. */
  async merge(sessions: readonly SessionRecord[]): Promise<void> {
    const once = (s: SessionRecord): Promise<number> =>
      this.sql.run(MERGE, [s.id, s.userId, s.organizationId, s.familyId, s.refreshTokenHash, s.userAgent, s.ip, s.createdAt, s.lastUsedAt, s.expiresAt, s.rotatedAt, s.replacedBy, s.revokedAt, s.revokeReason]);
    for (const session of sessions) await once(session);
    // Second pass: a session replaced by one merged after it now finds its successor.
    for (const session of sessions.filter((s) => s.replacedBy !== null)) await once(session);
  }

  /** Every session of a sign-in: the first and each rotation of its refresh token. */
  async ofFamily(familyId: string): Promise<SessionRecord[]> {
    return (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM sessions WHERE family_id = ? ORDER BY created_at, id`, [familyId])).map(decode);
  }

  async get(id: string): Promise<SessionRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM sessions WHERE id = ?`, [id]);
    return row ? decode(row) : null;
  }

  async findByTokenHash(hash: string): Promise<SessionRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM sessions WHERE refresh_token_hash = ?`, [hash]);
    return row ? decode(row) : null;
  }

  async setOrganization(id: string, organizationId: string): Promise<void> {
    await this.sql.run('UPDATE sessions SET organization_id = ? WHERE id = ?', [organizationId, id]);
  }

  /** Marks a session's token used up, replaced by `replacedBy`; false if it was not still current. */
  async markRotated(id: string, replacedBy: string, at: Date): Promise<boolean> {
    const changed = await this.sql.run('UPDATE sessions SET rotated_at = ?, replaced_by = ?, last_used_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL', [at, replacedBy, at, id]);
    return changed === 1;
  }

  async revoke(id: string, reason: RevokeReason, at: Date): Promise<boolean> {
    return (await this.sql.run('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL', [at, reason, id])) === 1;
  }

  async revokeFamily(familyId: string, reason: RevokeReason, at: Date): Promise<number> {
    return this.sql.run('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE family_id = ? AND revoked_at IS NULL', [at, reason, familyId]);
  }

  async countActive(at: Date): Promise<number> {
    return (await this.sql.one<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?', [at]))?.n ?? 0;
  }

  /** The user's signed-in sessions: the current token of each family, not revoked, not expired. */
  async activeOf(userId: string, at: Date): Promise<SessionRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${COLUMNS} FROM sessions WHERE user_id = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC`,
      [userId, at],
    );
    return rows.map(decode);
  }

  /** Signs out every session of the user, optionally but one (the caller's own). */
  async revokeAllOf(userId: string, reason: RevokeReason, at: Date, exceptFamily: string | null = null): Promise<number> {
    return exceptFamily === null ? this.sql.run(REVOKE_ALL, [at, reason, userId]) : this.sql.run(`${REVOKE_ALL} AND family_id <> ?`, [at, reason, userId, exceptFamily]);
  }

}
