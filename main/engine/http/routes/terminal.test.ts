import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { ConnectionSettings, ConnectionTestResult } from '../../../../shared/api/terminal.js';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../../../../shared/api/notifications.js';
import { loadConfig } from '../../config/load.js';
import { createEngine, type Engine } from '../../engine.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/postgres.js';
import { closedPort, silentSocket } from '../../../testing/sockets.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';

describe('terminal settings and personal preferences', () => {
  let dir: TempDir;
  let engine: Engine;
  let database: TestDatabase;
  let tokens: AuthTokens;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token = tokens.accessToken) =>
    engine.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    dir = await tempDir();
    database = await createTestDatabase();
    engine = await createEngine(testConfig(dir.path));
    tokens = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'desk@desk.example', password: 'correct horse battery staple', displayName: 'Desk' } })).json<AuthTokens>();
  });
  afterAll(async () => {
    await engine.close();
    await database.drop();
    await dir.remove();
  });

  it('tests a reachable PostgreSQL: server version and the OptiBid schema found there, password never echoed', async () => {
    const result = (await call('POST', '/api/terminal/connection/test', { databaseUrl: database.url })).json<ConnectionTestResult>();
    expect(result).toMatchObject({ ok: true, problem: null, migrations: { applied: [], current: null } });
    expect(result.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(result.migrations?.pending.length).toBeGreaterThan(0);
    expect(result.target).not.toContain(new URL(database.url).password);
  });

  it('explains each failure in words a trader can act on, within the time it promises', async () => {
    const url = new URL(database.url);
    const at = (change: (u: URL) => void): string => {
      const copy = new URL(url);
      change(copy);
      return copy.toString();
    };
    const port = await closedPort();
    const silent = await silentSocket();
    try {
      const cases: [string, string][] = [
        [at((u) => (u.port = String(port))), 'CONNECTION_REFUSED'],
        [at((u) => (u.pathname = '/no_such_database')), 'DATABASE_NOT_FOUND'],
        [at((u) => (u.hostname = 'db.invalid')), 'HOST_NOT_FOUND'],
        [at((u) => (u.port = String(silent.port))), 'TIMEOUT'],
      ];
      for (const [databaseUrl, code] of cases) {
        const started = Date.now();
        const result = (await call('POST', '/api/terminal/connection/test', { databaseUrl })).json<ConnectionTestResult>();
        expect([databaseUrl, result.ok, result.problem?.code]).toEqual([databaseUrl, false, code]);
        expect(Date.now() - started).toBeLessThan(8000);
      }
    } finally {
      await silent.close();
    }
  }, 30_000);
  it('refuses a bad URL without echoing it, a URL naming files for pg to read, and anyone but a platform administrator', async () => {
    expect((await call('POST', '/api/terminal/connection/test', { databaseUrl: 'mysql://x@y/z' })).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body.databaseUrl' }] } });
    const malformed = await call('PUT', '/api/terminal/connection', { databaseUrl: 'postgres://trader:se#cret@db.floor.example/optibid' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'INVALID_DATABASE_URL', details: [{ field: 'body.databaseUrl' }] } });
    expect(malformed.body).not.toContain('se#cret');
    const probing = await call('POST', '/api/terminal/connection/test', { databaseUrl: `${database.url}?sslmode=require&sslrootcert=/etc/shadow` });
    expect(probing.json()).toMatchObject({ error: { code: 'INVALID_DATABASE_URL', message: expect.stringContaining('sslrootcert') as unknown } });
    await expect(stat(engine.config.terminalSettingsPath)).rejects.toThrow(/ENOENT/);

    expect((await engine.app.inject({ method: 'POST', url: '/api/terminal/connection/test', payload: { databaseUrl: database.url } })).statusCode).toBe(401);
    const trader = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'trader@desk.example', password: 'correct horse battery staple', displayName: 'Trader' } })).json<AuthTokens>();
    for (const [method, url, payload] of [
      ['GET', '/api/terminal/connection', undefined],
      ['POST', '/api/terminal/connection/test', { databaseUrl: database.url }],
      ['PUT', '/api/terminal/connection', { databaseUrl: null }],
    ] as const) {
      expect((await call(method, url, payload, trader.accessToken)).json()).toMatchObject({ error: { code: 'PLATFORM_ADMIN_REQUIRED', type: 'authorization_error' } });
    }
  });

  it('saves the remote database for the next start (owner-only file), and the next start uses it', async () => {
    const before = (await call('GET', '/api/terminal/connection')).json<ConnectionSettings>();
    expect(before).toEqual({ running: { dialect: 'sqlite', target: engine.databases.primary.target, source: 'default' }, saved: null, editable: true, restartRequired: false });
    const saved = (await call('PUT', '/api/terminal/connection', { databaseUrl: database.url })).json<ConnectionSettings>();
    expect(saved).toMatchObject({ saved: expect.not.stringContaining(':optibid-test@') as unknown, restartRequired: true });
    const file = engine.config.terminalSettingsPath;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ DATABASE_URL: database.url });

    const next = testConfig(dir.path);
    expect([next.databaseUrl, next.databaseUrlSource]).toEqual([database.url, 'terminal settings']);
    // The operator's environment wins over what was saved here.
    expect(loadConfig({ OPTIBID_DATA_DIR: dir.path, DATABASE_URL: 'postgres://ops@db.floor.example/optibid' }).databaseUrlSource).toBe('environment');

    expect((await call('PUT', '/api/terminal/connection', { databaseUrl: null })).json<ConnectionSettings>()).toMatchObject({ saved: null, restartRequired: false });
    expect(testConfig(dir.path).databaseUrl).toBeNull();

    const audit = await engine.store.sql.all<{ action: string; after_summary: unknown }>("SELECT action, after_summary FROM audit_logs WHERE action = 'terminal.connection.update' ORDER BY seq");
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('optibid-test@');
  });

  it('refuses to save over a connection the operator set in the environment', async () => {
    const other = await tempDir();
    const managed = await createEngine(testConfig(other.path, { DATABASE_URL: database.url }));
    try {
      const login = (await managed.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ops@desk.example', password: 'correct horse battery staple', displayName: 'Ops' } })).json<AuthTokens>();
      const response = await managed.app.inject({ method: 'PUT', url: '/api/terminal/connection', payload: { databaseUrl: null }, headers: { authorization: `Bearer ${login.accessToken}` } });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'CONNECTION_SET_BY_OPERATOR', details: { source: 'environment' } } });
    } finally {
      await managed.close();
      await other.remove();
    }
  });

  it('keeps notification preferences per user, with defaults for what was never set', async () => {
    expect((await call('GET', '/api/auth/me/notification-preferences')).json()).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
    const quiet: NotificationPreferences = { ...DEFAULT_NOTIFICATION_PREFERENCES, marketAlerts: { toast: true, sound: false }, system: { toast: false, sound: false } };
    expect((await call('PUT', '/api/auth/me/notification-preferences', quiet)).json()).toEqual(quiet);
    expect((await call('GET', '/api/auth/me/notification-preferences')).json()).toEqual(quiet);
    const bad = await call('PUT', '/api/auth/me/notification-preferences', { ...quiet, marketAlerts: { toast: 'yes', sound: false } });
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body.marketAlerts.toast' }] } });
    expect((await call('GET', '/api/auth/me/notification-preferences')).json()).toEqual(quiet);
  });

  it('lets a user without an organisation rename themselves', async () => {
    const response = await call('PUT', '/api/auth/me', { displayName: '  Desk Two  ' });
    expect(response.json()).toMatchObject({ displayName: 'Desk Two', email: 'desk@desk.example', memberships: [] });
  });
});
