import type { Logger } from 'pino';
import type { MigrationState, ServiceHealth } from '../../../shared/api/health.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import { ServiceMonitor, type MonitorTiming } from '../health/service-monitor.js';
import { MigrationError } from './migrations.js';
import { createPgStore, prepareStore } from './open-stores.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { loadZoneCatalogue, type ZoneCatalogue } from './zone-catalogue.js';

/** The two stores and whether the source of truth answers its probe (Databases provides this; one store as both without DATABASE_URL). */
export interface ProbedStores {
  readonly primary: Store;
  readonly local: Store;
  readonly primaryOnline: boolean;
}

/**
 * The source of truth while it answers its health probe, else the local cache: for reads that
 * must not fall back when it is merely busy (as `Databases.read` does), because the cache holds
 * only part of what they ask (the traders who signed in here).
 */
export const storeWhileReachable = ({ primary, local, primaryOnline }: ProbedStores): Store => (primaryOnline ? primary : local);

/** Why the source of truth could not serve: no answer at all, or no capacity now. */
export type DatabaseFailure = 'unreachable' | 'busy';

/**
 * The engine's databases and their health. Without DATABASE_URL the SQLite file is the whole
 * database. With it, PostgreSQL is the source of truth and the SQLite file is the local cache
 * and outbox (main/engine/sync): reads fall back to it while PostgreSQL is unreachable.
 *
 * PostgreSQL being down at start-up does not stop the terminal: it starts on the cache, and
 * PostgreSQL is migrated and seeded as soon as it answers. A migration mismatch is different
 * — another build owns that schema — and stops start-up, or, found later, leaves PostgreSQL
 * untouched and reported unavailable with the reason.
 */
export class Databases {
  /** The zone catalogue this build seeds, as loaded at start. */
  readonly catalogue: ZoneCatalogue = loadZoneCatalogue();
  /** The catalogue's zone ids, for the checks that only ask whether a zone exists. */
  readonly zoneIds: ReadonlySet<string> = new Set(this.catalogue.zones.map((zone) => zone.id));
  private readonly primaryMonitor: ServiceMonitor;
  private readonly localMonitor: ServiceMonitor;
  private primaryMigrations: MigrationState | null = null;
  private localMigrations: MigrationState | null = null;
  /** The one preparation (migrate + seed) of PostgreSQL under way, shared by every probe. */
  private preparing: Promise<MigrationState> | null = null;
  /** PostgreSQL was migrated by another build: this process never touches it again. */
  private incompatible: MigrationError | null = null;

  private constructor(
    readonly local: SqliteStore,
    readonly primary: Store,
    timing: MonitorTiming,
    logger: Logger,
    clock: Clock,
  ) {
    const separateCache = primary !== local;
    this.primaryMonitor = new ServiceMonitor(
      {
        name: 'database',
        // With a local cache the terminal keeps serving (offline) while PostgreSQL is down.
        required: !separateCache,
        target: primary.target,
        featuresAffected: separateCache ? ['shared data of the floor: reads come from the local cache, writes wait'] : ['everything that reads or writes data'],
        probe: async () => {
          if (this.incompatible) throw this.incompatible;
          await primary.ping();
          this.primaryMigrations ??= await this.preparePrimary();
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
        required: false,
        target: separateCache ? local.target : null,
        featuresAffected: separateCache ? ['offline drafting and reading'] : [],
        probe: separateCache ? () => local.ping() : null,
      },
      timing,
      logger,
      clock,
    );
  }

  /** Opens, migrates and seeds; waits for PostgreSQL at most one connect + query timeout. */
  static async open(config: EngineConfig, logger: Logger, clock: Clock): Promise<Databases> {
    const local = new SqliteStore(config.sqlitePath);
    // Idle-connection errors only need to be absorbed (an unhandled one kills the process);
    // the database monitor reports the outage itself, once.
    const primary = config.databaseUrl ? await createPgStore(config.databaseUrl, config.db, (error) => logger.debug({ err: error }, 'PostgreSQL connection error')) : local;
    const timing = { timeoutMs: config.db.connectTimeoutMs + config.db.queryTimeoutMs, intervalMs: config.db.healthIntervalMs, maxBackoffMs: config.db.healthIntervalMs };
    const databases = new Databases(local, primary, timing, logger, clock);
    try {
      databases.localMigrations = await prepareStore(local, databases.catalogue);
      if (primary === local) databases.primaryMigrations = databases.localMigrations;
      // The first checks run now, so /health reports facts from the first request on.
      await Promise.all([databases.primaryMonitor.check(), databases.localMonitor.check()]);
      if (databases.incompatible) throw databases.incompatible;
    } catch (error) {
      await databases.close();
      throw error;
    }
    databases.primaryMonitor.start();
    databases.localMonitor.start();
    return databases;
  }

  private preparePrimary(): Promise<MigrationState> {
    this.preparing ??= prepareStore(this.primary, this.catalogue)
      .catch(async (error: unknown) => {
        if (error instanceof MigrationError) {
          this.incompatible = error;
          // Nothing more to do with this database: release its connections now.
          await this.primary.close();
        }
        throw error;
      })
      .finally(() => {
        this.preparing = null;
      });
    return this.preparing;
  }

  /** PostgreSQL was migrated and seeded by this build (and found compatible): safe to listen to it. */
  get primaryPrepared(): boolean {
    return this.primaryMigrations !== null && this.incompatible === null;
  }

  /** Whether the source of truth answers its health probe now. */
  get primaryOnline(): boolean {
    return this.primaryMonitor.isOk;
  }

  /** Calls `listener` each time the source of truth comes back (true) or is lost (false); returns the unsubscribe. */
  watchPrimary(listener: (online: boolean) => void): () => void {
    return this.primaryMonitor.onChange(listener);
  }

  /** Whether requests can be served: from PostgreSQL, or from the local cache without it. */
  get canServe(): boolean {
    return this.primaryMonitor.isOk || (this.primary !== this.local && this.localMonitor.isOk);
  }

  /**
   * Reads from the source of truth, or from the local cache while it is unreachable — also
   * when it drops between two health probes (the failed read is answered from the cache and
   * the monitor is told at once), or has no connection free in time.
   */
  async read<T>(query: (store: Store) => Promise<T>): Promise<T> {
    if (this.primary === this.local || !this.primaryMonitor.isOk) return query(this.local);
    try {
      return await query(this.primary);
    } catch (error) {
      const failure = this.failureOf(error);
      if (failure === null) throw error;
      // A full pool says nothing about reachability: only a lost connection is worth a probe.
      if (failure === 'unreachable') void this.primaryMonitor.check();
      return query(this.local);
    }
  }

  /** Why the source of truth failed, when it is its availability and not the query: unreachable, or reachable but busy. */
  failureOf(error: unknown): DatabaseFailure | null {
    if (this.primary.isConnectionError(error)) return 'unreachable';
    return this.primary.isBusyError(error) ? 'busy' : null;
  }

  /**
   * Writes facts received from outside (feed prices), which any terminal may hold: to the source
   * of truth, or to the local cache while it is out of reach. Never for a trader's own work,
   * which goes through the outbox so it reaches the shared database exactly once.
   */
  async writeFacts<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.read(work);
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
    // Closing PostgreSQL also ends a migration still waiting for its lock.
    if (this.primary !== this.local) await this.primary.close();
    await this.preparing?.catch(() => undefined);
    await this.local.close();
  }
}
