import type { AssetKind, AssetStatus } from '../../../../shared/api/assets.js';
import { asDate, type SqlExecutor, type SqlParam } from '../sql/executor.js';
import { NIL_UUID } from './site-repository.js';

/** A storage asset's parameters as stored: kWh, kW and basis points. */
export interface StoredStorage {
  energyCapacityKwh: number;
  roundTripEfficiencyBp: number;
  socMinBp: number;
  socMaxBp: number;
  maxChargeKw: number;
  maxDischargeKw: number;
}

export interface AssetRecord {
  id: string;
  organizationId: string;
  siteId: string | null;
  name: string;
  kind: AssetKind;
  zoneId: string;
  capacityKw: number;
  storage: StoredStorage | null;
  status: AssetStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AssetFilter {
  kind?: AssetKind;
  zoneId?: string;
  siteId?: string;
  status?: AssetStatus;
}

interface Row {
  id: string;
  organization_id: string;
  site_id: string | null;
  name: string;
  kind: AssetKind;
  zone_id: string;
  capacity_kw: number;
  energy_capacity_kwh: number | null;
  round_trip_efficiency_bp: number | null;
  soc_min_bp: number | null;
  soc_max_bp: number | null;
  max_charge_kw: number | null;
  max_discharge_kw: number | null;
  status: AssetStatus;
  version: number;
  created_at: unknown;
  updated_at: unknown;
}

const STORAGE_COLUMNS = ['energy_capacity_kwh', 'round_trip_efficiency_bp', 'soc_min_bp', 'soc_max_bp', 'max_charge_kw', 'max_discharge_kw'] as const;
const COLUMNS = `id, organization_id, site_id, name, kind, zone_id, capacity_kw, ${STORAGE_COLUMNS.join(', ')}, status, version, created_at, updated_at`;
const UPDATE = `UPDATE assets SET site_id = ?, name = ?, kind = ?, zone_id = ?, capacity_kw = ?, ${STORAGE_COLUMNS.map((c) => `${c} = ?`).join(', ')}, status = ?, version = ?, updated_at = ?
  WHERE id = ? AND organization_id = ? AND version = ?`;

/** The list filters, each a fixed clause whose value is bound as a parameter. */
const FILTERS: [keyof AssetFilter, string][] = [
  ['kind', 'kind = ?'],
  ['zoneId', 'zone_id = ?'],
  ['siteId', 'site_id = ?'],
  ['status', 'status = ?'],
];

/** The storage parameters as their six columns' parameters (all null without storage). */
const storageValues = (storage: StoredStorage | null): SqlParam[] =>
  storage ? [storage.energyCapacityKwh, storage.roundTripEfficiencyBp, storage.socMinBp, storage.socMaxBp, storage.maxChargeKw, storage.maxDischargeKw] : STORAGE_COLUMNS.map(() => null);

/** The columns from site_id to version, in COLUMNS order: what a replacement writes besides updated_at. */
const editableValues = (asset: AssetRecord): SqlParam[] => [asset.siteId, asset.name, asset.kind, asset.zoneId, asset.capacityKw, ...storageValues(asset.storage), asset.status, asset.version];

/** A row's storage parameters: null for an asset without storage, an error for a half-filled row (this engine never writes one). */
function storageOf(row: Row): StoredStorage | null {
  if (row.energy_capacity_kwh === null) return null;
  const { round_trip_efficiency_bp: efficiency, soc_min_bp: socMin, soc_max_bp: socMax, max_charge_kw: charge, max_discharge_kw: discharge } = row;
  if (efficiency === null || socMin === null || socMax === null || charge === null || discharge === null) throw new Error(`storage asset ${row.id} lacks some of its storage parameters`);
  return { energyCapacityKwh: row.energy_capacity_kwh, roundTripEfficiencyBp: efficiency, socMinBp: socMin, socMaxBp: socMax, maxChargeKw: charge, maxDischargeKw: discharge };
}

const decode = (row: Row): AssetRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  siteId: row.site_id,
  name: row.name,
  kind: row.kind,
  zoneId: row.zone_id,
  capacityKw: row.capacity_kw,
  storage: storageOf(row),
  status: row.status,
  version: row.version,
  createdAt: asDate(row.created_at),
  updatedAt: asDate(row.updated_at),
});

/** Assets, each its organisation's alone: every read and write names the organisation too. */
export class AssetRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(asset: AssetRecord): Promise<void> {
    await this.sql.run(`INSERT INTO assets (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      asset.id,
      asset.organizationId,
      ...editableValues(asset),
      asset.createdAt,
      asset.updatedAt,
    ]);
  }

  /** Replaces the asset if it is still at `asset.version - 1`; false when it is not (changed since, or gone). */
  async replace(asset: AssetRecord): Promise<boolean> {
    const changed = await this.sql.run(UPDATE, [...editableValues(asset), asset.updatedAt, asset.id, asset.organizationId, asset.version - 1]);
    return changed === 1;
  }

  async delete(id: string, organizationId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM assets WHERE id = ? AND organization_id = ?', [id, organizationId])) === 1;
  }

  async get(id: string, organizationId: string): Promise<AssetRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM assets WHERE id = ? AND organization_id = ?`, [id, organizationId]);
    return row ? decode(row) : null;
  }

  /** The organisation's assets by name, narrowed by the filters given. */
  async listOf(organizationId: string, filter: AssetFilter = {}): Promise<AssetRecord[]> {
    const chosen = FILTERS.filter(([key]) => filter[key] !== undefined);
    // Only fixed clauses from FILTERS are joined here; every value is a parameter.
    const conditions = chosen.map(([, clause]) => ` AND ${clause}`).join('');
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM assets WHERE organization_id = ?${conditions} ORDER BY name, id`, [organizationId, ...chosen.map(([key]) => filter[key] ?? null)]);
    return rows.map(decode);
  }

  /** Whether another asset of the organisation (not `exceptId`) has this name. */
  async nameTaken(organizationId: string, name: string, exceptId: string | null): Promise<boolean> {
    return (await this.sql.one('SELECT 1 AS taken FROM assets WHERE organization_id = ? AND name = ? AND id <> ?', [organizationId, name, exceptId ?? NIL_UUID])) !== null;
  }

  /** How many bids name the asset, in any status: a bid keeps its asset for the record. */
  async bidCount(id: string): Promise<number> {
    return (await this.sql.one<{ n: number }>('SELECT count(*) AS n FROM bids WHERE asset_id = ?', [id]))?.n ?? 0;
  }
}
