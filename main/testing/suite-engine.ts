import { afterAll, beforeAll } from 'vitest';
import { createEngine, type Engine } from '../engine/engine.js';
import { tempDir, testConfig, type TempDir } from './environment.js';

export interface SuiteEngine {
  /** The running engine (from the suite's first hook on). */
  readonly engine: Engine;
}

/**
 * One engine on its own temporary data directory for the tests of the describe block this is
 * called in: started before its other beforeAll hooks, closed and its directory removed after
 * its other afterAll hooks (vitest runs after-hooks in reverse order).
 */
export function suiteEngine(env: Record<string, string> = {}): SuiteEngine {
  let dir: TempDir | undefined;
  let engine: Engine | undefined;
  beforeAll(async () => {
    dir = await tempDir();
    engine = await createEngine(testConfig(dir.path, env));
  });
  afterAll(async () => {
    await engine?.close();
    await dir?.remove();
  });
  return {
    get engine(): Engine {
      if (!engine) throw new Error('The suite engine is read before its beforeAll hook ran');
      return engine;
    },
  };
}
