import { asDate, type SqlExecutor } from '../sql/executor.js';

/** A site as stored: capacities in integer kW. */
export interface SiteRecord {
  id: string;
  organizationId: string;
  name: string;
  latitude: number;
  longitude: number;
  zoneId: string;
  gridCapacityKw: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A site as read, with how many assets sit at it and their summed rated power (kW). */
export interface SiteView extends SiteRecord {
  assetCount: number;
  installedCapacityKw: number;
}

interface Row {
  id: string;
  organization_id: string;
  name: string;
  latitude: number;
  longitude: number;
  zone_id: string;
  grid_capacity_kw: number;
  version: number;
  created_at: unknown;
  updated_at: unknown;
  asset_count: number;
  installed_kw: number | string;
}

const SELECT = `SELECT s.id, s.organization_id, s.name, s.latitude, s.longitude, s.zone_id, s.grid_capacity_kw, s.version, s.created_at, s.updated_at,
  (SELECT count(*) FROM assets a WHERE a.site_id = s.id) AS asset_count,
  (SELECT coalesce(sum(a.capacity_kw), 0) FROM assets a WHERE a.site_id = s.id) AS installed_kw
  FROM sites s`;

/** Stands for "no site to except": a valid uuid (PostgreSQL compares uuids) no row has. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const decode = (row: Row): SiteView => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  latitude: row.latitude,
  longitude: row.longitude,
  zoneId: row.zone_id,
  gridCapacityKw: row.grid_capacity_kw,
  version: row.version,
  createdAt: asDate(row.created_at),
  updatedAt: asDate(row.updated_at),
  assetCount: row.asset_count,
  // sum(bigint) is numeric in PostgreSQL and arrives as text; kW sums stay far below 2^53.
  installedCapacityKw: Number(row.installed_kw),
});

/** Sites, each its organisation's alone: every read and write names the organisation too. */
export class SiteRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(site: SiteRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO sites (id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [site.id, site.organizationId, site.name, site.latitude, site.longitude, site.zoneId, site.gridCapacityKw, site.version, site.createdAt, site.updatedAt],
    );
  }

  /** Replaces the site if it is still at `site.version - 1`; false when it is not (changed since, or gone). */
  async replace(site: SiteRecord): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE sites SET name = ?, latitude = ?, longitude = ?, zone_id = ?, grid_capacity_kw = ?, version = ?, updated_at = ? WHERE id = ? AND organization_id = ? AND version = ?',
      [site.name, site.latitude, site.longitude, site.zoneId, site.gridCapacityKw, site.version, site.updatedAt, site.id, site.organizationId, site.version - 1],
    );
    return changed === 1;
  }

  async delete(id: string, organizationId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM sites WHERE id = ? AND organization_id = ?', [id, organizationId])) === 1;
  }

  async get(id: string, organizationId: string): Promise<SiteView | null> {
    const row = await this.sql.one<Row>(`${SELECT} WHERE s.id = ? AND s.organization_id = ?`, [id, organizationId]);
    return row ? decode(row) : null;
  }

  /** The organisation's sites by name, in one zone or all. */
  async listOf(organizationId: string, zoneId?: string): Promise<SiteView[]> {
    const rows = zoneId
      ? await this.sql.all<Row>(`${SELECT} WHERE s.organization_id = ? AND s.zone_id = ? ORDER BY s.name, s.id`, [organizationId, zoneId])
      : await this.sql.all<Row>(`${SELECT} WHERE s.organization_id = ? ORDER BY s.name, s.id`, [organizationId]);
    return rows.map(decode);
  }

  /** Whether another site of the organisation (not `exceptId`) has this name. */
  async nameTaken(organizationId: string, name: string, exceptId: string | null): Promise<boolean> {
    const row = await this.sql.one('SELECT 1 AS taken FROM sites WHERE organization_id = ? AND name = ? AND id <> ?', [organizationId, name, exceptId ?? NIL_UUID]);
    return row !== null;
  }
}
