import type { MigrationState } from '../../../shared/api/health.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import type { Repositories } from './repositories/index.js';
import type { SchemaDescription } from './schema-description.js';
import type { SqlExecutor } from './sql/executor.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The one storage seam of the engine. SQLite (embedded default, offline cache) and PostgreSQL
 * (shared floor database) implement it and pass the same test suite; services never see SQL
 * dialects. Capability groups (zones, users, sites, assets, bids, market data, ...) are
 * added here as repositories so that both dialects grow together.
 */
export interface Store extends Repositories {
  readonly dialect: Dialect;
  /** Where the data lives, safe to show (file path, or URL without credentials). */
  readonly target: string;

  /** Applies pending migrations; fails if the applied list is not a prefix of the known list. */
  migrate(): Promise<MigrationState>;
  migrationState(): Promise<MigrationState>;
  /** One cheap round trip; rejects when the database cannot answer. */
  ping(): Promise<void>;
  describeSchema(): Promise<SchemaDescription>;
  /** Whether an error of this store means "cannot reach the database" (not a bad query). */
  isConnectionError(error: unknown): boolean;
  /** Whether an error of this store means "reachable, but no capacity now" (every connection busy, a statement timed out). */
  isBusyError(error: unknown): boolean;
  /** The database software and version, e.g. "PostgreSQL 15.19". */
  serverVersion(): Promise<string>;

  /** Portable SQL on this store's connection(s), for the repositories. */
  readonly sql: SqlExecutor;
  /** Runs `work` in one transaction, with repositories bound to it. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;

  close(): Promise<void>;
}

export interface ZoneRepository {
  list(): Promise<MarketZone[]>;
  get(id: string): Promise<MarketZone | null>;
  /** Inserts or updates every zone of the catalogue; returns how many rows changed. */
  upsertCatalogue(zones: readonly MarketZone[], catalogueVersion: number): Promise<number>;
}
