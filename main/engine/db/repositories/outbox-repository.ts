import type { SqlExecutor } from '../sql/executor.js';

/**
 * The local outbox (SQLite only): writes accepted while the shared database is out of reach.
 * The sync issue adds enqueue and replay; the status bar already shows what is waiting.
 */
export class OutboxRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Writes not yet replayed: pending, or in flight when the terminal last stopped. */
  async pendingCount(): Promise<number> {
    const row = await this.sql.one<{ count: number }>("SELECT count(*) AS count FROM outbox WHERE state IN ('pending', 'in_flight')");
    return row?.count ?? 0;
  }
}
