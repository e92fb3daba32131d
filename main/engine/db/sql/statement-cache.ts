import type Database from 'better-sqlite3';

/** Enough for the repositories' fixed statements and the multi-row INSERTs of every row count in use. */
const MOST_STATEMENTS = 500;

/**
 * The prepared statements of one better-sqlite3 connection, by their SQL text. Preparing
 * compiles the statement every time, and the repositories run the same statements over and
 * over (a replayed bid alone runs a dozen); the least recently used one goes when full.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly capacity = MOST_STATEMENTS,
  ) {}

  prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Taken out and put back: a Map keeps insertion order, so the first key is the least recently used.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= this.capacity) {
        const [oldest] = this.statements.keys();
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }
}
