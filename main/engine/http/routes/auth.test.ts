import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens, UserProfile } from '../../../../shared/api/auth.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { backends } from '../../../testing/backends.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';

describe.each(backends)('auth routes on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
  });
  afterEach(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  const post = (url: string, payload: object, token?: string) =>
    engine.app.inject({ method: 'POST', url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const me = (token: string) => engine.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('registers the first user as platform admin and owner of a new organisation, signed in', async () => {
    const response = await post('/api/auth/register', { email: 'Ana.Ruiz@Desk.example', password: PASSWORD, displayName: 'Ana Ruiz', organizationName: 'Nordic Desk' });
    expect(response.statusCode).toBe(201);
    const tokens = response.json<AuthTokens>();
    expect(tokens.user).toMatchObject({ email: 'ana.ruiz@desk.example', isPlatformAdmin: true, memberships: [{ organizationName: 'Nordic Desk', role: 'owner' }] });
    expect(tokens.user.currentOrganizationId).toBe(tokens.user.memberships[0]?.organizationId);
    expect((await me(tokens.accessToken)).json<UserProfile>()).toEqual(tokens.user);

    const second = (await post('/api/auth/register', { email: 'bo@desk.example', password: PASSWORD, displayName: 'Bo' })).json<AuthTokens>();
    expect(second.user).toMatchObject({ isPlatformAdmin: false, currentOrganizationId: null, memberships: [] });
    expect(await engine.store.audit.verify()).toBeNull();
    const actions = await engine.store.sql.all<{ action: string }>('SELECT action FROM audit_logs ORDER BY seq');
    expect(actions.map((a) => a.action)).toEqual(['auth.register', 'organization.create', 'auth.login', 'auth.register', 'auth.login']);
  });

  it('refuses a weak password and a taken email with clear errors, creating nothing', async () => {
    const weak = await post('/api/auth/register', { email: 'ana@desk.example', password: 'short', displayName: 'Ana' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: { code: 'WEAK_PASSWORD', type: 'validation_error', details: [{ field: 'body.password', message: 'must be at least 12 characters long (it has 5)' }] } });
    await post('/api/auth/register', { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana' });
    const taken = await post('/api/auth/register', { email: 'ANA@desk.example', password: PASSWORD, displayName: 'Ana again' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'EMAIL_TAKEN', type: 'conflict' } });
    expect(await engine.store.users.count()).toBe(1);
  });

  it('signs in, rotates refresh tokens, revokes the family on reuse, and signs out', async () => {
    await post('/api/auth/register', { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana' });
    const wrong = await post('/api/auth/login', { email: 'ana@desk.example', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', type: 'authentication_error' } });
    expect((await post('/api/auth/login', { email: 'nobody@desk.example', password: PASSWORD })).json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });

    const login = (await post('/api/auth/login', { email: 'ana@desk.example', password: PASSWORD })).json<AuthTokens>();
    const rotated = (await post('/api/auth/refresh', { refreshToken: login.refreshToken })).json<AuthTokens>();
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    const afterRotation = await me(rotated.accessToken);
    expect(afterRotation.statusCode, afterRotation.body).toBe(200);

    // The first token again: stolen or replayed. The whole family is signed out.
    const reuse = await post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ error: { code: 'REFRESH_TOKEN_REUSED' } });
    expect((await post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).json()).toMatchObject({ error: { code: 'REFRESH_TOKEN_INVALID' } });
    expect((await me(rotated.accessToken)).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });

    const again = (await post('/api/auth/login', { email: 'ana@desk.example', password: PASSWORD })).json<AuthTokens>();
    expect((await post('/api/auth/logout', {}, again.accessToken)).statusCode).toBe(204);
    expect((await me(again.accessToken)).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: again.refreshToken })).statusCode).toBe(401);
    expect(await engine.store.audit.verify()).toBeNull();
  });
});
