import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyList, CreatedApiKey } from '../../../../shared/api/api-keys.js';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { OrganizationUserList } from '../../../../shared/api/users.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import type { Clock } from '../../clock.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';

describe.each(backends)('API keys on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  let owner: AuthTokens;
  let trader: AuthTokens;
  let other: AuthTokens;

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => engine.app.inject({ method, url, payload, headers });
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env), { clock });
    const register = async (email: string, organizationName?: string): Promise<AuthTokens> =>
      (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: email.split('@')[0] ?? 'x', ...(organizationName ? { organizationName } : {}) } })).json<AuthTokens>();
    owner = await register('owner@desk.example', 'Alpha');
    trader = await register('trader@desk.example');
    other = await register('other@desk.example', 'Beta');
    const alpha = owner.user.currentOrganizationId ?? '';
    await engine.store.organizations.addMember(alpha, trader.user.id, 'trader', new Date());
    await engine.store.users.setCurrentOrganization(trader.user.id, alpha, new Date());
    trader = (await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'trader@desk.example', password: PASSWORD } })).json<AuthTokens>();
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('creates a key whose secret is shown once and stored only as a hash; only admins, never above their own role', async () => {
    const created = await call('POST', '/api/api-keys', bearer(owner.accessToken), { name: 'Nightly export', role: 'analyst' });
    expect(created.statusCode).toBe(201);
    const key = created.json<CreatedApiKey>();
    expect(key).toMatchObject({ name: 'Nightly export', role: 'analyst', revokedAt: null, expiresAt: null });
    expect(key.key).toMatch(/^obk_[0-9a-f]{12}_[\w-]{43}$/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    const listed = (await call('GET', '/api/api-keys', bearer(owner.accessToken))).json<ApiKeyList>();
    expect(listed.apiKeys.map((k) => k.id)).toEqual([key.id]);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    expect(JSON.stringify(await engine.store.sql.all('SELECT * FROM api_keys'))).not.toContain(key.key.slice(key.prefix.length));

    expect((await call('POST', '/api/api-keys', bearer(trader.accessToken), { name: 'Mine', role: 'viewer' })).json()).toMatchObject({ error: { code: 'ROLE_REQUIRED' } });
    expect((await call('GET', '/api/api-keys', bearer(other.accessToken))).json<ApiKeyList>().apiKeys).toEqual([]);
  });

  it('authenticates as X-API-Key or bearer, scoped to its organisation, until revoked or expired', async () => {
    const key = (await call('POST', '/api/api-keys', bearer(owner.accessToken), { name: 'Script', role: 'trader', expiresInDays: 1 })).json<CreatedApiKey>();
    const viaHeader = await call('GET', '/api/users', { 'x-api-key': key.key });
    expect(viaHeader.json<OrganizationUserList>().users.map((u) => u.email)).toEqual(['owner@desk.example', 'trader@desk.example']);
    expect((await call('GET', '/api/users', bearer(key.key))).statusCode).toBe(200);
    expect((await call('GET', `/api/organizations/${other.user.currentOrganizationId ?? ''}`, { 'x-api-key': key.key })).statusCode).toBe(404);
    // Account actions need a person.
    expect((await call('POST', '/api/auth/logout', { 'x-api-key': key.key }, {})).json()).toMatchObject({ error: { code: 'SESSION_REQUIRED' } });
    // A forged key with a real prefix, and a malformed one.
    expect((await call('GET', '/api/users', { 'x-api-key': `${key.prefix}_${'A'.repeat(43)}` })).json()).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
    expect((await call('GET', '/api/users', { 'x-api-key': 'obk_nope' })).statusCode).toBe(401);

    offsetMs = 2 * 24 * 60 * 60 * 1000;
    expect((await call('GET', '/api/users', { 'x-api-key': key.key })).statusCode).toBe(401);
    offsetMs = 0;
    expect((await call('DELETE', `/api/api-keys/${key.id}`, bearer(owner.accessToken))).statusCode).toBe(204);
    expect((await call('GET', '/api/users', { 'x-api-key': key.key })).statusCode).toBe(401);
    expect((await call('DELETE', `/api/api-keys/${key.id}`, bearer(owner.accessToken))).json()).toMatchObject({ error: { code: 'API_KEY_NOT_FOUND' } });
    const actions = await engine.store.sql.all<{ actor_kind: string; action: string }>("SELECT actor_kind, action FROM audit_logs WHERE action LIKE 'api_key.%' ORDER BY seq");
    expect(actions.map((a) => a.action)).toEqual(['api_key.create', 'api_key.create', 'api_key.revoke']);
    expect(await engine.store.audit.verify()).toBeNull();
  });
});
