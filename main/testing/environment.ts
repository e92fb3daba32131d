import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { loadConfig, type EngineConfig } from '../engine/config/load.js';

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

export async function tempDir(prefix = 'optibid-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Configuration as start-up builds it, from variables, with a private data directory. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): EngineConfig {
  // No price feed unless a test asks for one: ticks every second would be noise in every other test.
  return loadConfig({ OPTIBID_DATA_DIR: dataDir, OPTIBID_LOG_LEVEL: 'silent', OPTIBID_PORT: '0', OPTIBID_FEEDS: 'none', ...env });
}

export interface CapturedLog {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose JSON lines are kept for assertions. */
export function capturingLogger(level = 'info'): { logger: Logger; lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as CapturedLog);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

export const WARN = 40;
export const INFO = 30;
