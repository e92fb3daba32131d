import { afterEach, beforeEach } from 'vitest';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine.js';
import { tempDir, testConfig, type TempDir } from './environment.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { closedPort } from './sockets.js';

// The outage is found at start-up (connection refused); no probe runs during a test.
const TIMING = { OPTIBID_DB_CONNECT_TIMEOUT_MS: '500', OPTIBID_DB_HEALTH_INTERVAL_MS: '600000' };

export interface EngineRun {
  dataDir?: string;
  options?: EngineOptions;
  settings?: Record<string, string>;
}

export interface OfflineRestarts {
  /** The terminal's data directory: its SQLite cache survives from one engine to the next. */
  readonly dir: TempDir;
  /** The shared database, as a terminal reaches it online. */
  readonly pg: TestDatabase;
  /** The same database's URL on a closed port: an engine started on it finds the shared database gone. */
  readonly offlineUrl: string;
  /** An engine on the data directory (or `dataDir`) and `databaseUrl`, closed whatever `use` does; `settings` as the environment's. */
  readonly withEngine: <T>(databaseUrl: string, use: (engine: Engine) => Promise<T>, more?: EngineRun) => Promise<T>;
}

/**
 * For each test of the calling describe: a terminal started, stopped and started again on one data
 * directory, online against a throwaway PostgreSQL or offline against the same URL on a closed
 * port: what the last online run left in the cache is what the offline one has.
 */
export function offlineRestarts(): OfflineRestarts {
  let dir: TempDir | undefined;
  let pg: TestDatabase | undefined;
  let offlineUrl: string | undefined;
  const defined = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists only inside a test`);
    return value;
  };
  beforeEach(async () => {
    dir = await tempDir();
    pg = await createTestDatabase();
    const url = new URL(pg.url);
    url.port = String(await closedPort());
    offlineUrl = url.toString();
  });
  afterEach(async () => {
    await pg?.drop();
    await dir?.remove();
  });
  return {
    get dir() {
      return defined(dir, 'the data directory');
    },
    get pg() {
      return defined(pg, 'the test database');
    },
    get offlineUrl() {
      return defined(offlineUrl, 'the offline URL');
    },
    withEngine: async (databaseUrl, use, { dataDir = defined(dir, 'the data directory').path, options = {}, settings = {} } = {}) => {
      const engine = await createEngine(testConfig(dataDir, { DATABASE_URL: databaseUrl, ...TIMING, ...settings }), options);
      try {
        return await use(engine);
      } finally {
        await engine.close();
      }
    },
  };
}
