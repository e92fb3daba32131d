import type { MarketZone } from '../../../../shared/api/zones.js';
import type { ZoneRepository } from '../store.js';
import { asBoolean, asJson, type SqlExecutor, type SqlParam } from '../sql/executor.js';
import { rowToZone, zoneColumns, zoneToRow, type ZoneRow } from '../zone-catalogue.js';

const COLUMNS = zoneColumns.join(', ');
const SELECT = `SELECT ${COLUMNS} FROM market_zones`;
// Only rows whose content differs are touched, so re-seeding at every start writes nothing.
const UPSERT = `INSERT INTO market_zones (${COLUMNS}, updated_at) VALUES (${zoneColumns.map(() => '?').join(', ')}, ?)
  ON CONFLICT (id) DO UPDATE SET ${zoneColumns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at
  WHERE (${zoneColumns.map((c) => `market_zones.${c}`).join(', ')}) IS DISTINCT FROM (${zoneColumns.map((c) => `excluded.${c}`).join(', ')})`;

type StoredZoneRow = Record<(typeof zoneColumns)[number], unknown>;

const decode = (row: StoredZoneRow): MarketZone =>
  rowToZone({
    ...(row as unknown as ZoneRow),
    curve_full_price_range: asBoolean(row.curve_full_price_range),
    curve_distinct_adjacent_prices: asBoolean(row.curve_distinct_adjacent_prices),
    geometry: asJson(row.geometry) as ZoneRow['geometry'],
    intraday_auctions: asJson(row.intraday_auctions) as ZoneRow['intraday_auctions'],
  });

/** The market-zone catalogue in either database. */
export class SqlZoneRepository implements ZoneRepository {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<MarketZone[]> {
    return (await this.sql.all<StoredZoneRow>(`${SELECT} ORDER BY region, id`)).map(decode);
  }

  async get(id: string): Promise<MarketZone | null> {
    const row = await this.sql.one<StoredZoneRow>(`${SELECT} WHERE id = ?`, [id]);
    return row ? decode(row) : null;
  }

  upsertCatalogue(zones: readonly MarketZone[], catalogueVersion: number): Promise<number> {
    return this.sql.transaction(async (tx) => {
      let changed = 0;
      const at = this.now();
      for (const zone of zones) {
        const row = zoneToRow(zone, catalogueVersion);
        changed += await tx.run(UPSERT, [...zoneColumns.map((c) => row[c] as SqlParam), at]);
      }
      return changed;
    });
  }
}
