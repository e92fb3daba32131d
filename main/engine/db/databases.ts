import type { Logger } from 'pino';
import type { MigrationState, ServiceHealth } from '../../../shared/api/health.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import { ServiceMonitor } from '../health/service-monitor.js';
import { MigrationError } from './migrations.js';
import { createPgStore, prepareStore } from './open-stores.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { loadZoneCatalogue, type ZoneCatalogue } from './zone-catalogue.js';

/**
 * The engine's databases and their health. Without DATABASE_URL the SQLite file is the whole
 * database. With it, PostgreSQL is the source of truth and the SQLite file is the local cache
 * (and, in the sync issue, the outbox): reads fall back to it while PostgreSQL is unreachable.
 *
 * PostgreSQL being down at start-up does not stop the terminal: it starts on the cache, and
 * the database monitor migrates and seeds PostgreSQL as soon as it answers. A migration
 * mismatch is different — it means another build owns the schema — and stops start-up.
 */
export class Databases {
  readonly local: SqliteStore;
  readonly primary: Store;
  private readonly catalogue: ZoneCatalogue;
  private readonly primaryMonitor: ServiceMonitor;
  private readonly localMonitor: ServiceMonitor;
  private primaryMigrations: MigrationState | null = null;
  private localMigrations: MigrationState | null = null;

  private constructor(config: EngineConfig, logger: Logger, clock: Clock, local: SqliteStore, primary: Store) {
    this.catalogue = loadZoneCatalogue();
    this.local = local;
    this.primary = primary;
    const timing = { timeoutMs: config.db.connectTimeoutMs + config.db.queryTimeoutMs, intervalMs: config.db.healthIntervalMs, maxBackoffMs: config.db.healthIntervalMs };
    const separateCache = primary !== local;
    this.primaryMonitor = new ServiceMonitor(
      {
        name: 'database',
        // With a local cache the terminal keeps serving (offline) while PostgreSQL is down.
        required: !separateCache,
        target: this.primary.target,
        featuresAffected: separateCache ? ['shared data of the floor: reads come from the local cache, writes wait'] : ['everything that reads or writes data'],
        probe: async () => {
          await this.primary.ping();
          if (!this.primaryMigrations) this.primaryMigrations = await prepareStore(this.primary, this.catalogue);
        },
      },
      timing,
      logger,
      clock,
    );
    // Without DATABASE_URL the SQLite file is the database itself: there is no separate cache.
    this.localMonitor = new ServiceMonitor(
      {
        name: 'sqlite_cache',
        required: separateCache,
        target: separateCache ? this.local.target : null,
        featuresAffected: separateCache ? ['offline drafting and reading'] : [],
        probe: separateCache ? () => this.local.ping() : null,
      },
      timing,
      logger,
      clock,
    );
  }

  /** Opens, migrates and seeds; waits for PostgreSQL at most one connect + query timeout. */
  static async open(config: EngineConfig, logger: Logger, clock: Clock): Promise<Databases> {
    const local = new SqliteStore(config.sqlitePath);
    const primary = config.databaseUrl
      ? await createPgStore(config.databaseUrl, config.db, (error) => logger.warn({ err: error, service: 'database' }, 'PostgreSQL connection failed'))
      : local;
    const databases = new Databases(config, logger, clock, local, primary);
    try {
      databases.localMigrations = await prepareStore(databases.local, databases.catalogue);
      if (databases.primary === databases.local) databases.primaryMigrations = databases.localMigrations;
      // The first checks run now, so /health reports facts from the first request on.
      await Promise.all([databases.primaryMonitor.check(), databases.localMonitor.check()]);
      const failure = databases.primaryMonitor.snapshot().lastError;
      if (failure?.type === MigrationError.name) throw new MigrationError(failure.message);
    } catch (error) {
      await databases.close();
      throw error;
    }
    databases.primaryMonitor.start();
    databases.localMonitor.start();
    return databases;
  }

  get primaryAvailable(): boolean {
    return this.primaryMonitor.isOk;
  }

  /** Reads from the source of truth, or from the local cache while it is unreachable. */
  read<T>(query: (store: Store) => Promise<T>): Promise<T> {
    if (this.primary === this.local || this.primaryAvailable) return query(this.primary);
    return query(this.local);
  }

  health(): ServiceHealth[] {
    const withSchema = (health: ServiceHealth, store: Store, migrations: MigrationState | null): ServiceHealth =>
      migrations ? { ...health, dialect: store.dialect, migrations } : { ...health, dialect: store.dialect };
    const primary = withSchema(this.primaryMonitor.snapshot(), this.primary, this.primaryMigrations);
    if (this.primary === this.local) return [primary, this.localMonitor.snapshot()];
    return [primary, withSchema(this.localMonitor.snapshot(), this.local, this.localMigrations)];
  }

  async close(): Promise<void> {
    await Promise.all([this.primaryMonitor.stop(), this.localMonitor.stop()]);
    if (this.primary !== this.local) await this.primary.close();
    await this.local.close();
  }
}
