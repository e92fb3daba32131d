import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRoot } from '../app-paths.js';
import { tempDir, type TempDir } from '../../testing/environment.js';
import { envExample, withSettingsTable } from './docs.js';
import { ConfigError, loadConfig } from './load.js';
import { configFileVariable, settings } from './settings.js';
import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import { defaultUserDataDir } from './user-data-dir.js';

const ZONE_LIST = loadZoneCatalogue().zones.map((zone) => zone.id).join(', ');
const INSTANT = 'an ISO 8601 date (2021-12-01, 00:00 UTC) or date and time with its offset (2021-12-01T06:00:00+01:00)';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('configuration was accepted');
}

describe('configuration', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('has sensible defaults for everything: SQLite under the user data directory, nothing optional configured', () => {
    const env = { HOME: '/home/trader', XDG_CONFIG_HOME: '/home/trader/.config' };
    const config = loadConfig(env);
    expect(config.port).toBe(4317);
    expect(config.dataDir).toBe(defaultUserDataDir(env));
    expect(config.dataDir).toBe('/home/trader/.config/OptiBid Terminal');
    expect(config.sqlitePath).toBe('/home/trader/.config/OptiBid Terminal/optibid.sqlite');
    expect(config.databaseUrl).toBeNull();
    expect(config.services).toEqual({ redisUrl: null, kafkaBrokers: null, clickhouseUrl: null, mlflowUrl: null, minioUrl: null });
    expect(config.logLevel).toBe('info');
    expect(config.db).toEqual({ poolMax: 10, connectTimeoutMs: 2000, queryTimeoutMs: 2000, healthIntervalMs: 1000 });
    expect(config.feeds).toMatchObject({ names: ['simulator'], replay: { zones: null, from: null, speed: 3600 } });
  });

  it('places the data directory where Electron would on Windows and macOS too', () => {
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32')).toContain('OptiBid Terminal');
    expect(defaultUserDataDir({}, 'darwin')).toMatch(/Library[\\/]Application Support[\\/]OptiBid Terminal$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      OPTIBID_PORT: '0',
      OPTIBID_DATA_DIR: dir.path,
      OPTIBID_SQLITE_PATH: join(dir.path, 'x.sqlite'),
      DATABASE_URL: 'postgres://trader:secret@db.floor:5432/optibid',
      OPTIBID_DB_POOL_MAX: '4',
      OPTIBID_DB_CONNECT_TIMEOUT_MS: '1500',
      OPTIBID_DB_QUERY_TIMEOUT_MS: '4000',
      OPTIBID_DB_HEALTH_INTERVAL_MS: '500',
      OPTIBID_LOG_LEVEL: 'DEBUG',
      REDIS_URL: 'redis://cache:6379',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      CLICKHOUSE_URL: 'http://ch:8123',
      MLFLOW_TRACKING_URI: 'http://mlflow:5000',
      MINIO_ENDPOINT: 'https://minio:9000',
      OPTIBID_PROBE_TIMEOUT_MS: '800',
      OPTIBID_PROBE_INTERVAL_MS: '5000',
      OPTIBID_PROBE_MAX_BACKOFF_MS: '2000',
      OPTIBID_FEEDS: 'replay, simulator',
      OPTIBID_REPLAY_ZONES: 'de_lu, FR,de_lu',
      OPTIBID_REPLAY_FROM: '2021-12-01T06:00:00+01:00',
      OPTIBID_REPLAY_SPEED: '60',
    });
    expect(config).toMatchObject({
      port: 0,
      sqlitePath: join(dir.path, 'x.sqlite'),
      databaseUrl: 'postgres://trader:secret@db.floor:5432/optibid',
      db: { poolMax: 4, connectTimeoutMs: 1500, queryTimeoutMs: 4000, healthIntervalMs: 500 },
      logLevel: 'debug',
      services: { redisUrl: 'redis://cache:6379', kafkaBrokers: ['k1:9092', 'k2:9093'], clickhouseUrl: 'http://ch:8123', mlflowUrl: 'http://mlflow:5000', minioUrl: 'https://minio:9000' },
      probe: { timeoutMs: 800, intervalMs: 5000, maxBackoffMs: 2000 },
      feeds: { names: ['replay', 'simulator'], replay: { zones: ['DE_LU', 'FR'], from: new Date('2021-12-01T05:00:00Z'), speed: 60 } },
    });
    expect(loadConfig({ OPTIBID_DATA_DIR: dir.path, OPTIBID_REPLAY_FROM: '2021-12-01' }).feeds.replay.from).toEqual(new Date('2021-12-01T00:00:00Z'));
  });

  it.each([
    [{ OPTIBID_PORT: 'eighty' }, 'OPTIBID_PORT: "eighty" is not an integer; expected an integer from 0 to 65535'],
    [{ OPTIBID_PORT: '70000' }, 'OPTIBID_PORT: "70000" is out of range; expected an integer from 0 to 65535'],
    [{ OPTIBID_LOG_LEVEL: 'loud' }, 'OPTIBID_LOG_LEVEL: "loud" is not an allowed value; expected one of fatal, error, warn, info, debug, trace, silent'],
    [{ DATABASE_URL: 'mysql://db/optibid' }, 'DATABASE_URL: "mysql://db/optibid" has the unsupported scheme mysql:; expected a URL starting with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: "not a url" is not a valid URL; expected a URL starting with postgres:// or postgresql://'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL: "http://cache:6379" has the unsupported scheme http:; expected a URL starting with redis:// or rediss://'],
    [{ KAFKA_BROKERS: 'k1:9092,k2' }, 'KAFKA_BROKERS: "k1:9092,k2" has the malformed entry "k2"; expected a comma-separated list of host:port, e.g. broker1:9092,broker2:9092'],
    [{ CLICKHOUSE_URL: 'ftp://ch' }, 'CLICKHOUSE_URL: "ftp://ch" has the unsupported scheme ftp:; expected a URL starting with http:// or https://'],
    [{ OPTIBID_DB_POOL_MAX: '0' }, 'OPTIBID_DB_POOL_MAX: "0" is out of range; expected an integer from 1 to 100'],
    [{ OPTIBID_DB_QUERY_TIMEOUT_MS: '5s' }, 'OPTIBID_DB_QUERY_TIMEOUT_MS: "5s" is not an integer; expected an integer from 100 to 600000 ms'],
    [{ OPTIBID_PROBE_TIMEOUT_MS: '10' }, 'OPTIBID_PROBE_TIMEOUT_MS: "10" is out of range; expected an integer from 50 to 30000 ms'],
    [{ KAFKA_BROKERS: ' , ' }, 'KAFKA_BROKERS: " , " is empty; expected a comma-separated list of host:port, e.g. broker1:9092,broker2:9092'],
    [{ MLFLOW_TRACKING_URI: 'http://:5000' }, 'MLFLOW_TRACKING_URI: "http://:5000" is not a valid URL; expected a URL starting with http:// or https://'],
    [{ OPTIBID_FEEDS: 'replay,csv' }, 'OPTIBID_FEEDS: "replay,csv" names csv, which is not one of them; expected "none" or a comma-separated list of simulator, replay'],
    [{ OPTIBID_REPLAY_ZONES: 'DE_LU,ATLANTIS' }, `OPTIBID_REPLAY_ZONES: "DE_LU,ATLANTIS" names ATLANTIS, which is not one of them; expected a comma-separated list of ${ZONE_LIST}`],
    [{ OPTIBID_REPLAY_ZONES: ' , ' }, `OPTIBID_REPLAY_ZONES: " , " is empty; expected a comma-separated list of ${ZONE_LIST}`],
    [{ OPTIBID_REPLAY_FROM: '1/12/2021' }, `OPTIBID_REPLAY_FROM: "1/12/2021" is not an ISO 8601 date or date and time with an offset; expected ${INSTANT}`],
    [{ OPTIBID_REPLAY_FROM: '2021-12-01T06:00:00' }, `OPTIBID_REPLAY_FROM: "2021-12-01T06:00:00" is not an ISO 8601 date or date and time with an offset; expected ${INSTANT}`],
    [{ OPTIBID_REPLAY_FROM: '2021-02-30' }, `OPTIBID_REPLAY_FROM: "2021-02-30" is not a calendar date; expected ${INSTANT}`],
    [{ OPTIBID_REPLAY_SPEED: '0' }, 'OPTIBID_REPLAY_SPEED: "0" is out of range; expected an integer from 1 to 604800'],
  ])('stops start-up on %o with one clear line', (env, line) => {
    expect(problemsOf(env)).toEqual([line]);
  });

  it('reports every problem at once, one line each, each naming its variable', () => {
    const problems = problemsOf({ OPTIBID_PORT: '-1', OPTIBID_LOG_LEVEL: 'chatty', MINIO_ENDPOINT: 's3://bucket' });
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['OPTIBID_PORT', 'OPTIBID_LOG_LEVEL', 'MINIO_ENDPOINT']);
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('never shows a URL’s password in a problem, wherever the bad value came from', () => {
    let problems: string[] = [];
    try {
      loadConfig({ OPTIBID_DATA_DIR: dir.path, DATABASE_URL: 'mysql://trader:hunter2secret@db.floor.example/optibid' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringContaining('DATABASE_URL: "mysql://trader:***@db.floor.example/optibid"')]);
    expect(problems.join('\n')).not.toContain('hunter2secret');
  });

  it('reads an optional JSON config file; the environment wins over it', async () => {
    const file = join(dir.path, 'optibid.json');
    await writeFile(file, JSON.stringify({ OPTIBID_PORT: 5000, OPTIBID_LOG_LEVEL: 'warn', REDIS_URL: 'redis://file:6379' }));
    const config = loadConfig({ [configFileVariable.env]: file, OPTIBID_LOG_LEVEL: 'error' });
    expect([config.port, config.logLevel, config.services.redisUrl]).toEqual([5000, 'error', 'redis://file:6379']);
  });

  it('refuses a config file that is missing, not JSON, or names unknown settings', async () => {
    const bad = join(dir.path, 'bad.json');
    await writeFile(bad, '{ "OPTIBID_PORT": ');
    expect(problemsOf({ [configFileVariable.env]: join(dir.path, 'missing.json') })[0]).toMatch(/^OPTIBID_CONFIG_FILE: ".*missing\.json" does not exist; expected a JSON object/);
    expect(problemsOf({ [configFileVariable.env]: bad })[0]).toMatch(/^OPTIBID_CONFIG_FILE: ".*bad\.json" cannot be read as JSON/);
    const list = join(dir.path, 'list.json');
    await writeFile(list, '["OPTIBID_PORT"]');
    expect(problemsOf({ [configFileVariable.env]: list })[0]).toMatch(/^OPTIBID_CONFIG_FILE: ".*list\.json" is not a JSON object; expected a JSON object/);
    const unknown = join(dir.path, 'unknown.json');
    await writeFile(unknown, JSON.stringify({ OPTIBID_PROT: 1, OPTIBID_PORT: true }));
    expect(problemsOf({ [configFileVariable.env]: unknown })).toEqual([
      `OPTIBID_PROT (in ${unknown}): is not a known setting; expected one of the variables listed in README.md`,
      `OPTIBID_PORT (in ${unknown}): true is not a string or number; expected a string or number`,
    ]);
  });

  it('documents every variable, as the settings table states it, in README.md and .env.example', () => {
    const readme = readFileSync(join(appRoot, 'README.md'), 'utf8');
    const example = readFileSync(join(appRoot, '.env.example'), 'utf8');
    const regenerate = 'out of date: run `node dist/main/cli.js config-docs`';
    expect(withSettingsTable(readme), `README.md settings table ${regenerate}`).toBe(readme);
    expect(example, `.env.example ${regenerate}`).toBe(envExample());
    for (const variable of [configFileVariable.env, ...Object.values(settings).map((s) => s.env)]) {
      expect(readme).toMatch(new RegExp(`^\\| \`${variable}\` \\|`, 'm'));
      expect(example).toMatch(new RegExp(`^# ${variable}=`, 'm'));
    }
  });
});
