import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { configFileVariable, settings, type LogLevels, type Setting, type SettingKey, type SettingValue } from './settings.js';
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
}

/** Start-up stops on this: one line per problem, each naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Values = { [K in SettingKey]: SettingValue<(typeof settings)[K]> };

function readConfigFile(file: string, problems: string[]): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read as JSON (${(error as Error).message})`;
    problems.push(`${configFileVariable.env}: "${file}" ${reason}; expected a JSON object of variable names to values`);
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${configFileVariable.env}: "${file}" is not a JSON object; expected a JSON object of variable names to values`);
    return {};
  }
  const known = new Set(Object.values(settings).map((s) => s.env));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.has(key)) {
      problems.push(`${key} (in ${file}): is not a known setting; expected one of the variables listed in README.md`);
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
  const fromFile = configFile ? readConfigFile(resolve(configFile), problems) : {};

  const values = {} as Record<SettingKey, unknown>;
  for (const [key, spec] of Object.entries(settings) as [SettingKey, Setting<unknown>][]) {
    const raw = env[spec.env] ?? fromFile[spec.env];
    if (raw === undefined || raw === '') {
      values[key] = spec.defaultValue;
      continue;
    }
    const parsed = spec.parser.parse(raw);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push(`${spec.env}: "${raw}" ${parsed.problem}; expected ${spec.parser.expected}`);
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
  };
}

const resolveDir = (p: string): string => (isAbsolute(p) ? p : resolve(p));
