import { asBoolean, asDate, asDateOrNull, asJson, type SqlExecutor } from '../sql/executor.js';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  isPlatformAdmin: boolean;
  status: 'active' | 'disabled' | 'deleted';
  currentOrganizationId: string | null;
  lastLoginAt: Date | null;
  /** When the password was last set: a copy older than the floor's was checked against a superseded password. */
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_platform_admin: unknown;
  status: UserRecord['status'];
  current_organization_id: string | null;
  last_login_at: unknown;
  password_changed_at: unknown;
  created_at: unknown;
  updated_at: unknown;
}

const COLUMNS = 'id, email, display_name, password_hash, is_platform_admin, status, current_organization_id, last_login_at, password_changed_at, created_at, updated_at';

const decode = (row: Row): UserRecord => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  isPlatformAdmin: asBoolean(row.is_platform_admin),
  status: row.status,
  currentOrganizationId: row.current_organization_id,
  lastLoginAt: asDateOrNull(row.last_login_at),
  passwordChangedAt: asDate(row.password_changed_at),
  createdAt: asDate(row.created_at),
  updatedAt: asDate(row.updated_at),
});

export class UserRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(user: Omit<UserRecord, 'status' | 'lastLoginAt' | 'passwordChangedAt' | 'updatedAt'>): Promise<UserRecord> {
    const row = await this.sql.one<Row>(
      `INSERT INTO users (id, email, display_name, password_hash, is_platform_admin, current_organization_id, password_changed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
      [user.id, user.email, user.displayName, user.passwordHash, user.isPlatformAdmin, user.currentOrganizationId, user.createdAt, user.createdAt, user.createdAt],
    );
    if (!row) throw new Error('user insert returned no row');
    return decode(row);
  }

  async get(id: string): Promise<UserRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return row ? decode(row) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [email]);
    return row ? decode(row) : null;
  }

  async page(limit: number, offset: number): Promise<UserRecord[]> {
    return (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM users ORDER BY created_at, id LIMIT ? OFFSET ?`, [limit, offset])).map(decode);
  }

  /** Makes a user a platform administrator; false when there is no such user. */
  async grantPlatformAdmin(email: string, at: Date): Promise<UserRecord | null> {
    const row = await this.sql.one<Row>(`UPDATE users SET is_platform_admin = ?, updated_at = ? WHERE email = ? RETURNING ${COLUMNS}`, [true, at, email]);
    return row ? decode(row) : null;
  }

  async count(): Promise<number> {
    return (await this.sql.one<{ n: number }>('SELECT count(*) AS n FROM users'))?.n ?? 0;
  }

  async setCurrentOrganization(id: string, organizationId: string | null, at: Date): Promise<void> {
    await this.sql.run('UPDATE users SET current_organization_id = ?, updated_at = ? WHERE id = ?', [organizationId, at, id]);
  }

  async rename(id: string, displayName: string, at: Date): Promise<void> {
    await this.sql.run('UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?', [displayName, at, id]);
  }

  /** Closes an account: it can no longer sign in; its rows stay for the audit trail. */
  async markDeleted(id: string, at: Date): Promise<void> {
    await this.sql.run("UPDATE users SET status = 'deleted', current_organization_id = NULL, updated_at = ? WHERE id = ?", [at, id]);
  }

  /** The stored preferences object (possibly partial: older terminals may have written fewer keys). */
  async notificationPreferences(id: string): Promise<Record<string, unknown> | null> {
    const row = await this.sql.one<{ notification_preferences: unknown }>('SELECT notification_preferences FROM users WHERE id = ?', [id]);
    return row ? (asJson(row.notification_preferences) as Record<string, unknown>) : null;
  }

  async setNotificationPreferences(id: string, preferences: Record<string, unknown>, at: Date): Promise<void> {
    await this.sql.run('UPDATE users SET notification_preferences = ?, updated_at = ? WHERE id = ?', [preferences, at, id]);
  }

  async updatePassword(id: string, passwordHash: string, at: Date): Promise<void> {
    await this.sql.run('UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?', [passwordHash, at, at, id]);
  }

  /** Platform administrators, who see password resets of users without an organisation. */
  async platformAdminIds(): Promise<string[]> {
    return (await this.sql.all<{ id: string }>("SELECT id FROM users WHERE is_platform_admin = ? AND status = 'active' ORDER BY created_at", [true])).map((r) => r.id);
  }

  /**
   * Stores a copy of a user row from the shared database (the local identity cache). A stale
   * local account with the same email but another id (deleted and registered again on the
   * floor) is removed first: the email is unique.
   */
  async upsertCopy(user: UserRecord): Promise<void> {
    await this.sql.run('DELETE FROM users WHERE email = ? AND id <> ?', [user.email, user.id]);
    await this.sql.run(
      `INSERT INTO users (id, email, display_name, password_hash, is_platform_admin, status, current_organization_id, last_login_at, password_changed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name, password_hash = excluded.password_hash,
         is_platform_admin = excluded.is_platform_admin, status = excluded.status, current_organization_id = excluded.current_organization_id,
         last_login_at = excluded.last_login_at, password_changed_at = excluded.password_changed_at, updated_at = excluded.updated_at`,
      [user.id, user.email, user.displayName, user.passwordHash, user.isPlatformAdmin, user.status, user.currentOrganizationId, user.lastLoginAt, user.passwordChangedAt, user.createdAt, user.updatedAt],
    );
  }

  async recordLogin(id: string, at: Date, passwordHash?: string): Promise<void> {
    if (passwordHash) await this.sql.run('UPDATE users SET last_login_at = ?, password_hash = ?, failed_login_count = 0 WHERE id = ?', [at, passwordHash, id]);
    else await this.sql.run('UPDATE users SET last_login_at = ?, failed_login_count = 0 WHERE id = ?', [at, id]);
  }
}
