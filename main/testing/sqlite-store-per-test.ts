import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { SqliteStore } from '../engine/db/sqlite/sqlite-store.js';
import { tempDir, type TempDir } from './environment.js';

/**
 * A migrated SQLite file store in a temporary directory of its own for each test of the suite
 * that calls this (in its describe), closed and removed after the test. The getters read the
 * current test's.
 */
export function sqliteStorePerTest(): { readonly store: SqliteStore; readonly dir: TempDir } {
  let current: { store: SqliteStore; dir: TempDir } | null = null;
  const opened = (): { store: SqliteStore; dir: TempDir } => {
    if (!current) throw new Error('sqliteStorePerTest: read inside a test, after its beforeEach');
    return current;
  };
  beforeEach(async () => {
    const dir = await tempDir();
    const store = new SqliteStore(join(dir.path, 'terminal.sqlite'));
    await store.migrate();
    current = { store, dir };
  });
  afterEach(async () => {
    const { store, dir } = opened();
    current = null;
    await store.close();
    await dir.remove();
  });
  return {
    get store() {
      return opened().store;
    },
    get dir() {
      return opened().dir;
    },
  };
}
