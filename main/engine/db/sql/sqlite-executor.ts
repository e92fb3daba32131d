import type Database from 'better-sqlite3';
import { encodeJson, type SqlExecutor, type SqlParam } from './executor.js';
import { Mutex } from './mutex.js';
import { StatementCache } from './statement-cache.js';

type SqliteValue = string | number | bigint | Buffer | null;

function encode(value: SqlParam): SqliteValue {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return encodeJson(value) as SqliteValue;
}

/**
 * The SqlExecutor of the SQLite store. better-sqlite3 is synchronous; what makes this safe
 * with asynchronous transactions is the mutex: one unit of work at a time on the connection.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;

  constructor(
    private readonly db: Database.Database,
    private readonly mutex: Mutex = new Mutex(),
    /** Savepoint depth when this executor runs inside a transaction; null outside. */
    private readonly depth: number | null = null,
    private readonly statements: StatementCache = new StatementCache(db),
  ) {}

  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    // Inside a transaction the lock is already held by it.
    return this.depth === null ? this.mutex.lock(work) : Promise.resolve().then(work);
  }

  all<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    return this.exclusive(() => this.statements.prepared(sql).all(...params.map(encode)) as Row[]);
  }

  async one<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row | null> {
    return (await this.exclusive(() => this.statements.prepared(sql).get(...params.map(encode)) as Row | undefined)) ?? null;
  }

  run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.exclusive(() => this.statements.prepared(sql).run(...params.map(encode)).changes);
  }

  get inTransaction(): boolean {
    return this.depth !== null;
  }

  atomic<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTransaction ? work(this) : this.transaction(work);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const depth = (this.depth ?? -1) + 1;
      const [begin, commit, rollback] =
        depth === 0 ? ['BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK'] : [`SAVEPOINT sp${depth}`, `RELEASE sp${depth}`, `ROLLBACK TO sp${depth}; RELEASE sp${depth}`];
      this.db.exec(begin);
      try {
        const result = await work(new SqliteExecutor(this.db, this.mutex, depth, this.statements));
        this.db.exec(commit);
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec(rollback);
        throw error;
      }
    });
  }
}
