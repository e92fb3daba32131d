import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres.js';
import { closedPort } from '../../testing/sockets.js';
import { systemClock } from '../clock.js';
import { createPgStore } from '../db/open-stores.js';
import { SqliteStore } from '../db/sqlite/sqlite-store.js';
import type { Store } from '../db/store.js';
import { createEngine } from '../engine.js';
import { createLogger } from '../logging/logger.js';
import { pushOfflineSessions, sessionOfToken } from './offline-sessions.js';

const PASSWORD = 'correct horse battery staple';
const ANA = 'ana@desk.example';

const sessionIdOf = (tokens: AuthTokens): string => (JSON.parse(Buffer.from(tokens.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid: string }).sid;

/**
 * The session behind an access token the moment the shared database answers again, before the
 * sync loop has pushed the sign-ins made offline: without the cached copy a trader who signed in
 * offline was told "signed out" in that window (found by crash-safety.test.ts, whose trader signs
 * in offline after each kill and reads the queue the moment PostgreSQL returns).
 */
describe('the session of a token while the sign-ins made offline wait for the push', () => {
  let dir: TempDir;
  let pg: TestDatabase;
  beforeEach(async () => {
    dir = await tempDir();
    pg = await createTestDatabase();
  });
  afterEach(async () => {
    await pg.drop();
    await dir.remove();
  });

  it('answers from the cache while the family waits, from the shared database once it is pushed, and from it alone after', { timeout: 60_000 }, async () => {
    const post = (engine: Awaited<ReturnType<typeof createEngine>>, url: string, payload: object) => engine.app.inject({ method: 'POST', url, payload });
    const online = await createEngine(testConfig(dir.path, { DATABASE_URL: pg.url }));
    const registered = (await post(online, '/api/auth/register', { email: ANA, password: PASSWORD, displayName: 'Ana', organizationName: 'Nordic Desk' })).json<AuthTokens>();
    await online.close();
    const unreachable = new URL(pg.url);
    unreachable.port = String(await closedPort());
    const offline = await createEngine(testConfig(dir.path, { DATABASE_URL: unreachable.toString(), OPTIBID_DB_CONNECT_TIMEOUT_MS: '500' }));
    const signedInOffline = (await post(offline, '/api/auth/login', { email: ANA, password: PASSWORD })).json<AuthTokens>();
    await offline.close();

    // The shared database answers again; no sync loop runs here, so nothing is pushed until the test says so.
    const config = testConfig(dir.path);
    const primary = await createPgStore(pg.url, config.db, () => undefined);
    const local = new SqliteStore(config.sqlitePath);
    const databases = { primary, local, read: <T>(query: (store: Store) => Promise<T>) => query(primary) };
    try {
      const offlineSession = sessionIdOf(signedInOffline);
      expect(await primary.sessions.get(offlineSession)).toBeNull();
      expect(await sessionOfToken(databases, offlineSession)).toEqual(await local.sessions.get(offlineSession));
      expect((await sessionOfToken(databases, sessionIdOf(registered)))?.id).toBe(sessionIdOf(registered));
      expect(await sessionOfToken(databases, randomUUID())).toBeNull();

      expect(await pushOfflineSessions(databases, systemClock, createLogger('silent'))).toBe(1);
      expect((await sessionOfToken(databases, offlineSession))?.id).toBe(offlineSession);
      // Pushed, the shared database has the last word: a session gone there is gone, whatever the cache holds.
      await primary.sql.run('DELETE FROM sessions WHERE id = ?', [offlineSession]);
      expect(await local.sessions.get(offlineSession)).not.toBeNull();
      expect(await sessionOfToken(databases, offlineSession)).toBeNull();
    } finally {
      await primary.close();
      await local.close();
    }
  });
});
