import { setTimeout } from 'node:timers/promises';
import pg from 'pg';
import type { MigrationState } from '../../../../shared/api/health.js';
import { migrationsDir } from '../../app-paths.js';
import { withoutPassword } from '../../redact-url.js';
import { loadMigrations, migrationState, pendingMigrations, type AppliedMigration } from '../migrations.js';
import type { SchemaDescription } from '../schema-description.js';
import { SqlStore } from '../sql-store.js';
import { PgExecutor, PoolReachability } from '../sql/pg-executor.js';
import { describePgSchema } from './describe.js';
import { isPgBusyError, isPgConnectionError } from './pg-errors.js';
import { engineTypes } from './pg-types.js';

export interface PgStoreOptions {
  url: string;
  poolMax: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  /** Called for errors of idle pooled connections (server restart, network loss). */
  onPoolError: (error: Error) => void;
}

const MIGRATION_LOCK = 'optibid.schema_migrations';
const MIGRATION_TIMEOUT_MS = 10 * 60 * 1000;
// Another terminal migrating holds the lock for seconds; give up after this and retry later.
const MIGRATION_LOCK_WAIT_MS = 30_000;
const MIGRATION_LOCK_POLL_MS = 200;

// The client-side query timeout waits this much longer than the server's statement timeout, so
// a live but slow server always answers first (57014: busy) and only a dead link times out on our
// side (unreachable): the two get different error codes.
const SERVER_ANSWER_GRACE_MS = 500;

/**
 * PostgreSQL Store on a pg Pool. Timeouts are on (pg leaves them off): a connection attempt or
 * a wait for a pooled connection, a query (client side, so a half-open socket cannot hang a
 * request) and a statement (server side). keepAlive detects dead peers; the pool's `error`
 * listener keeps an idle client's failure from crashing the process.
 *
 * The health probe has a connection of its own: a pool full of busy requests must not make a
 * reachable database look down, and the probe must not queue behind them.
 */
export class PgStore extends SqlStore {
  readonly dialect = 'postgres' as const;
  readonly target: string;
  private readonly known = loadMigrations(migrationsDir('postgres'));
  /** The connection of a migration under way, ended by close() so none outlives the store. */
  private migrationClient: pg.Client | null = null;
  private readonly pool: pg.Pool;
  private readonly probePool: pg.Pool;
  private readonly reachability: PoolReachability;

  constructor(private readonly options: PgStoreOptions) {
    const common = { connectionString: options.url, connectionTimeoutMillis: options.connectTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000, types: engineTypes() };
    const pool = new pg.Pool({
      ...common,
      max: options.poolMax,
      query_timeout: options.queryTimeoutMs + SERVER_ANSWER_GRACE_MS,
      statement_timeout: options.queryTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'optibid-terminal',
    });
    pool.on('error', options.onPoolError);
    const reachability = new PoolReachability();
    super(new PgExecutor(pool, reachability));
    this.pool = pool;
    this.reachability = reachability;
    // `SELECT 1` gets as long as a connection attempt: a reachable server answers it at once.
    this.probePool = new pg.Pool({ ...common, max: 1, query_timeout: options.connectTimeoutMs, application_name: 'optibid-terminal health' });
    this.probePool.on('error', options.onPoolError);
    this.target = withoutPassword(options.url);
  }
  private async applied(client: pg.ClientBase | pg.Pool): Promise<AppliedMigration[]> {
    // Resolved through search_path, like the unqualified CREATE TABLE of migrate().
    const exists = await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    if (!exists.rows[0]?.present) return [];
    const result = await client.query<AppliedMigration>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    return result.rows;
  }

  async migrate(): Promise<MigrationState> {
    // A connection of its own: migrations may legitimately outlast the request timeouts.
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs,
      query_timeout: MIGRATION_TIMEOUT_MS,
      application_name: 'optibid-terminal migrate',
      types: engineTypes(),
    });
    client.on('error', this.options.onPoolError);
    this.migrationClient = client;
    try {
      await client.connect();
      await client.query('BEGIN');
      await this.takeMigrationLock(client);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = await this.applied(client);
      const pending = pendingMigrations(this.known, applied);
      for (const migration of pending) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
      }
      await client.query('COMMIT');
      return migrationState(this.known, [...applied, ...pending]);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.migrationClient = null;
      await client.end();
    }
  }

  /**
   * Migrations of a whole floor's database run one terminal at a time. The lock is polled
   * rather than waited for in the server, so a terminal that closes meanwhile leaves no
   * backend behind blocked on the lock.
   */
  private async takeMigrationLock(client: pg.Client): Promise<void> {
    const deadline = Date.now() + MIGRATION_LOCK_WAIT_MS;
    for (;;) {
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [MIGRATION_LOCK]);
      if (result.rows[0]?.locked) return;
      if (Date.now() > deadline) throw new Error(`another terminal has held the migration lock for over ${MIGRATION_LOCK_WAIT_MS / 1000} s`);
      await setTimeout(MIGRATION_LOCK_POLL_MS);
    }
  }

  async migrationState(): Promise<MigrationState> {
    // Through the pool, not a checked-out client: the pool watches its connections' errors.
    return migrationState(this.known, await this.applied(this.pool));
  }

  /** The health probe; its outcome also opens or closes the request pool (PoolReachability): a server that answers but is busy leaves it open. */
  async ping(): Promise<void> {
    try {
      await this.probePool.query('SELECT 1');
    } catch (error) {
      if (isPgConnectionError(error)) this.reachability.probed(false, new Date());
      throw error;
    }
    this.reachability.probed(true, new Date());
  }

  async describeSchema(): Promise<SchemaDescription> {
    return describePgSchema(this.pool);
  }

  async serverVersion(): Promise<string> {
    return (await this.sql.one<{ v: string }>("SELECT 'PostgreSQL ' || current_setting('server_version') AS v"))?.v ?? 'PostgreSQL';
  }

  isConnectionError(error: unknown): boolean {
    return isPgConnectionError(error);
  }

  isBusyError(error: unknown): boolean {
    return isPgBusyError(error);
  }

  async close(): Promise<void> {
    await this.migrationClient?.end();
    await Promise.all([this.pool, this.probePool].filter((pool) => !pool.ended).map((pool) => pool.end()));
  }
}
