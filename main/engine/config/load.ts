import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { configFileVariable, settings, type FeedNames, type LogLevels, type Setting, type SettingKey, type SettingValue } from './settings.js';
import { defaultUserDataDir } from './user-data-dir.js';

export interface EngineConfig {
  port: number;
  dataDir: string;
  sqlitePath: string;
  databaseUrl: string | null;
  db: { poolMax: number; connectTimeoutMs: number; queryTimeoutMs: number; healthIntervalMs: number };
  logLevel: (typeof LogLevels)[number];
  services: {
    redisUrl: string | null;
    kafkaBrokers: string[] | null;
    clickhouseUrl: string | null;
    mlflowUrl: string | null;
    minioUrl: string | null;
  };
  probe: { timeoutMs: number; intervalMs: number; maxBackoffMs: number };
  /** Folder of the built renderer to serve at / (browser mode), or null for the API alone. */
  rendererDir: string | null;
  /** WebSocket ping interval; a peer silent for two of them is terminated. */
  streamHeartbeatMs: number;
  feeds: {
    names: (typeof FeedNames)[number][];
    simulatorTickMs: number;
    simulatorSeed: number | null;
    tickRetentionDays: number;
    /** The replay of stored history: its zones (null: every zone with some), start (null: the first stored hour) and speed. */
    replay: { zones: string[] | null; from: Date | null; speed: number };
  };
  /** The trading floor's update server for the desktop app; null: it never checks. */
  updateFeedUrl: string | null;
  /** Where DATABASE_URL came from: the Settings page may change only a saved or unset one. */
  databaseUrlSource: 'environment' | 'config file' | 'terminal settings' | 'default';
  /** The file the Settings page writes (in the data directory), read below the environment and config file. */
  terminalSettingsPath: string;
}

/** Settings the terminal's own Settings page may save; everything else is the operator's. */
export const SAVABLE_SETTINGS: ReadonlySet<string> = new Set([settings.databaseUrl.env]);

/** The file name of the terminal's saved settings, inside its data directory. */
export const TERMINAL_SETTINGS_FILE = 'terminal-settings.json';

/** Start-up stops on this: one line per problem, each naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Values = { [K in SettingKey]: SettingValue<(typeof settings)[K]> };

function readConfigFile(file: string, problems: string[], { label, allowed, expected, optional }: { label: string; allowed: ReadonlySet<string>; expected: string; optional: boolean }): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read as JSON (${(error as Error).message})`;
    problems.push(`${label}: "${file}" ${reason}; expected a JSON object of variable names to values`);
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${label}: "${file}" is not a JSON object; expected a JSON object of variable names to values`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!allowed.has(key)) {
      problems.push(`${key} (in ${file}): is not a known setting; expected ${expected}`);
    } else if (typeof value === 'string' || typeof value === 'number') {
      values[key] = String(value);
    } else {
      problems.push(`${key} (in ${file}): ${JSON.stringify(value)} is not a string or number; expected a string or number`);
    }
  }
  return values;
}

/**
 * Reads every setting from the environment (and the optional config file), validates all of
 * them and reports every problem at once, so an operator fixes a broken setup in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Pick<EngineConfig, 'port' | 'rendererDir'>> = {}): EngineConfig {
  const problems: string[] = [];
  const configFile = env[configFileVariable.env];
  const allSettings = new Set(Object.values(settings).map((s) => s.env));
  const fromFile = configFile ? readConfigFile(resolve(configFile), problems, { label: configFileVariable.env, allowed: allSettings, expected: 'one of the variables listed in README.md', optional: false }) : {};
  // The saved settings live in the data directory, so that one is found first (a bad value is reported by the loop below).
  const dataDirRaw = env[settings.dataDir.env] ?? fromFile[settings.dataDir.env];
  const dataDirParsed = dataDirRaw ? settings.dataDir.parser.parse(dataDirRaw) : null;
  const terminalSettingsPath = join(resolveDir((dataDirParsed?.ok ? dataDirParsed.value : null) ?? defaultUserDataDir(env)), TERMINAL_SETTINGS_FILE);
  const saved = readConfigFile(terminalSettingsPath, problems, { label: 'Saved terminal settings', allowed: SAVABLE_SETTINGS, expected: `one of ${[...SAVABLE_SETTINGS].join(', ')} (the Settings page writes this file)`, optional: true });

  const values = {} as Record<SettingKey, unknown>;
  for (const [key, spec] of Object.entries(settings) as [SettingKey, Setting<unknown>][]) {
    const raw = env[spec.env] ?? fromFile[spec.env] ?? saved[spec.env];
    if (raw === undefined || raw === '') {
      values[key] = spec.defaultValue;
      continue;
    }
    const parsed = spec.parser.parse(raw);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push(`${spec.env}: "${withoutCredentials(raw)}" ${parsed.problem}; expected ${spec.parser.expected}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const v = values as Values;
  const dataDir = resolveDir(v.dataDir ?? defaultUserDataDir(env));
  return {
    port: overrides.port ?? v.port,
    dataDir,
    sqlitePath: v.sqlitePath ? resolveDir(v.sqlitePath) : join(dataDir, 'optibid.sqlite'),
    databaseUrl: v.databaseUrl,
    db: {
      poolMax: v.dbPoolMax,
      connectTimeoutMs: v.dbConnectTimeoutMs,
      queryTimeoutMs: v.dbQueryTimeoutMs,
      healthIntervalMs: v.dbHealthIntervalMs,
    },
    logLevel: v.logLevel,
    services: {
      redisUrl: v.redisUrl,
      kafkaBrokers: v.kafkaBrokers,
      clickhouseUrl: v.clickhouseUrl,
      mlflowUrl: v.mlflowUrl,
      minioUrl: v.minioUrl,
    },
    probe: {
      timeoutMs: v.probeTimeoutMs,
      intervalMs: v.probeIntervalMs,
      maxBackoffMs: v.probeMaxBackoffMs,
    },
    rendererDir: overrides.rendererDir ?? null,
    streamHeartbeatMs: v.streamHeartbeatMs,
    feeds: {
      names: v.feeds,
      simulatorTickMs: v.simulatorTickMs,
      simulatorSeed: v.simulatorSeed,
      tickRetentionDays: v.tickRetentionDays,
      replay: { zones: v.replayZones, from: v.replayFrom, speed: v.replaySpeed },
    },
    updateFeedUrl: v.updateFeedUrl,
    databaseUrlSource: sourceOf(settings.databaseUrl.env, env, fromFile, saved),
    terminalSettingsPath,
  };
}

function sourceOf(variable: string, env: NodeJS.ProcessEnv, fromFile: Record<string, string>, saved: Record<string, string>): EngineConfig['databaseUrlSource'] {
  if (env[variable]) return 'environment';
  if (fromFile[variable]) return 'config file';
  if (saved[variable]) return 'terminal settings';
  return 'default';
}

/** A value as a problem message may show it: a URL's password never reaches a dialog or a log. */
const withoutCredentials = (raw: string): string => raw.replace(/(\/\/[^/@:\s]*):[^@/\s]*@/, '$1:***@');

const resolveDir = (p: string): string => (isAbsolute(p) ? p : resolve(p));
