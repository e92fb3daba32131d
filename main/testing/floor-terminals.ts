import { afterEach, beforeEach, expect } from 'vitest';
import type { Clock } from '../engine/clock.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { tempDir, testConfig, type TempDir } from './environment.js';
import { Fault, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { pollHealth, serviceOf } from './health.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

export interface FloorTerminals {
  /** The floor's shared database, owned by the test. */
  readonly database: TestDatabase;
  /** Our fault proxy between the terminal under test and the shared database. */
  readonly proxy: FaultProxy;
  /** The terminal under test: its shared database behind the proxy, its SQLite cache its own. */
  readonly terminal: Engine;
  /** Another terminal of the floor, directly on the shared database: the rest of the floor acting meanwhile. */
  readonly other: Engine;
  /** Cuts the proxy off and waits until the terminal finds the shared database gone by itself. */
  goOffline(): Promise<void>;
}

/**
 * For each test of the calling describe: a throwaway shared PostgreSQL, a terminal that reaches
 * it through our fault proxy and another that reaches it directly, both on `clock`; all closed
 * and removed after the test.
 */
export function floorTerminals(clock: Clock): FloorTerminals {
  let parts: { database: TestDatabase; proxy: FaultProxy; dirs: TempDir[]; terminal: Engine; other: Engine } | null = null;
  const current = () => {
    if (!parts) throw new Error('the floor exists only inside a test');
    return parts;
  };
  beforeEach(async () => {
    const database = await createTestDatabase();
    const proxy = await startFaultProxy(database.url);
    const dirs = [await tempDir(), await tempDir()] as const;
    const terminal = await createEngine(testConfig(dirs[0].path, { DATABASE_URL: proxy.url }), { clock });
    const other = await createEngine(testConfig(dirs[1].path, { DATABASE_URL: database.url }), { clock });
    parts = { database, proxy, dirs: [...dirs], terminal, other };
  });
  afterEach(async () => {
    const { database, proxy, dirs, terminal, other } = current();
    parts = null;
    await Promise.all([terminal.close(), other.close()]);
    await proxy.close();
    await database.drop();
    await Promise.all(dirs.map((dir) => dir.remove()));
  });
  return {
    get database() {
      return current().database;
    },
    get proxy() {
      return current().proxy;
    },
    get terminal() {
      return current().terminal;
    },
    get other() {
      return current().other;
    },
    async goOffline() {
      const { proxy, terminal } = current();
      proxy.setMode(Fault.blackhole);
      const report = await pollHealth(terminal, (r) => serviceOf(r, 'database').status === 'unavailable', 6000);
      expect(report.sync?.state).toBe('offline');
    },
  };
}
