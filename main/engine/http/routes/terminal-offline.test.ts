import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { ConnectionSettings, ConnectionTestResult } from '../../../../shared/api/terminal.js';
import { createEngine, type Engine } from '../../engine.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { Fault, startFaultProxy, type FaultProxy } from '../../../testing/fault-proxy.js';
import { pollHealth, serviceOf } from '../../../testing/health.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/postgres.js';

describe('the terminal connection settings while the shared database is out of reach', () => {
  let dir: TempDir;
  let database: TestDatabase;
  let proxy: FaultProxy;
  let engine: Engine;
  let operator: AuthTokens;
  let trader: AuthTokens;
  let settingsFile: string;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    engine.app.inject({ method, url, payload, headers: { authorization: `Bearer ${operator.accessToken}` } });

  beforeAll(async () => {
    dir = await tempDir();
    database = await createTestDatabase();
    proxy = await startFaultProxy(database.url);
    // Saved on the Settings page (not set by the operator's environment), so it may be changed there.
    settingsFile = testConfig(dir.path).terminalSettingsPath;
    await writeFile(settingsFile, JSON.stringify({ DATABASE_URL: proxy.url }), { mode: 0o600 });
    engine = await createEngine(testConfig(dir.path));
    const register = async (email: string): Promise<AuthTokens> =>
      (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: 'correct horse battery staple', displayName: email } })).json<AuthTokens>();
    // The first account administers the platform; the second does not. Both signed in online, so cached.
    operator = await register('ops@desk.example');
    trader = await register('trader@desk.example');
    proxy.setMode(Fault.blackhole);
    const report = await pollHealth(engine, (r) => serviceOf(r, 'database').status === 'unavailable', 6000);
    expect(serviceOf(report, 'database').status).toBe('unavailable');
  });
  afterAll(async () => {
    await engine.close();
    await proxy.close();
    await database.drop();
    await dir.remove();
  });

  it('shows the running connection and tests another PostgreSQL, as the cached account of a platform administrator', async () => {
    const current = await call('GET', '/api/terminal/connection');
    expect(current.statusCode).toBe(200);
    expect(current.json<ConnectionSettings>()).toMatchObject({ running: { dialect: 'postgres', source: 'terminal settings' }, editable: true, restartRequired: false });
    // The replacement an operator would move to: the real server, not the one behind the dead proxy.
    const tested = await call('POST', '/api/terminal/connection/test', { databaseUrl: database.url });
    expect(tested.json<ConnectionTestResult>()).toMatchObject({ ok: true, problem: null });
  });

  it('refuses a save it cannot record in the audit log, saying what to do instead, and writes nothing', async () => {
    const saving = await call('PUT', '/api/terminal/connection', { databaseUrl: database.url });
    expect(saving.statusCode).toBe(503);
    expect(saving.json()).toMatchObject({ error: { code: 'AUDIT_LOG_UNREACHABLE', type: 'service_unavailable', message: expect.stringContaining('DATABASE_URL') as unknown } });
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({ DATABASE_URL: proxy.url });
    expect(await readdir(dir.path)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('still refuses anyone the cached accounts do not make a platform administrator', async () => {
    const response = await engine.app.inject({ method: 'GET', url: '/api/terminal/connection', headers: { authorization: `Bearer ${trader.accessToken}` } });
    expect([response.statusCode, response.json()]).toMatchObject([403, { error: { code: 'PLATFORM_ADMIN_REQUIRED' } }]);
  });

  it('takes the cached flag for this terminal’s settings only: a broadcast, which reaches the floor, needs the shared database', async () => {
    const broadcast = await call('POST', '/api/ws/broadcast/alert', { severity: 'info', title: 'Desk notice', message: 'from an operator offline' });
    expect([broadcast.statusCode, broadcast.json()]).toMatchObject([503, { error: { code: 'DATABASE_UNAVAILABLE' } }]);
  });
});
