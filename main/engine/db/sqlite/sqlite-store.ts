import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { MigrationState } from '../../../../shared/api/health.js';
import { OutboxRepository } from '../repositories/outbox-repository.js';
import { SyncConflictRepository } from '../repositories/sync-conflict-repository.js';
import { migrationsDir } from '../../app-paths.js';
import { loadMigrations, migrationState, pendingMigrations, type AppliedMigration } from '../migrations.js';
import type { SchemaDescription } from '../schema-description.js';
import { repositoriesOn, type Repositories } from '../repositories/index.js';
import { SqlStore } from '../sql-store.js';
import { Mutex } from '../sql/mutex.js';
import { SqliteExecutor } from '../sql/sqlite-executor.js';
import { describeSqliteSchema } from './describe.js';

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`;

/**
 * SQLite Store on one better-sqlite3 connection: the process's single writer. Every statement
 * and transaction takes its turn through one queue (a mutex), so a transaction with
 * asynchronous steps never has another request's statement slip into it. WAL lets readers in
 * other processes (backups, the sqlite3 shell) look without blocking it; synchronous=FULL
 * makes an acknowledged write survive a power cut or kill -9.
 */
export class SqliteStore extends SqlStore {
  readonly dialect = 'sqlite' as const;
  readonly target: string;
  private readonly known = loadMigrations(migrationsDir('sqlite'));
  private readonly db: Database.Database;
  private readonly mutex: Mutex;
  /** This terminal's queue of writes for the shared database (SQLite only). */
  readonly outbox: OutboxRepository;
  /** Bids changed here and on the shared database meanwhile, waiting for the trader's choice (SQLite only). */
  readonly syncConflicts: SyncConflictRepository;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Every statement on the connection goes through one mutex: the single writer's queue.
    const mutex = new Mutex();
    super(new SqliteExecutor(db, mutex));
    this.db = db;
    this.mutex = mutex;
    this.target = file;
    this.outbox = new OutboxRepository(this.sql);
    this.syncConflicts = new SyncConflictRepository(this.sql);
  }

  /** A local transaction that also queues the change for the shared database: both are kept, or neither. */
  transactionWithOutbox<T>(work: (repositories: Repositories, outbox: OutboxRepository, conflicts: SyncConflictRepository) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => work(repositoriesOn(tx), new OutboxRepository(tx), new SyncConflictRepository(tx)));
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
    await this.mutex.lock(() => run.immediate());
    return this.migrationState();
  }

  migrationState(): Promise<MigrationState> {
    return this.mutex.lock(() => migrationState(this.known, this.applied()));
  }

  async ping(): Promise<void> {
    await this.sql.one('SELECT 1');
  }

  describeSchema(): Promise<SchemaDescription> {
    return this.mutex.lock(() => describeSqliteSchema(this.db));
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

  async serverVersion(): Promise<string> {
    return (await this.sql.one<{ v: string }>("SELECT 'SQLite ' || sqlite_version() AS v"))?.v ?? 'SQLite';
  }

  /** A local file has no connection to lose. */
  isConnectionError(): boolean {
    return false;
  }

  /** One connection, its work serialised by the engine's own queue: no pool to run out of. */
  isBusyError(): boolean {
    return false;
  }

  /** Waits for the unit of work under way, then closes the connection. */
  close(): Promise<void> {
    return this.mutex.lock(() => {
      if (this.db.open) this.db.close();
    });
  }
}
