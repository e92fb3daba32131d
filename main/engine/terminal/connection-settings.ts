import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { ConnectionSettings, ConnectionTestResult } from '../../../shared/api/terminal.js';
import { actorOf, type Caller } from '../auth/caller.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import { settings } from '../config/settings.js';
import { createPgStore } from '../db/open-stores.js';
import type { Databases } from '../db/databases.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';
import { withoutPassword } from '../redact-url.js';
import { messageOf } from '../error-message.js';

/** A connection test answers within this, whatever the network does. */
export const TEST_DEADLINE_MS = 5000;

/**
 * Query parameters a saved or tested URL may carry. pg reads files named in others
 * (sslrootcert, sslcert, sslkey): the terminal's settings page must not become a way to
 * probe the machine's files.
 */
const ALLOWED_QUERY = new Set(['sslmode']);

class DeadlineError extends Error {
  constructor() {
    super(`No answer within ${TEST_DEADLINE_MS / 1000} s`);
  }
}

/** A URL the engine would accept as DATABASE_URL at start-up, or a 400 naming the field (never echoing the URL). */
function validatedUrl(databaseUrl: string): string {
  const parsed = settings.databaseUrl.parser.parse(databaseUrl);
  const invalid = (message: string): AppError =>
    new AppError('validation_error', 'INVALID_DATABASE_URL', `The database URL ${message}`, [{ field: 'body.databaseUrl', message: `${message}; expected ${settings.databaseUrl.parser.expected}` }]);
  if (!parsed.ok) throw invalid(parsed.problem);
  const unsupported = [...new URL(parsed.value).searchParams.keys()].filter((key) => !ALLOWED_QUERY.has(key));
  if (unsupported.length > 0) throw invalid(`has parameters the terminal does not accept (${unsupported.join(', ')}); only sslmode may be given`);
  return parsed.value;
}

/** What went wrong, in words a trader can act on (pg's own codes and Node's socket errors). */
function describeFailure(error: unknown, target: string): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  const detail = messageOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { code: 'CONNECTION_REFUSED', message: `Nothing accepts connections at ${target}: is PostgreSQL running there, on that port?` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'HOST_NOT_FOUND', message: `The host name of ${target} cannot be resolved: check its spelling and the network` };
    case '28P01':
    case '28000':
      return { code: 'AUTHENTICATION_FAILED', message: `PostgreSQL refused the user name or password (${detail})` };
    case '3D000':
      return { code: 'DATABASE_NOT_FOUND', message: `PostgreSQL answered, but ${detail}: create it first` };
    default:
      if (error instanceof DeadlineError || /timeout/i.test(detail)) return { code: 'TIMEOUT', message: `No answer from ${target} within ${TEST_DEADLINE_MS / 1000} s: a firewall, or the wrong host` };
      return { code: typeof code === 'string' ? code : 'CONNECTION_FAILED', message: detail };
  }
}

/**
 * The database connection of this terminal, as the Settings page manages it: test a remote
 * PostgreSQL, save it (applied at the next start, below the operator's environment and
 * config file, which always win) or go back to the embedded SQLite database. Callers check
 * that the caller may (platform administrators: it decides where every trader's data goes).
 */
export class ConnectionSettingsService {
  private readonly store: Store;

  constructor(
    private readonly config: EngineConfig,
    private readonly databases: Pick<Databases, 'primary' | 'primaryOnline'>,
    private readonly clock: Clock,
  ) {
    this.store = databases.primary;
  }

  private get editable(): boolean {
    return this.config.databaseUrlSource === 'terminal settings' || this.config.databaseUrlSource === 'default';
  }

  async current(): Promise<ConnectionSettings> {
    const saved = await this.savedUrl();
    return {
      running: { dialect: this.store.dialect, target: this.store.target, source: this.config.databaseUrlSource },
      saved: saved ? withoutPassword(saved) : null,
      editable: this.editable,
      restartRequired: this.editable && saved !== this.config.databaseUrl,
    };
  }

  /** Connects once with the engine's own PostgreSQL store and reports what it found, within the deadline. */
  async test(databaseUrl: string): Promise<ConnectionTestResult> {
    const url = validatedUrl(databaseUrl);
    const target = withoutPassword(url);
    const store = await createPgStore(url, { poolMax: 1, connectTimeoutMs: TEST_DEADLINE_MS, queryTimeoutMs: TEST_DEADLINE_MS, healthIntervalMs: TEST_DEADLINE_MS }, () => undefined);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineError()), TEST_DEADLINE_MS);
    });
    try {
      const serverVersion = await Promise.race([store.serverVersion(), deadline]);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const migrations = await Promise.race([store.migrationState(), deadline]);
      return { ok: true, target, latencyMs, serverVersion, migrations, problem: null };
    } catch (error) {
      return { ok: false, target, latencyMs: null, serverVersion: null, migrations: null, problem: describeFailure(error, target) };
    } finally {
      clearTimeout(timer);
      await store.close();
    }
  }

  /** Saves (or, with null, removes) the remote database for the next start, and records who did. */
  async save(caller: Caller, databaseUrl: string | null, context: RequestContext): Promise<ConnectionSettings> {
    if (!this.editable) {
      throw new AppError('conflict', 'CONNECTION_SET_BY_OPERATOR', `${settings.databaseUrl.env} is set in the ${this.config.databaseUrlSource}, which wins over anything saved here; change it there`, {
        source: this.config.databaseUrlSource,
      });
    }
    const url = databaseUrl === null ? null : validatedUrl(databaseUrl);
    // The change is recorded in the floor's audit log or not made: while that log is out of
    // reach (the moment an operator most wants a new connection) the way round is the one that
    // wins anyway, the environment or the config file, and the message says so.
    if (!this.databases.primaryOnline) {
      throw new AppError(
        'service_unavailable',
        'AUDIT_LOG_UNREACHABLE',
        `Nothing was saved: a change of connection is recorded in the floor's audit log, on ${this.store.target}, which cannot be reached. Save it here once that database answers, or set ${settings.databaseUrl.env} in this terminal's environment or config file, which win over this setting.`,
        { target: this.store.target },
      );
    }
    const { [settings.databaseUrl.env]: previous, ...others } = await this.readFile();
    const next = url ? { ...others, [settings.databaseUrl.env]: url } : others;
    // Written whole, recorded, then renamed into place: a crash or a failed audit never leaves
    // half a file or an unrecorded change. Owner-only: it holds a password.
    const file = this.config.terminalSettingsPath;
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    try {
      const facts = {
        ...actorOf(caller),
        organizationId: caller.organizationId,
        action: 'terminal.connection.update',
        resourceType: 'terminal',
        resourceId: null,
        before: { databaseUrl: previous ? withoutPassword(previous) : null },
        after: { databaseUrl: url ? withoutPassword(url) : null },
      };
      await this.store.transaction((r) => recordAudit(r, this.clock, facts, context));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await rename(temporary, file);
    return this.current();
  }

  private async savedUrl(): Promise<string | null> {
    return (await this.readFile())[settings.databaseUrl.env] ?? null;
  }

  private async readFile(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.config.terminalSettingsPath, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }
}
