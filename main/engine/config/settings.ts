import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import { hostPortList, idList, integer, isoInstant, oneOf, path, subsetOf, url, type Parser } from './parsers.js';

/**
 * Every setting of the terminal, in one table: the variable, what it means, its default and
 * the feature that needs it. The loader, `.env.example` and the README table all follow this
 * list (a test checks that the two documents name every variable).
 */
export interface Setting<T, D extends T | null = T | null> {
  env: string;
  parser: Parser<T>;
  /** Default value, or null when the setting is optional and absent means "not configured". */
  defaultValue: D;
  /** How the default reads in the docs. */
  defaultText: string;
  description: string;
  feature: string;
  /** A value for .env.example where the default does not show the format. */
  example?: string;
}

const setting = <T, D extends T | null>(s: Setting<T, D>): Setting<T, D> => s;

/** The value type of a setting: nullable only where it has no default. */
export type SettingValue<S> = S extends Setting<infer T, infer D> ? (null extends D ? T | null : T) : never;

export const LogLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const FeedNames = ['simulator', 'replay'] as const;
/** The zones a setting may name: those of the catalogue this build ships. */
const ZONE_IDS = loadZoneCatalogue().zones.map((zone) => zone.id);

export const settings = {
  port: setting({
    env: 'OPTIBID_PORT',
    parser: integer(0, 65535),
    defaultValue: 4317,
    defaultText: '4317',
    description: 'TCP port of the local API on 127.0.0.1; 0 picks a free port',
    feature: 'local API server (serve, browser mode)',
  }),
  dataDir: setting({
    env: 'OPTIBID_DATA_DIR',
    parser: path(),
    defaultValue: null,
    defaultText: 'the user data directory (~/.config/OptiBid Terminal, %APPDATA%\\OptiBid Terminal, ~/Library/Application Support/OptiBid Terminal)',
    description: 'Where the terminal keeps its SQLite database, keys, logs and model files',
    feature: 'all local storage',
    example: '/var/lib/optibid',
  }),
  sqlitePath: setting({
    env: 'OPTIBID_SQLITE_PATH',
    parser: path(),
    defaultValue: null,
    defaultText: '<data dir>/optibid.sqlite',
    description: 'The SQLite file: the whole database without DATABASE_URL, the offline cache and outbox with it',
    feature: 'embedded database, offline cache',
    example: '/var/lib/optibid/optibid.sqlite',
  }),
  databaseUrl: setting({
    env: 'DATABASE_URL',
    parser: url(['postgres:', 'postgresql:']),
    defaultValue: null,
    defaultText: 'not set: SQLite is the whole database',
    description: 'The shared PostgreSQL of the trading floor (source of truth when set)',
    feature: 'shared database across terminals',
    example: 'postgres://trader:secret@db.floor.example:5432/optibid',
  }),
  dbPoolMax: setting({
    env: 'OPTIBID_DB_POOL_MAX',
    parser: integer(1, 100),
    defaultValue: 10,
    defaultText: '10',
    description: 'Maximum PostgreSQL connections of this terminal',
    feature: 'shared database',
  }),
  dbConnectTimeoutMs: setting({
    env: 'OPTIBID_DB_CONNECT_TIMEOUT_MS',
    parser: integer(100, 60000, 'ms'),
    // With the query timeout, bounds a request on a dead database below the 5 s RELIABILITY.md promises (database-loss.test.ts).
    defaultValue: 2000,
    defaultText: '2000',
    description: 'How long to wait for a PostgreSQL connection (a new one, or a free one of the pool) before calling the database unreachable or busy',
    feature: 'shared database',
  }),
  dbQueryTimeoutMs: setting({
    env: 'OPTIBID_DB_QUERY_TIMEOUT_MS',
    parser: integer(100, 600000, 'ms'),
    defaultValue: 2000,
    defaultText: '2000',
    description: 'Longest a PostgreSQL statement may run before the server cancels it (the client gives up 500 ms later on a silent connection)',
    feature: 'shared database',
  }),
  dbHealthIntervalMs: setting({
    env: 'OPTIBID_DB_HEALTH_INTERVAL_MS',
    parser: integer(250, 600000, 'ms'),
    // Interval + connect timeout: an outage shows as offline within 3 s (promised: 5 s).
    defaultValue: 1000,
    defaultText: '1000',
    description: 'How often the database connection is checked for /health and the offline indicator (also the longest wait between checks while it is down)',
    feature: 'health, offline detection',
  }),
  logLevel: setting<(typeof LogLevels)[number], 'info'>({
    env: 'OPTIBID_LOG_LEVEL',
    parser: oneOf(LogLevels),
    defaultValue: 'info',
    defaultText: 'info',
    description: 'pino log level of the engine (JSON lines on stdout; in the desktop app, in <user data>/logs/optibid.log)',
    feature: 'logging',
  }),
  redisUrl: setting({
    env: 'REDIS_URL',
    parser: url(['redis:', 'rediss:']),
    defaultValue: null,
    defaultText: 'not set',
    description: 'Redis for cross-process fan-out and shared login throttling (optional)',
    feature: 'price fan-out across processes, shared login throttling',
    example: 'redis://127.0.0.1:6379',
  }),
  kafkaBrokers: setting({
    env: 'KAFKA_BROKERS',
    parser: hostPortList(),
    defaultValue: null,
    defaultText: 'not set',
    description: 'Kafka brokers for market-data and bid event export (optional)',
    feature: 'event export to Kafka',
    example: 'kafka1:9092,kafka2:9092',
  }),
  clickhouseUrl: setting({
    env: 'CLICKHOUSE_URL',
    parser: url(['http:', 'https:']),
    defaultValue: null,
    defaultText: 'not set',
    description: 'ClickHouse HTTP endpoint for long-range tick analytics (optional)',
    feature: 'long-range analytics in ClickHouse',
    example: 'http://127.0.0.1:8123',
  }),
  mlflowUrl: setting({
    env: 'MLFLOW_TRACKING_URI',
    parser: url(['http:', 'https:']),
    defaultValue: null,
    defaultText: 'not set',
    description: 'MLflow tracking server; training runs are also logged there (optional)',
    feature: 'experiment tracking in MLflow',
    example: 'http://127.0.0.1:5000',
  }),
  minioUrl: setting({
    env: 'MINIO_ENDPOINT',
    parser: url(['http:', 'https:']),
    defaultValue: null,
    defaultText: 'not set',
    description: 'MinIO / S3 endpoint for model artifacts and backups (optional)',
    feature: 'artifact and backup storage in MinIO',
    example: 'http://127.0.0.1:9000',
  }),
  probeTimeoutMs: setting({
    env: 'OPTIBID_PROBE_TIMEOUT_MS',
    parser: integer(50, 30000, 'ms'),
    defaultValue: 1500,
    defaultText: '1500',
    description: 'Timeout of one health probe of an optional service',
    feature: 'health',
  }),
  probeIntervalMs: setting({
    env: 'OPTIBID_PROBE_INTERVAL_MS',
    parser: integer(1000, 3600000, 'ms'),
    defaultValue: 30000,
    defaultText: '30000',
    description: 'How often a healthy optional service is probed again',
    feature: 'health',
  }),
  probeMaxBackoffMs: setting({
    env: 'OPTIBID_PROBE_MAX_BACKOFF_MS',
    parser: integer(1000, 3600000, 'ms'),
    defaultValue: 60000,
    defaultText: '60000',
    description: 'Longest wait between probes of an unavailable service (backoff doubles from 1 s)',
    feature: 'health',
  }),
  streamHeartbeatMs: setting({
    env: 'OPTIBID_WS_HEARTBEAT_MS',
    parser: integer(100, 600000, 'ms'),
    defaultValue: 30000,
    defaultText: '30000',
    description: 'WebSocket heartbeat: every interval a ping; a peer that has not answered the previous one is cut off',
    feature: 'event stream',
  }),
  feeds: setting<(typeof FeedNames)[number][], (typeof FeedNames)[number][]>({
    env: 'OPTIBID_FEEDS',
    parser: subsetOf(FeedNames),
    defaultValue: ['simulator'],
    defaultText: 'simulator',
    description: 'Price feeds to run ("none" for none); the simulator is the embedded default, replay plays stored day-ahead history',
    feature: 'live prices',
  }),
  tickRetentionDays: setting({
    env: 'OPTIBID_TICK_RETENTION_DAYS',
    parser: integer(1, 3650, 'days'),
    defaultValue: 7,
    defaultText: '7',
    description: 'Raw ticks older than this are deleted (hourly); interval prices are kept',
    feature: 'live prices',
  }),
  simulatorTickMs: setting({
    env: 'OPTIBID_SIMULATOR_TICK_MS',
    // Down to 1 ms (15 zones: up to 15,000 ticks/s) so the simulator can load the real streaming
    // and ingest path at a trading floor's peak rate, as bench/fanout.mjs does.
    parser: integer(1, 60000, 'ms'),
    defaultValue: 1000,
    defaultText: '1000',
    description: 'How often the simulator publishes a price for every zone',
    feature: 'live prices (simulator)',
  }),
  simulatorSeed: setting({
    env: 'OPTIBID_SIMULATOR_SEED',
    parser: integer(0, 2147483647),
    defaultValue: null,
    defaultText: 'not set: a new seed at each start (logged)',
    description: 'Seed of the simulator, for a repeatable run',
    feature: 'live prices (simulator)',
    example: '20261126',
  }),
  replayZones: setting<string[], null>({
    env: 'OPTIBID_REPLAY_ZONES',
    parser: idList(ZONE_IDS),
    defaultValue: null,
    defaultText: 'every zone with stored day-ahead prices',
    description: 'Zones whose stored day-ahead prices the replay feed plays (comma-separated)',
    feature: 'live prices (replay)',
    example: 'DE_LU,FR',
  }),
  replayFrom: setting<Date, null>({
    env: 'OPTIBID_REPLAY_FROM',
    parser: isoInstant(),
    defaultValue: null,
    defaultText: 'the first stored hour of those zones',
    description: 'Market time the replay starts at: a date (00:00 UTC) or an ISO date and time with its offset',
    feature: 'live prices (replay)',
    example: '2021-12-01',
  }),
  replaySpeed: setting({
    env: 'OPTIBID_REPLAY_SPEED',
    parser: integer(1, 604800),
    defaultValue: 3600,
    defaultText: '3600 (an hour per second)',
    description: 'Seconds of market time the replay plays per second of wall time',
    feature: 'live prices (replay)',
  }),
  updateFeedUrl: setting({
    env: 'OPTIBID_UPDATE_FEED_URL',
    parser: url(['https:', 'http:']),
    defaultValue: null,
    defaultText: 'not set: the desktop app never checks for updates',
    description: 'The trading floor’s update server (electron-updater generic feed: latest.yml and the installers); checked at start and every 4 hours',
    feature: 'desktop app updates',
    example: 'https://updates.floor.example/optibid/',
  }),
} as const;

export type SettingKey = keyof typeof settings;

/** The variable that names the optional JSON config file; not itself allowed inside the file. */
export const configFileVariable = {
  env: 'OPTIBID_CONFIG_FILE',
  defaultText: 'not set',
  description: 'A JSON file whose keys are any of the variables below; the environment wins over the file',
  feature: 'configuration',
} as const;
