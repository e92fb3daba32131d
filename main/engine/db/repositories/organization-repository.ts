import type { Role } from '../../../../shared/api/auth.js';
import { asDate, asJson, type SqlExecutor } from '../sql/executor.js';

export interface OrganizationRecord {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended' | 'deleted';
  defaultCurrency: string;
  createdAt: Date;
}

export interface Membership {
  organizationId: string;
  organizationName: string;
  role: Role;
}

interface Row {
  id: string;
  name: string;
  slug: string;
  status: OrganizationRecord['status'];
  default_currency: string;
  created_at: unknown;
}

const COLUMNS = 'id, name, slug, status, default_currency, created_at';
const decode = (row: Row): OrganizationRecord => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  status: row.status,
  defaultCurrency: row.default_currency,
  createdAt: asDate(row.created_at),
});

/** Organisations and who belongs to them, with which role. */
export class OrganizationRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(organization: Omit<OrganizationRecord, 'status'>): Promise<OrganizationRecord> {
    const row = await this.sql.one<Row>(
      `INSERT INTO organizations (id, name, slug, default_currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
      [organization.id, organization.name, organization.slug, organization.defaultCurrency, organization.createdAt, organization.createdAt],
    );
    if (!row) throw new Error('organization insert returned no row');
    return decode(row);
  }

  /** Stores a copy of an organisation row from the shared database (the local identity cache). */
  async upsertCopy(organization: OrganizationRecord, at: Date): Promise<void> {
    await this.sql.run(
      `INSERT INTO organizations (id, name, slug, status, default_currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug, status = excluded.status, default_currency = excluded.default_currency, updated_at = excluded.updated_at`,
      [organization.id, organization.name, organization.slug, organization.status, organization.defaultCurrency, organization.createdAt, at],
    );
  }

  async get(id: string): Promise<OrganizationRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM organizations WHERE id = ?`, [id]);
    return row ? decode(row) : null;
  }

  async addMember(organizationId: string, userId: string, role: Role, at: Date, invitedBy: string | null = null): Promise<void> {
    await this.sql.run('INSERT INTO user_organizations (user_id, organization_id, role, invited_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
      userId,
      organizationId,
      role,
      invitedBy,
      at,
      at,
    ]);
  }

  async page(limit: number, offset: number): Promise<(OrganizationRecord & { members: number })[]> {
    const rows = await this.sql.all<Row & { members: unknown }>(
      `SELECT o.id, o.name, o.slug, o.status, o.default_currency, o.created_at, (SELECT count(*) FROM user_organizations m WHERE m.organization_id = o.id) AS members
       FROM organizations o ORDER BY o.created_at, o.id LIMIT ? OFFSET ?`,
      [limit, offset],
    );
    return rows.map((row) => ({ ...decode(row), members: Number(row.members) }));
  }

  async count(): Promise<number> {
    return (await this.sql.one<{ n: number }>('SELECT count(*) AS n FROM organizations'))?.n ?? 0;
  }

  async rename(id: string, name: string, at: Date): Promise<void> {
    await this.sql.run('UPDATE organizations SET name = ?, updated_at = ? WHERE id = ?', [name, at, id]);
  }

  /** Soft delete: the rows stay for the audit trail, the organisation disappears from every list. */
  async markDeleted(id: string, at: Date): Promise<void> {
    await this.sql.run("UPDATE organizations SET status = 'deleted', updated_at = ? WHERE id = ?", [at, id]);
  }

  async members(organizationId: string): Promise<{ userId: string; email: string; displayName: string; role: Role; since: Date }[]> {
    const rows = await this.sql.all<{ user_id: string; email: string; display_name: string; role: Role; created_at: unknown }>(
      `SELECT m.user_id, u.email, u.display_name, m.role, m.created_at FROM user_organizations m JOIN users u ON u.id = m.user_id
       WHERE m.organization_id = ? AND u.status <> 'deleted' ORDER BY u.display_name, u.id`,
      [organizationId],
    );
    return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, role: r.role, since: asDate(r.created_at) }));
  }

  /** Organisations the user alone owns: closing the account would leave them without an owner. */
  async soleOwnerships(userId: string): Promise<string[]> {
    const rows = await this.sql.all<{ organization_id: string }>(
      `SELECT m.organization_id FROM user_organizations m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = ? AND m.role = 'owner' AND o.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM user_organizations x WHERE x.organization_id = m.organization_id AND x.role = 'owner' AND x.user_id <> m.user_id)`,
      [userId],
    );
    return rows.map((r) => r.organization_id);
  }

  async removeAllMemberships(userId: string): Promise<void> {
    await this.sql.run('DELETE FROM user_organizations WHERE user_id = ?', [userId]);
  }

  async setRole(organizationId: string, userId: string, role: Role, at: Date): Promise<void> {
    await this.sql.run('UPDATE user_organizations SET role = ?, updated_at = ? WHERE organization_id = ? AND user_id = ?', [role, at, organizationId, userId]);
  }

  async removeMember(organizationId: string, userId: string): Promise<void> {
    await this.sql.run('DELETE FROM user_organizations WHERE organization_id = ? AND user_id = ?', [organizationId, userId]);
  }

  async ownerCount(organizationId: string): Promise<number> {
    return (await this.sql.one<{ n: number }>("SELECT count(*) AS n FROM user_organizations WHERE organization_id = ? AND role = 'owner'", [organizationId]))?.n ?? 0;
  }

  /** The caller's role in an active organisation, or null (not a member, or deleted). */
  async roleOf(userId: string, organizationId: string): Promise<Role | null> {
    const row = await this.sql.one<{ role: Role }>(
      "SELECT m.role FROM user_organizations m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = ? AND m.organization_id = ? AND o.status = 'active'",
      [userId, organizationId],
    );
    return row?.role ?? null;
  }

  /** Owners and admins of every organisation the user belongs to (the user excluded). */
  async administratorsOf(userId: string): Promise<{ userId: string; organizationId: string }[]> {
    const rows = await this.sql.all<{ user_id: string; organization_id: string }>(
      `SELECT a.user_id, a.organization_id FROM user_organizations m
       JOIN user_organizations a ON a.organization_id = m.organization_id AND a.role IN ('owner', 'admin')
       WHERE m.user_id = ? AND a.user_id <> ? ORDER BY a.organization_id, a.user_id`,
      [userId, userId],
    );
    return rows.map((r) => ({ userId: r.user_id, organizationId: r.organization_id }));
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    const rows = await this.sql.all<{ organization_id: string; name: string; role: Role }>(
      `SELECT m.organization_id, o.name, m.role FROM user_organizations m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = ? AND o.status = 'active' ORDER BY o.name, o.id`,
      [userId],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, organizationName: r.name, role: r.role }));
  }

  /** The organisation's settings object ({} when it has none or does not exist). */
  async settings(id: string): Promise<Record<string, unknown>> {
    const row = await this.sql.one<{ settings: unknown }>('SELECT settings FROM organizations WHERE id = ?', [id]);
    return row ? (asJson(row.settings) as Record<string, unknown>) : {};
  }

  /** Replaces the whole settings object: the local cache taking the shared database's copy. */
  async replaceSettings(id: string, settings: Record<string, unknown>): Promise<void> {
    await this.sql.run('UPDATE organizations SET settings = ? WHERE id = ?', [settings, id]);
  }

  /**
   * Sets one key of the settings and keeps the others. The first UPDATE takes the row's lock, so
   * two concurrent changes of different keys cannot read the same old object and lose one.
   */
  async putSetting(id: string, key: string, value: unknown, at: Date): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.run('UPDATE organizations SET updated_at = ? WHERE id = ?', [at, id]);
      const current = await new OrganizationRepository(tx).settings(id);
      await tx.run('UPDATE organizations SET settings = ? WHERE id = ?', [{ ...current, [key]: value }, id]);
    });
  }
}
