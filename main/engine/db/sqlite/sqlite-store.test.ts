import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../../testing/environment.js';
import { SqliteStore } from './sqlite-store.js';

describe('SQLite store connection', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', async () => {
    const store = new SqliteStore(join(dir.path, 'nested', 'terminal.sqlite'));
    try {
      // synchronous: 2 = FULL (an acknowledged write survives kill -9 and power loss)
      expect(store.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    } finally {
      await store.close();
    }
  });
});
