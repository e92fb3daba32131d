import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { MemberList, Organization } from '../../../../shared/api/organizations.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';

describe.each(backends)('organisations, members and tenancy on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  const users: Record<'alice' | 'bob' | 'carol' | 'dave', AuthTokens> = {} as Record<'alice' | 'bob' | 'carol' | 'dave', AuthTokens>;
  let orgA: string;
  let orgB: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    engine.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const register = async (name: 'alice' | 'bob' | 'carol' | 'dave', organizationName?: string): Promise<void> => {
      const response = await engine.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: `${name}@desk.example`, password: PASSWORD, displayName: name.toUpperCase(), ...(organizationName ? { organizationName } : {}) },
      });
      users[name] = response.json<AuthTokens>();
    };
    await register('alice', 'Alpha Trading');
    await register('bob', 'Beta Power');
    await register('carol');
    await register('dave');
    orgA = users.alice.user.currentOrganizationId ?? '';
    orgB = users.bob.user.currentOrganizationId ?? '';
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('lists only the caller’s organisations and answers 404 for another organisation’s id on every route', async () => {
    const listed = (await call('GET', '/api/organizations', users.alice.accessToken)).json<{ organizations: Organization[] }>().organizations;
    expect(listed.map((o) => [o.name, o.role])).toEqual([['Alpha Trading', 'owner']]);
    const token = users.alice.accessToken;
    for (const [method, url, payload] of [
      ['GET', `/api/organizations/${orgB}`],
      ['PUT', `/api/organizations/${orgB}`, { name: 'Taken over' }],
      ['DELETE', `/api/organizations/${orgB}`],
      ['GET', `/api/organizations/${orgB}/members`],
      ['POST', `/api/organizations/${orgB}/members`, { email: 'carol@desk.example', role: 'trader' }],
      ['PUT', `/api/organizations/${orgB}/members/${users.bob.user.id}`, { role: 'viewer' }],
      ['DELETE', `/api/organizations/${orgB}/members/${users.bob.user.id}`],
    ] as const) {
      const response = await call(method, url, token, payload);
      expect([method, url, response.statusCode]).toEqual([method, url, 404]);
      expect(response.json()).toMatchObject({ error: { code: 'ORGANIZATION_NOT_FOUND', type: 'not_found' } });
    }
    expect((await call('GET', `/api/organizations/${orgB}`, users.bob.accessToken)).json<Organization>().name).toBe('Beta Power');
  });

  it('lets admins manage members by role, and keeps traders and viewers from it', async () => {
    const added = await call('POST', `/api/organizations/${orgA}/members`, users.alice.accessToken, { email: 'carol@desk.example', role: 'trader' });
    expect(added.statusCode).toBe(201);
    expect(added.json<MemberList>().members.map((m) => [m.displayName, m.role])).toEqual([['ALICE', 'owner'], ['CAROL', 'trader']]);
    expect((await call('POST', `/api/organizations/${orgA}/members`, users.alice.accessToken, { email: 'carol@desk.example', role: 'viewer' })).json()).toMatchObject({ error: { code: 'ALREADY_MEMBER' } });
    expect((await call('POST', `/api/organizations/${orgA}/members`, users.alice.accessToken, { email: 'nobody@desk.example', role: 'viewer' })).json()).toMatchObject({ error: { code: 'USER_NOT_FOUND' } });

    const byTrader = await call('POST', `/api/organizations/${orgA}/members`, users.carol.accessToken, { email: 'dave@desk.example', role: 'viewer' });
    expect(byTrader.statusCode).toBe(403);
    expect(byTrader.json()).toMatchObject({ error: { code: 'ROLE_REQUIRED', type: 'authorization_error', details: { role: 'admin' } } });
    expect((await call('PUT', `/api/organizations/${orgA}`, users.carol.accessToken, { name: 'Carol Co' })).statusCode).toBe(403);

    await call('PUT', `/api/organizations/${orgA}/members/${users.carol.user.id}`, users.alice.accessToken, { role: 'admin' });
    // An admin may add members, but not owners, and may not touch the owner.
    expect((await call('POST', `/api/organizations/${orgA}/members`, users.carol.accessToken, { email: 'dave@desk.example', role: 'viewer' })).statusCode).toBe(201);
    expect((await call('PUT', `/api/organizations/${orgA}/members/${users.dave.user.id}`, users.carol.accessToken, { role: 'owner' })).statusCode).toBe(403);
    expect((await call('DELETE', `/api/organizations/${orgA}/members/${users.alice.user.id}`, users.carol.accessToken)).statusCode).toBe(403);
    expect((await call('PUT', `/api/organizations/${orgA}`, users.dave.accessToken, { name: 'Dave Co' })).statusCode).toBe(403);
    // A viewer may leave.
    expect((await call('DELETE', `/api/organizations/${orgA}/members/${users.dave.user.id}`, users.dave.accessToken)).statusCode).toBe(204);
  });

  it('switches the current organisation to one the caller belongs to, and only such', async () => {
    const switched = await call('PUT', '/api/auth/current-organization', users.carol.accessToken, { organizationId: orgA });
    expect(switched.statusCode).toBe(200);
    const grant = switched.json<{ accessToken: string; user: { currentOrganizationId: string } }>();
    expect(grant.user.currentOrganizationId).toBe(orgA);
    expect((await call('GET', '/api/users', grant.accessToken)).json<{ users: unknown[] }>().users.length).toBeGreaterThan(0);
    expect((await call('PUT', '/api/auth/current-organization', users.carol.accessToken, { organizationId: orgB })).json()).toMatchObject({ error: { code: 'ORGANIZATION_NOT_FOUND' } });
  });

  it('never leaves an organisation without an owner', async () => {
    expect((await call('DELETE', `/api/organizations/${orgB}/members/${users.bob.user.id}`, users.bob.accessToken)).json()).toMatchObject({ error: { code: 'LAST_OWNER', type: 'conflict' } });
    expect((await call('PUT', `/api/organizations/${orgB}/members/${users.bob.user.id}`, users.bob.accessToken, { role: 'admin' })).json()).toMatchObject({ error: { code: 'LAST_OWNER' } });
    await call('POST', `/api/organizations/${orgB}/members`, users.bob.accessToken, { email: 'dave@desk.example', role: 'owner' });
    expect((await call('DELETE', `/api/organizations/${orgB}/members/${users.bob.user.id}`, users.bob.accessToken)).statusCode).toBe(204);
    expect((await call('GET', `/api/organizations/${orgB}`, users.bob.accessToken)).statusCode).toBe(404);
  });

  it('renames and deletes with the right role, audited in an unbroken chain', async () => {
    const renamed = await call('PUT', `/api/organizations/${orgA}`, users.alice.accessToken, { name: 'Alpha Energy Trading' });
    expect(renamed.json<Organization>()).toMatchObject({ name: 'Alpha Energy Trading', role: 'owner' });
    const created = (await call('POST', '/api/organizations', users.carol.accessToken, { name: 'Carol Solar', defaultCurrency: 'DKK' })).json<Organization>();
    expect(created).toMatchObject({ role: 'owner', defaultCurrency: 'DKK' });
    expect((await call('DELETE', `/api/organizations/${created.id}`, users.carol.accessToken)).statusCode).toBe(204);
    expect((await call('GET', `/api/organizations/${created.id}`, users.carol.accessToken)).statusCode).toBe(404);
    const actions = (await engine.store.sql.all<{ action: string }>("SELECT action FROM audit_logs WHERE action LIKE 'organization.%' ORDER BY seq")).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.update', 'organization.delete', 'organization.member_add', 'organization.member_role', 'organization.member_remove']));
    expect(await engine.store.audit.verify()).toBeNull();
  });
});
