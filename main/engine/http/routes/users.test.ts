import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { OrganizationUser, OrganizationUserList } from '../../../../shared/api/users.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';
type Name = 'root' | 'alice' | 'carol' | 'bob';

describe.each(backends)('users of an organisation on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  const users = {} as Record<Name, AuthTokens>;

  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, who: Name, payload?: object) =>
    engine.app.inject({ method, url, payload, headers: { authorization: `Bearer ${users[who].accessToken}` } });
  const signIn = async (who: Name): Promise<void> => {
    users[who] = (await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${who}@desk.example`, password: PASSWORD } })).json<AuthTokens>();
  };

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const register = async (who: Name, organizationName?: string): Promise<void> => {
      users[who] = (
        await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: `${who}@desk.example`, password: PASSWORD, displayName: who.toUpperCase(), ...(organizationName ? { organizationName } : {}) } })
      ).json<AuthTokens>();
    };
    await register('root');
    await register('alice', 'Alpha');
    await register('carol');
    await register('bob', 'Beta');
    const alpha = users.alice.user.currentOrganizationId ?? '';
    await engine.store.organizations.addMember(alpha, users.carol.user.id, 'trader', new Date());
    await engine.store.users.setCurrentOrganization(users.carol.user.id, alpha, new Date());
    await signIn('carol');
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('lists only the current organisation’s users; another organisation’s user is not found', async () => {
    const listed = (await call('GET', '/api/users', 'alice')).json<OrganizationUserList>().users;
    expect(listed.map((u) => [u.displayName, u.role])).toEqual([['ALICE', 'owner'], ['CAROL', 'trader']]);
    expect((await call('GET', `/api/users/${users.carol.user.id}`, 'alice')).json<OrganizationUser>().role).toBe('trader');
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const response = await call(method, `/api/users/${users.bob.user.id}`, 'alice', method === 'PUT' ? { displayName: 'Renamed' } : undefined);
      expect([method, response.statusCode]).toEqual([method, 404]);
    }
    expect((await call('GET', '/api/users', 'root')).json<OrganizationUserList>().users).toEqual([]);
  });

  it('lets users rename themselves only', async () => {
    expect((await call('PUT', `/api/users/${users.alice.user.id}`, 'alice', { displayName: 'Alice Andersen' })).json<OrganizationUser>().displayName).toBe('Alice Andersen');
    expect((await call('PUT', `/api/users/${users.carol.user.id}`, 'alice', { displayName: 'Caro' })).json()).toMatchObject({ error: { code: 'NOT_YOUR_PROFILE', type: 'authorization_error' } });
  });

  it('closes accounts: not while the only owner, yes for oneself, others only as platform administrator', async () => {
    expect((await call('DELETE', `/api/users/${users.alice.user.id}`, 'alice')).json()).toMatchObject({ error: { code: 'LAST_OWNER', type: 'conflict' } });
    expect((await call('DELETE', `/api/users/${users.alice.user.id}`, 'carol')).json()).toMatchObject({ error: { code: 'NOT_YOUR_ACCOUNT' } });
    // Even a platform administrator closes others' accounts only through /api/admin.
    expect((await call('DELETE', `/api/users/${users.alice.user.id}`, 'root')).statusCode).toBe(404);
    expect((await call('DELETE', `/api/users/${users.carol.user.id}`, 'carol')).statusCode).toBe(204);
    expect((await call('GET', '/api/users', 'carol')).statusCode).toBe(401);
    expect((await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'carol@desk.example', password: PASSWORD } })).statusCode).toBe(401);
    expect((await call('GET', '/api/users', 'alice')).json<OrganizationUserList>().users.map((u) => u.displayName)).toEqual(['Alice Andersen']);
    // Bob is Beta's only owner: even a platform administrator cannot orphan Beta.
    expect((await call('DELETE', `/api/admin/users/${users.bob.user.id}`, 'root')).json()).toMatchObject({ error: { code: 'LAST_OWNER' } });
    expect((await call('DELETE', `/api/admin/users/${users.bob.user.id}`, 'alice')).json()).toMatchObject({ error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
    expect(await engine.store.audit.verify()).toBeNull();
  });
});
