import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens, SessionList } from '../../../../shared/api/auth.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import type { Clock } from '../../clock.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'purple monkey dishwasher lamp';

describe.each(backends)('passwords and sessions on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeEach(async () => {
    dir = await tempDir();
    offsetMs = 0;
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env), { clock });
  });
  afterEach(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, token?: string) =>
    engine.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const register = async (email: string, organizationName?: string): Promise<AuthTokens> =>
    (await call('POST', '/api/auth/register', { email, password: PASSWORD, displayName: email.split('@')[0] ?? 'x', ...(organizationName ? { organizationName } : {}) })).json<AuthTokens>();
  const login = (email: string, password: string) => call('POST', '/api/auth/login', { email, password });

  it('changes the password: wrong current and weak new ones refused, other sessions signed out, this one kept', async () => {
    const first = await register('ana@desk.example');
    const second = (await login('ana@desk.example', PASSWORD)).json<AuthTokens>();
    expect((await call('POST', '/api/auth/password', { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD }, first.accessToken)).json()).toMatchObject({ error: { code: 'WRONG_PASSWORD' } });
    expect((await call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'tiny' }, first.accessToken)).json()).toMatchObject({
      error: { code: 'WEAK_PASSWORD', details: [{ field: 'body.newPassword' }] },
    });
    expect((await call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, first.accessToken)).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', undefined, first.accessToken)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, second.accessToken)).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });
    expect((await login('ana@desk.example', PASSWORD)).statusCode).toBe(401);
    expect((await login('ana@desk.example', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('resets a forgotten password through the organisation’s administrators: single use, expiring, all sessions signed out', async () => {
    const owner = await register('owner@desk.example', 'Nordic Desk');
    const trader = await register('trader@desk.example');
    const organizationId = owner.user.currentOrganizationId ?? '';
    await engine.store.organizations.addMember(organizationId, trader.user.id, 'trader', new Date());

    const unknown = await call('POST', '/api/auth/password-reset/request', { email: 'nobody@desk.example' });
    expect(unknown.statusCode).toBe(202);
    expect((await call('POST', '/api/auth/password-reset/request', { email: 'Trader@desk.example' })).json()).toEqual(unknown.json());

    const notices = await engine.store.sql.all<{ user_id: string; kind: string; body: string }>('SELECT user_id, kind, body FROM notifications');
    expect(notices.map((n) => [n.user_id, n.kind])).toEqual([[owner.user.id, 'password_reset']]);
    const code = /: ([\w-]{40,})$/.exec(notices[0]?.body ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    expect(await engine.store.sql.all('SELECT token_hash FROM password_reset_tokens WHERE token_hash = ?', [code])).toEqual([]);

    expect((await call('POST', '/api/auth/password-reset/confirm', { token: code, newPassword: 'trader' + 'trader'.repeat(2) })).json()).toMatchObject({ error: { code: 'WEAK_PASSWORD' } });
    expect((await call('POST', '/api/auth/password-reset/confirm', { token: code, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', undefined, trader.accessToken)).statusCode).toBe(401);
    expect((await login('trader@desk.example', NEW_PASSWORD)).statusCode).toBe(200);
    expect((await call('POST', '/api/auth/password-reset/confirm', { token: code, newPassword: 'another fine passphrase' })).json()).toMatchObject({ error: { code: 'RESET_TOKEN_INVALID' } });

    await call('POST', '/api/auth/password-reset/request', { email: 'trader@desk.example' });
    const later = await engine.store.sql.all<{ body: string }>("SELECT body FROM notifications WHERE kind = 'password_reset' ORDER BY created_at DESC");
    const secondCode = /: ([\w-]{40,})$/.exec(later[0]?.body ?? '')?.[1] ?? '';
    offsetMs = 31 * 60 * 1000;
    expect((await call('POST', '/api/auth/password-reset/confirm', { token: secondCode, newPassword: 'another fine passphrase' })).json()).toMatchObject({ error: { code: 'RESET_TOKEN_INVALID' } });
    expect(await engine.store.audit.verify()).toBeNull();
  });

  it('lists the caller’s sessions and signs one out; another user’s session is not found', async () => {
    const first = await register('ana@desk.example');
    const second = (await login('ana@desk.example', PASSWORD)).json<AuthTokens>();
    const other = await register('bo@desk.example');
    const listed = (await call('GET', '/api/auth/sessions', undefined, first.accessToken)).json<SessionList>().sessions;
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    const secondId = listed.find((s) => !s.current)?.id ?? '';
    const othersId = (await call('GET', '/api/auth/sessions', undefined, other.accessToken)).json<SessionList>().sessions[0]?.id ?? '';
    expect((await call('DELETE', `/api/auth/sessions/${othersId}`, undefined, first.accessToken)).json()).toMatchObject({ error: { code: 'SESSION_NOT_FOUND', type: 'not_found' } });
    expect((await call('DELETE', `/api/auth/sessions/${secondId}`, undefined, first.accessToken)).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', undefined, second.accessToken)).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/sessions', undefined, first.accessToken)).json<SessionList>().sessions).toHaveLength(1);
    expect((await call('GET', '/api/auth/me', undefined, other.accessToken)).statusCode).toBe(200);
  });
});
