import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ConnectionSettings, ConnectionTestResult } from '../../../shared/api/terminal.js';
import type { EngineConfig } from '../config/load.js';
import { settings } from '../config/settings.js';
import { createPgStore } from '../db/open-stores.js';
import { AppError } from '../http/app-error.js';
import { withoutPassword } from '../redact-url.js';

/** A connection test answers within this, whatever the network does. */
const TEST_TIMEOUT_MS = 5000;

/** What went wrong, in words a trader can act on (pg's own codes and Node's socket errors). */
function describeFailure(error: unknown, target: string): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
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
      if (/timeout/i.test(detail)) return { code: 'TIMEOUT', message: `No answer from ${target} within ${TEST_TIMEOUT_MS / 1000} s: a firewall, or the wrong host` };
      return { code: typeof code === 'string' ? code : 'CONNECTION_FAILED', message: detail };
  }
}

/**
 * The database connection of this terminal, as the Settings page manages it: test a remote
 * PostgreSQL, save it (applied at the next start, below the operator's environment and
 * config file, which always win) or go back to the embedded SQLite database.
 */
export class ConnectionSettingsService {
  constructor(
    private readonly config: EngineConfig,
    private readonly running: { dialect: 'sqlite' | 'postgres'; target: string },
  ) {}

  private get editable(): boolean {
    return this.config.databaseUrlSource === 'terminal settings' || this.config.databaseUrlSource === 'default';
  }

  async current(): Promise<ConnectionSettings> {
    const saved = await this.savedUrl();
    const runningUrl = this.config.databaseUrl;
    return {
      running: { ...this.running, source: this.config.databaseUrlSource },
      saved: saved ? withoutPassword(saved) : null,
      editable: this.editable,
      restartRequired: this.editable && saved !== runningUrl,
    };
  }

  /** Connects once with the engine's own PostgreSQL store and reports what it found; never throws. */
  async test(databaseUrl: string): Promise<ConnectionTestResult> {
    const target = withoutPassword(databaseUrl);
    let store: Awaited<ReturnType<typeof createPgStore>> | null = null;
    const started = performance.now();
    try {
      store = await createPgStore(databaseUrl, { poolMax: 1, connectTimeoutMs: TEST_TIMEOUT_MS, queryTimeoutMs: TEST_TIMEOUT_MS, healthIntervalMs: TEST_TIMEOUT_MS }, () => undefined);
      const serverVersion = await store.serverVersion();
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const migrations = await store.migrationState();
      return { ok: true, target, latencyMs, serverVersion, migrations, problem: null };
    } catch (error) {
      return { ok: false, target, latencyMs: null, serverVersion: null, migrations: null, problem: describeFailure(error, target) };
    } finally {
      await store?.close();
    }
  }

  /** Saves (or, with null, removes) the remote database for the next start. */
  async save(databaseUrl: string | null): Promise<ConnectionSettings> {
    if (!this.editable) {
      throw new AppError('conflict', 'CONNECTION_SET_BY_OPERATOR', `${settings.databaseUrl.env} is set in the ${this.config.databaseUrlSource}, which wins over anything saved here; change it there`, {
        source: this.config.databaseUrlSource,
      });
    }
    const file = this.config.terminalSettingsPath;
    const { [settings.databaseUrl.env]: _previous, ...others } = await this.readFile();
    const next = databaseUrl ? { ...others, [settings.databaseUrl.env]: databaseUrl } : others;
    // Written whole and renamed into place: a crash never leaves half a file. Owner-only: it holds a password.
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
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
