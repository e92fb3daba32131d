import type pg from 'pg';
import { DatabaseUnreachableError, isPgConnectionError } from '../postgres/pg-errors.js';
import { encodeJson, type SqlExecutor, type SqlParam } from './executor.js';

/** `?` placeholders to PostgreSQL's `$1, $2, ...` (statements never contain a literal `?`). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${String(++n)}`);
}

/**
 * Statements as PostgreSQL takes them, by their portable text: the repositories run the same
 * few hundred over and over, a multi-row INSERT among them thousands of placeholders long.
 */
const numbered = new Map<string, string>();
const MOST_NUMBERED = 1_000;

function numberedOnce(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    // Past the repositories' own statements something is building many shapes: start again rather than grow.
    if (numbered.size >= MOST_NUMBERED) numbered.clear();
    text = numberPlaceholders(sql);
    numbered.set(sql, text);
  }
  return text;
}

const encode = (value: SqlParam): unknown => encodeJson(value);

/**
 * Whether the pool is worth trying. From a failed health probe until the next one succeeds, a
 * query is not sent: it fails at once as unreachable, where it would otherwise wait out a
 * connect timeout (2 s) to learn what the probe already knows — every request of a terminal
 * offline that needs the shared database, and every page that asks for one, would wait.
 */
export class PoolReachability {
  private failedSince: Date | null = null;

  probed(ok: boolean, at: Date): void {
    this.failedSince = ok ? null : (this.failedSince ?? at);
  }

  /** Throws DatabaseUnreachableError (a connection error) while the last probe failed. */
  assertReachable(): void {
    if (this.failedSince) throw new DatabaseUnreachableError(this.failedSince);
  }
}

/** The SqlExecutor of the PostgreSQL store: the pool outside transactions, one client inside. */
export class PgExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly reachability: PoolReachability,
    private readonly client: pg.PoolClient | null = null,
    private readonly depth = 0,
  ) {}

  private async query<Row extends pg.QueryResultRow>(sql: string, params: readonly SqlParam[]): Promise<pg.QueryResult<Row>> {
    if (this.client) return this.client.query<Row>(numberedOnce(sql), params.map(encode));
    this.reachability.assertReachable();
    return this.pool.query<Row>(numberedOnce(sql), params.map(encode));
  }

  async all<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    return (await this.query<Row & pg.QueryResultRow>(sql, params)).rows;
  }

  async one<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row | null> {
    return (await this.query<Row & pg.QueryResultRow>(sql, params)).rows[0] ?? null;
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  get inTransaction(): boolean {
    return this.client !== null;
  }

  atomic<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTransaction ? work(this) : this.transaction(work);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.client) {
      const savepoint = `sp${String(this.depth + 1)}`;
      await this.client.query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await work(new PgExecutor(this.pool, this.reachability, this.client, this.depth + 1));
        await this.client.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        // On a lost connection the rollback would only wait out another timeout; the outer transaction gives the client up.
        if (!isPgConnectionError(error)) await this.client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    }
    this.reachability.assertReachable();
    const client = await this.pool.connect();
    // A checked-out client is not the pool's to watch: without a listener of our own, its
    // connection dying (terminated backend, network reset) would be an uncaught 'error' event.
    let broken: Error | undefined;
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(new PgExecutor(this.pool, this.reachability, client, 0));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A dead or frozen connection cannot roll back (the server does it when the session
      // ends); trying would wait out one more query timeout.
      if (isPgConnectionError(error)) broken ??= error as Error;
      if (!broken) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // A connection that cannot even roll back is not given back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
      }
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }
}
