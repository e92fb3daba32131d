import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AuthTokens, UserProfile } from '../../../shared/api/auth.js';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../../../shared/api/notifications.js';
import { capturingLogger, tempDir, testConfig, WARN } from '../../testing/environment.js';
import { offlineRestarts } from '../../testing/offline-restarts.js';
import { systemClock } from '../clock.js';
import { OfflineSessionRepository } from '../db/repositories/offline-session-repository.js';
import type { Engine } from '../engine.js';
import { pushOfflineSessions } from './offline-sessions.js';
import { hashToken } from './secret-tokens.js';

const PASSWORD = 'correct horse battery staple';
const ANA = 'ana@desk.example';

const post = (engine: Engine, url: string, payload: object, token?: string) =>
  engine.app.inject({ method: 'POST', url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
const me = (engine: Engine, token: string) => engine.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

describe('offline sign-in: a trader who signed in on this terminal before signs in while the shared database is gone', () => {
  const terminal = offlineRestarts();
  const { withEngine } = terminal;

  // Three engines one after the other and some fifteen scrypt checks: longer than the default.
  it('checks the cached password, keeps online tokens and sign-outs, rotates offline, and hands the offline sessions to PostgreSQL once when it returns', { timeout: 90_000 }, async () => {
    const online = await withEngine(terminal.pg.url, async (engine) => {
      const registered = (await post(engine, '/api/auth/register', { email: ANA, password: PASSWORD, displayName: 'Ana', organizationName: 'Nordic Desk' })).json<AuthTokens>();
      const kept = (await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>();
      const signedOut = (await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>();
      expect((await post(engine, '/api/auth/logout', {}, signedOut.accessToken)).statusCode).toBe(204);
      return { registered, kept, signedOut };
    });

    const offline = await withEngine(terminal.offlineUrl, async (engine) => {
      expect(engine.databases.primary.dialect).toBe('postgres');

      const wrong = await post(engine, '/api/auth/login', { email: ANA, password: 'not the password at all' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', type: 'authentication_error' } });
      const stranger = await post(engine, '/api/auth/login', { email: 'bo@desk.example', password: PASSWORD });
      expect(stranger.statusCode).toBe(503);
      expect(stranger.json()).toMatchObject({
        error: { code: 'OFFLINE_ACCOUNT_UNKNOWN', type: 'service_unavailable', message: expect.stringContaining('bo@desk.example has never signed in on this terminal') as string, details: { field: 'body.email' } },
      });
      const register = await post(engine, '/api/auth/register', { email: 'cy@desk.example', password: PASSWORD, displayName: 'Cy' });
      expect(register.statusCode).toBe(503);
      expect(register.json()).toMatchObject({ error: { code: 'SHARED_DATABASE_REQUIRED', message: expect.stringContaining('Registering an account needs the shared database') as string } });

      const signIn = await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD });
      expect(signIn.statusCode).toBe(200);
      const tokens = signIn.json<AuthTokens>();
      // The profile comes from the cache: the organisation and role as they were online.
      expect(tokens.user).toEqual(online.registered.user);
      const mine = await me(engine, tokens.accessToken);
      expect(mine.statusCode).toBe(200);
      expect(mine.json<UserProfile>()).toEqual(online.registered.user);

      // Issued online: still accepted; signed out online: still signed out.
      expect((await me(engine, online.kept.accessToken)).statusCode).toBe(200);
      expect((await me(engine, online.signedOut.accessToken)).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });
      expect((await post(engine, '/api/auth/refresh', { refreshToken: online.signedOut.refreshToken })).json()).toMatchObject({ error: { code: 'REFRESH_TOKEN_INVALID' } });

      const rotated = (await post(engine, '/api/auth/refresh', { refreshToken: tokens.refreshToken })).json<AuthTokens>();
      expect((await me(engine, rotated.accessToken)).statusCode).toBe(200);

      // Reuse detection works on the local sessions too: a replayed token signs out its whole family.
      const other = (await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>();
      const otherRotated = (await post(engine, '/api/auth/refresh', { refreshToken: other.refreshToken })).json<AuthTokens>();
      expect((await post(engine, '/api/auth/refresh', { refreshToken: other.refreshToken })).json()).toMatchObject({ error: { code: 'REFRESH_TOKEN_REUSED' } });
      expect((await me(engine, otherRotated.accessToken)).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });

      // What changes the account itself stays online-only.
      const change = await post(engine, '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'an entirely new passphrase 42' }, rotated.accessToken);
      expect(change.statusCode).toBe(503);
      expect(change.json()).toMatchObject({ error: { type: 'service_unavailable' } });

      // The audit rows are kept locally, as an unbroken chain.
      const actions = await engine.databases.local.sql.all<{ action: string }>('SELECT action FROM audit_logs ORDER BY seq');
      expect(actions.map((a) => a.action)).toEqual(['auth.login_failed', 'auth.login', 'auth.refresh', 'auth.login', 'auth.refresh', 'auth.refresh_reuse']);
      expect(await engine.databases.local.audit.verify()).toBeNull();
      return { rotated, otherRotated };
    });

    await withEngine(terminal.pg.url, async (engine) => {
      const count = async (refreshToken: string): Promise<number> =>
        (await engine.store.sql.one<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE refresh_token_hash = ?', [hashToken(refreshToken)]))?.n ?? -1;
      // The engine's sync loop hands the sessions opened offline to PostgreSQL as soon as it is
      // online. Its first round races this test, so wait until it has unmarked every family (a
      // row being in is not enough: the loop may still be on the next family); then a second
      // hand-over finds nothing left and writes nothing twice.
      const marked = new OfflineSessionRepository(engine.databases.local.sql);
      await expect.poll(async () => (await marked.families()).length, { timeout: 10_000 }).toBe(0);
      expect(await count(offline.rotated.refreshToken)).toBe(1);
      expect(await pushOfflineSessions(engine.databases, systemClock, engine.logger)).toBe(0);
      expect(await count(offline.rotated.refreshToken)).toBe(1);

      const refreshed = await post(engine, '/api/auth/refresh', { refreshToken: offline.rotated.refreshToken });
      expect(refreshed.statusCode).toBe(200);
      expect((await me(engine, refreshed.json<AuthTokens>().accessToken)).statusCode).toBe(200);
      // The family signed out offline (a replayed token) stays signed out on the floor.
      expect((await post(engine, '/api/auth/refresh', { refreshToken: offline.otherRotated.refreshToken })).json()).toMatchObject({ error: { code: 'REFRESH_TOKEN_INVALID' } });
      expect(await engine.store.sql.one<{ n: number }>("SELECT count(*)::int AS n FROM sessions WHERE revoke_reason = 'rotated_reuse'")).toEqual({ n: 2 });
    });
  });

  it('takes an online password change into the cache: offline the old password is refused, the new one works, other sessions stay signed out', { timeout: 60_000 }, async () => {
    const NEW_PASSWORD = 'an entirely new passphrase 42';
    const before = await withEngine(terminal.pg.url, async (engine) => {
      const other = (await post(engine, '/api/auth/register', { email: ANA, password: PASSWORD, displayName: 'Ana' })).json<AuthTokens>();
      const current = (await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>();
      expect((await post(engine, '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, current.accessToken)).statusCode).toBe(204);
      return { other, current };
    });
    await withEngine(terminal.offlineUrl, async (engine) => {
      expect((await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
      expect((await post(engine, '/api/auth/login', { email: ANA, password: NEW_PASSWORD })).statusCode).toBe(200);
      expect((await me(engine, before.other.accessToken)).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });
      expect((await me(engine, before.current.accessToken)).statusCode).toBe(200);
    });
  });

  it('keeps the trader’s notification preferences offline: a change made here at once, one made at another terminal from the next sign-in', { timeout: 60_000 }, async () => {
    const preferences = (engine: Engine, token: string) => engine.app.inject({ url: '/api/auth/me/notification-preferences', headers: { authorization: `Bearer ${token}` } });
    const choose = (engine: Engine, token: string, body: NotificationPreferences) =>
      engine.app.inject({ method: 'PUT', url: '/api/auth/me/notification-preferences', payload: body, headers: { authorization: `Bearer ${token}` } });
    const silent: NotificationPreferences = { ...DEFAULT_NOTIFICATION_PREFERENCES, marketAlerts: { toast: true, sound: false } };
    const quiet: NotificationPreferences = { ...silent, bidUpdates: { toast: false, sound: false } };
    const here = await withEngine(terminal.pg.url, async (engine) => {
      const tokens = (await post(engine, '/api/auth/register', { email: ANA, password: PASSWORD, displayName: 'Ana' })).json<AuthTokens>();
      expect((await choose(engine, tokens.accessToken, silent)).statusCode).toBe(200);
      return tokens;
    });
    await withEngine(terminal.offlineUrl, async (engine) => {
      expect((await preferences(engine, here.accessToken)).json()).toEqual(silent);
    });

    // At another terminal of the floor; this one hears of it when Ana signs in here again.
    const elsewhere = await tempDir();
    try {
      await withEngine(terminal.pg.url, async (engine) => {
        const tokens = (await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>();
        expect((await choose(engine, tokens.accessToken, quiet)).statusCode).toBe(200);
      }, { dataDir: elsewhere.path });
    } finally {
      await elsewhere.remove();
    }
    const again = await withEngine(terminal.pg.url, async (engine) => (await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>());
    await withEngine(terminal.offlineUrl, async (engine) => {
      expect((await preferences(engine, again.accessToken)).json()).toEqual(quiet);
      // A change needs the shared database: refused, and the cached choice stands.
      expect((await choose(engine, again.accessToken, DEFAULT_NOTIFICATION_PREFERENCES)).statusCode).toBe(503);
      expect((await preferences(engine, again.accessToken)).json()).toEqual(quiet);
    });
  });

  it('answers 503 with the reason on a terminal restarted offline without the signing key, opening no session', async () => {
    const registered = await withEngine(terminal.pg.url, async (engine) => (await post(engine, '/api/auth/register', { email: ANA, password: PASSWORD, displayName: 'Ana' })).json<AuthTokens>());
    const keyless = { error: { code: 'SIGNING_KEY_UNAVAILABLE', type: 'service_unavailable', message: expect.stringContaining('sign in once while the shared database is reachable') as string } };

    // A terminal that never was online: a token from elsewhere cannot be checked.
    const fresh = await tempDir();
    try {
      await withEngine(terminal.offlineUrl, async (engine) => {
        const response = await me(engine, registered.accessToken);
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject(keyless);
      }, { dataDir: fresh.path });
    } finally {
      await fresh.remove();
    }

    // The account is cached but the key copy is gone: the password is right, and still no session is opened.
    const file = new Database(testConfig(terminal.dir.path).sqlitePath);
    file.prepare('DELETE FROM signing_keys').run();
    const sessionsBefore = file.prepare('SELECT count(*) AS n FROM sessions').get();
    file.close();
    await withEngine(terminal.offlineUrl, async (engine) => {
      const response = await post(engine, '/api/auth/login', { email: ANA, password: PASSWORD });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject(keyless);
      expect(await engine.databases.local.sql.one('SELECT count(*) AS n FROM sessions')).toEqual(sessionsBefore);
    });
  });

  it('never fails an online sign-in because the cache write failed: it logs it', async () => {
    const { logger, lines } = capturingLogger();
    await withEngine(
      terminal.pg.url,
      async (engine) => {
        // The local file refuses the copy (as a full disk or a broken file would).
        await engine.databases.local.sql.run("CREATE TEMP TRIGGER refuse_users BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'the cache refuses'); END");
        const response = await post(engine, '/api/auth/register', { email: ANA, password: PASSWORD, displayName: 'Ana', organizationName: 'Nordic Desk' });
        expect(response.statusCode).toBe(201);
        expect((await me(engine, response.json<AuthTokens>().accessToken)).statusCode).toBe(200);
        expect(await engine.databases.local.users.findByEmail(ANA)).toBeNull();
      },
      { options: { logger } },
    );
    expect(lines.filter((l) => l.level === WARN && l.msg.startsWith('could not write the identity to the local cache'))).toHaveLength(1);
  });
});
