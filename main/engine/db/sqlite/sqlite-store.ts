import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { MigrationState } from '../../../../shared/api/health.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { migrationsDir } from '../../app-paths.js';
import { loadMigrations, migrationState, pendingMigrations, type AppliedMigration, type Migration } from '../migrations.js';
import type { SchemaDescription } from '../schema-description.js';
import type { Store, ZoneRepository } from '../store.js';
import { rowToZone, zoneColumns, zoneToRow, type ZoneRow } from '../zone-catalogue.js';
import { describeSqliteSchema } from './describe.js';

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`;

/** How SQLite holds a zone row: booleans as 0/1, JSON as text. */
type SqliteZoneRow = Omit<ZoneRow, 'curve_full_price_range' | 'curve_distinct_adjacent_prices' | 'geometry' | 'intraday_auctions'> & {
  curve_full_price_range: number;
  curve_distinct_adjacent_prices: number;
  geometry: string;
  intraday_auctions: string | null;
};

const toSqliteZoneRow = (row: ZoneRow): SqliteZoneRow => ({
  ...row,
  curve_full_price_range: row.curve_full_price_range ? 1 : 0,
  curve_distinct_adjacent_prices: row.curve_distinct_adjacent_prices ? 1 : 0,
  geometry: JSON.stringify(row.geometry),
  intraday_auctions: row.intraday_auctions && JSON.stringify(row.intraday_auctions),
});

const fromSqliteZoneRow = (row: SqliteZoneRow): ZoneRow => ({
  ...row,
  curve_full_price_range: row.curve_full_price_range === 1,
  curve_distinct_adjacent_prices: row.curve_distinct_adjacent_prices === 1,
  geometry: JSON.parse(row.geometry) as ZoneRow['geometry'],
  intraday_auctions: row.intraday_auctions === null ? null : (JSON.parse(row.intraday_auctions) as ZoneRow['intraday_auctions']),
});

/**
 * SQLite Store on one better-sqlite3 connection: the process's single writer (better-sqlite3
 * is synchronous, so every write runs to completion on the event loop, one after another).
 * WAL lets readers in other processes (backups, the sqlite3 shell) look without blocking it;
 * synchronous=FULL makes an acknowledged write survive a power cut or kill -9.
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly target: string;
  readonly zones: ZoneRepository;
  private readonly db: Database.Database;
  private readonly known: Migration[];
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.target = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.known = loadMigrations(migrationsDir('sqlite'));
    this.zones = this.zoneRepository();
  }

  /** Prepared once, on first use — after migrations have created the tables it names. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private applied(): AppliedMigration[] {
    this.db.exec(MIGRATIONS_TABLE);
    return this.db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
  }

  async migrate(): Promise<MigrationState> {
    // IMMEDIATE takes the write lock before reading the applied list, so two processes
    // starting on one file cannot both apply the same migration.
    const run = this.db.transaction(() => {
      const applied = this.applied();
      const insert = this.db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
      for (const migration of pendingMigrations(this.known, applied)) {
        this.db.exec(migration.sql);
        insert.run(migration.version, migration.name, migration.checksum, Date.now());
      }
    });
    run.immediate();
    return this.migrationState();
  }

  async migrationState(): Promise<MigrationState> {
    return migrationState(this.known, this.applied());
  }

  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
  }

  async describeSchema(): Promise<SchemaDescription> {
    return describeSqliteSchema(this.db);
  }

  /** The connection's durability settings, for diagnostics and the test that pins them. */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number } {
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) as number,
      busyTimeout: this.db.pragma('busy_timeout', { simple: true }) as number,
    };
  }

  /** A local file has no connection to lose. */
  isConnectionError(): boolean {
    return false;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private zoneRepository(): ZoneRepository {
    const columns = zoneColumns.join(', ');
    const select = `SELECT ${columns} FROM market_zones ORDER BY region, id`;
    const selectOne = `SELECT ${columns} FROM market_zones WHERE id = ?`;
    const upsert = `INSERT INTO market_zones (${columns}) VALUES (${zoneColumns.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${zoneColumns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')},
         updated_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
       WHERE (${zoneColumns.map((c) => `market_zones.${c}`).join(', ')}) IS NOT (${zoneColumns.map((c) => `excluded.${c}`).join(', ')})`;
    const decode = (row: SqliteZoneRow): MarketZone => rowToZone(fromSqliteZoneRow(row));
    const upsertAll = this.db.transaction((zones: readonly MarketZone[], version: number) => {
      let changed = 0;
      for (const zone of zones) {
        changed += this.statement(upsert).run(toSqliteZoneRow(zoneToRow(zone, version))).changes;
      }
      return changed;
    });
    return {
      list: async () => (this.statement(select).all() as SqliteZoneRow[]).map(decode),
      get: async (id) => {
        const row = this.statement(selectOne).get(id) as SqliteZoneRow | undefined;
        return row ? decode(row) : null;
      },
      upsertCatalogue: async (zones, version) => upsertAll(zones, version),
    };
  }
}
