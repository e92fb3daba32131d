import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPgStore } from '../engine/db/open-stores.js';
import { engineTypes } from '../engine/db/postgres/pg-types.js';
import { SqliteStore } from '../engine/db/sqlite/sqlite-store.js';
import type { Dialect, Store } from '../engine/db/store.js';
import { tempDir } from './environment.js';
import { createTestDatabase } from './postgres.js';

/**
 * A fresh database of one dialect, the Store over it, and a raw connection beside the Store
 * for what the Store deliberately does not offer (tampering, constraint probes).
 */
export interface DialectFixture {
  store: Store;
  /** Runs one statement with `?` placeholders on a separate raw connection. */
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

const DB_TIMEOUTS = { poolMax: 4, connectTimeoutMs: 5000, queryTimeoutMs: 10000, healthIntervalMs: 2000 };

async function sqliteFixture(): Promise<DialectFixture> {
  const dir = await tempDir();
  const file = join(dir.path, 'store.sqlite');
  const store = new SqliteStore(file);
  const raw = new Database(file);
  raw.pragma('foreign_keys = ON');
  return {
    store,
    raw: async (sql, params = []) => {
      const statement = raw.prepare(sql);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      statement.run(...params);
      return [];
    },
    dispose: async () => {
      raw.close();
      await store.close();
      await dir.remove();
    },
  };
}

async function postgresFixture(): Promise<DialectFixture> {
  const database = await createTestDatabase();
  const store = await createPgStore(database.url, DB_TIMEOUTS, () => undefined);
  const raw = new pg.Client({ connectionString: database.url, types: engineTypes() });
  await raw.connect();
  return {
    store,
    raw: async (sql, params = []) => {
      let n = 0;
      const result = await raw.query(sql.replace(/\?/g, () => `$${++n}`), params);
      return result.rows as Record<string, unknown>[];
    },
    dispose: async () => {
      await raw.end();
      await store.close();
      await database.drop();
    },
  };
}

export const dialects: { dialect: Dialect; open: () => Promise<DialectFixture> }[] = [
  { dialect: 'sqlite', open: sqliteFixture },
  { dialect: 'postgres', open: postgresFixture },
];
