import type { Logger } from 'pino';
import { copyAlertRules } from '../alerts/alert-rule-copies.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import { OrganizationRepository } from '../db/repositories/organization-repository.js';
import type { SqlParam } from '../db/sql/executor.js';
import type { OfflineBids } from './offline-bids.js';

const DAY_MS = 86_400_000;
/** How far back the cache keeps the organisation's bids: the days a trader looks at and copies from. */
const RECENT_BID_DAYS = 7;
const RECENT_BID_LIMIT = 500;

const SITE_COLUMNS = 'id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw, version, created_at, updated_at';
const ASSET_COLUMNS =
  'id, organization_id, site_id, name, kind, zone_id, capacity_kw, energy_capacity_kwh, round_trip_efficiency_bp, soc_min_bp, soc_max_bp, max_charge_kw, max_discharge_kw, status, version, created_at, updated_at';
const SELECT_SITES = `SELECT ${SITE_COLUMNS} FROM sites WHERE organization_id = ?`;
const SELECT_ASSETS = `SELECT ${ASSET_COLUMNS} FROM assets WHERE organization_id = ?`;
const PUT_SITE = `INSERT INTO sites (${SITE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, latitude = excluded.latitude, longitude = excluded.longitude, zone_id = excluded.zone_id,
    grid_capacity_kw = excluded.grid_capacity_kw, version = excluded.version, updated_at = excluded.updated_at`;
const PUT_ASSET = `INSERT INTO assets (${ASSET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET site_id = excluded.site_id, name = excluded.name, kind = excluded.kind, zone_id = excluded.zone_id, capacity_kw = excluded.capacity_kw,
    energy_capacity_kwh = excluded.energy_capacity_kwh, round_trip_efficiency_bp = excluded.round_trip_efficiency_bp, soc_min_bp = excluded.soc_min_bp, soc_max_bp = excluded.soc_max_bp,
    max_charge_kw = excluded.max_charge_kw, max_discharge_kw = excluded.max_discharge_kw, status = excluded.status, version = excluded.version, updated_at = excluded.updated_at`;

/** ' AND id NOT IN (?, …)' for a non-empty list of ids bound as parameters; nothing for none. */
const notAmong = (ids: readonly string[]): string => (ids.length === 0 ? '' : ` AND id NOT IN (${ids.map(() => '?').join(', ')})`);

/** A row's values in column order; PostgreSQL's bigint arrives as text, which SQLite stores back as the integer it spells. */
const valuesOf = (row: Record<string, unknown>, columns: string): SqlParam[] => columns.split(', ').map((column) => row[column] as SqlParam);

/**
 * The organisation's settings, sites and assets as the shared database has them, copied into the
 * cache in one local transaction; sites and assets deleted there go here too, unless a cached bid
 * still names them.
 */
export async function copyReferenceData(databases: Pick<Databases, 'primary' | 'local'>, organizationId: string): Promise<{ sites: number; assets: number }> {
  const { primary, local } = databases;
  const settings = await primary.organizations.settings(organizationId);
  const sites = await primary.sql.all<Record<string, unknown>>(SELECT_SITES, [organizationId]);
  const assets = await primary.sql.all<Record<string, unknown>>(SELECT_ASSETS, [organizationId]);
  await local.sql.transaction(async (tx) => {
    await new OrganizationRepository(tx).replaceSettings(organizationId, settings);
    const assetIds = assets.map((asset) => String(asset.id));
    const siteIds = sites.map((site) => String(site.id));
    let exclusion = notAmong(assetIds);
    await tx.run(`DELETE FROM assets WHERE organization_id = ? AND id NOT IN (SELECT asset_id FROM bids WHERE asset_id IS NOT NULL)${exclusion}`, [organizationId, ...assetIds]);
    exclusion = notAmong(siteIds);
    await tx.run(`DELETE FROM sites WHERE organization_id = ? AND id NOT IN (SELECT site_id FROM assets WHERE site_id IS NOT NULL)${exclusion}`, [organizationId, ...siteIds]);
    for (const site of sites) await tx.run(PUT_SITE, valuesOf(site, SITE_COLUMNS));
    for (const asset of assets) await tx.run(PUT_ASSET, valuesOf(asset, ASSET_COLUMNS));
  });
  return { sites: sites.length, assets: assets.length };
}

/**
 * Keeps the local cache current while the shared database answers: for every organisation a
 * trader of this terminal signed into, its settings, sites and assets, then its recent bids (parents
 * before the bids that reference them); then those traders' alert rules. Bids with writes waiting
 * here, or a conflict open, keep the local version.
 */
export async function refreshCache(databases: Databases, offline: OfflineBids, clock: Clock, logger: Logger): Promise<void> {
  const { primary, local } = databases;
  const organizations = await local.sql.all<{ id: string }>('SELECT id FROM organizations');
  const from = new Date(clock.now().getTime() - RECENT_BID_DAYS * DAY_MS).toISOString().slice(0, 10);
  for (const { id } of organizations) {
    const { sites, assets } = await copyReferenceData(databases, id);
    const bids = await primary.bids.list({ organizationId: id, from, limit: RECENT_BID_LIMIT });
    await offline.keepAll(bids.map((bid) => ({ bidId: bid.id, replayedSeq: null, copy: bid })));
    logger.debug({ organizationId: id, sites, assets, bids: bids.length }, 'Local cache refreshed');
  }
  const alertRules = await copyAlertRules(databases);
  logger.debug({ alertRules }, 'Alert rules cached');
}
