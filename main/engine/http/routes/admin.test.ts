import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOrganizationList, AdminUserList, AuditLogPage, AuditVerification, FeatureFlag, FeatureFlagList, SystemHealth } from '../../../../shared/api/admin.js';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';

describe.each(backends)('platform administration on $dialect', ({ dialect, prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let admin: AuthTokens;
  let trader: AuthTokens;

  const get = (url: string, token: string) => engine.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const register = async (email: string, organizationName: string): Promise<AuthTokens> =>
      (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: email.split('@')[0] ?? 'x', organizationName } })).json<AuthTokens>();
    admin = await register('root@floor.example', 'Floor Operations');
    trader = await register('tom@desk.example', 'Desk One');
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('refuses every admin route to a user who is not a platform administrator', async () => {
    const adminRoutes = engine.routes.filter((r) => r.url.startsWith('/api/admin/'));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(5);
    for (const route of adminRoutes) {
      const response = await engine.app.inject({ method: route.method as 'GET', url: route.url.replace(':id', trader.user.id), headers: { authorization: `Bearer ${trader.accessToken}` }, payload: route.method === 'GET' ? undefined : { key: 'ml.training', enabled: true } });
      expect([route.url, response.statusCode]).toEqual([route.url, 403]);
      expect(response.json()).toMatchObject({ error: { code: 'PLATFORM_ADMIN_REQUIRED', type: 'authorization_error' } });
    }
  });

  it('lists users and organisations, with counts and versions', async () => {
    const users = (await get('/api/admin/users?limit=1', admin.accessToken)).json<AdminUserList>();
    expect(users.total).toBe(2);
    expect(users.users.map((u) => [u.email, u.isPlatformAdmin])).toEqual([['root@floor.example', true]]);
    const organizations = (await get('/api/admin/organizations', admin.accessToken)).json<AdminOrganizationList>();
    expect(organizations.organizations.map((o) => [o.name, o.members])).toEqual([['Floor Operations', 1], ['Desk One', 1]]);
    const system = (await get('/api/admin/system-health', admin.accessToken)).json<SystemHealth>();
    expect(system.counts).toMatchObject({ users: 2, organizations: 2, activeSessions: 2 });
    expect(system.versions.database).toMatch(dialect === 'sqlite' ? /^SQLite 3\./ : /^PostgreSQL \d+/);
    expect(system.health.status).toBe('ok');
  });

  it('filters and pages the audit log, and verifies its chain', async () => {
    const logins = (await get('/api/admin/audit-logs?action=auth.login&limit=1', admin.accessToken)).json<AuditLogPage>();
    expect(logins.rows.map((r) => [r.action, r.actorId])).toEqual([['auth.login', trader.user.id]]);
    const older = (await get(`/api/admin/audit-logs?action=auth.login&limit=1&beforeSeq=${String(logins.nextBeforeSeq)}`, admin.accessToken)).json<AuditLogPage>();
    expect(older.rows.map((r) => r.actorId)).toEqual([admin.user.id]);
    expect((await get(`/api/admin/audit-logs?actorId=${trader.user.id}&limit=50`, admin.accessToken)).json<AuditLogPage>().rows.every((r) => r.actorId === trader.user.id)).toBe(true);
    expect((await get('/api/admin/audit-logs?limit=5000', admin.accessToken)).statusCode).toBe(400);
    expect((await get('/api/admin/audit-logs/verify', admin.accessToken)).json<AuditVerification>()).toEqual({ valid: true, firstBreak: null });
    const victim = (await get('/api/admin/audit-logs?action=organization.create&limit=1', admin.accessToken)).json<AuditLogPage>().rows[0];
    await engine.store.sql.run('UPDATE audit_logs SET action = ? WHERE seq = ?', ['organization.delete', victim?.seq ?? 0]);
    expect((await get('/api/admin/audit-logs/verify', admin.accessToken)).json<AuditVerification>()).toEqual({ valid: false, firstBreak: { seq: victim?.seq, id: victim?.id, reason: 'content_changed' } });
  });

  it('sets feature flags globally and per organisation, and the engine reads them at runtime', async () => {
    const set = (body: object) => engine.app.inject({ method: 'POST', url: '/api/admin/feature-flags', payload: body, headers: { authorization: `Bearer ${admin.accessToken}` } });
    const deskOne = trader.user.currentOrganizationId ?? '';
    const floorOps = admin.user.currentOrganizationId ?? '';
    expect((await set({ key: 'ml.training', enabled: false, description: 'Forecast model training' })).statusCode).toBe(200);
    expect((await set({ key: 'ml.training', organizationId: deskOne, enabled: true, value: { maxEpochs: 50 } })).json<FeatureFlag>()).toMatchObject({ organizationId: deskOne, enabled: true, value: { maxEpochs: 50 } });
    expect((await set({ key: 'ml.training', enabled: true })).statusCode).toBe(200);
    expect((await set({ key: 'ml.training', enabled: false })).statusCode).toBe(200);
    expect((await set({ key: 'Bad Key', enabled: true })).statusCode).toBe(400);
    expect((await set({ key: 'ml.training', organizationId: '00000000-0000-4000-8000-000000000000', enabled: true })).json()).toMatchObject({ error: { code: 'ORGANIZATION_NOT_FOUND' } });

    expect(await engine.flags.isEnabled('ml.training', deskOne)).toBe(true);
    expect(await engine.flags.isEnabled('ml.training', floorOps)).toBe(false);
    expect(await engine.flags.isEnabled('ml.training', null)).toBe(false);
    expect(await engine.flags.isEnabled('never.set', deskOne)).toBe(false);
    const listed = (await get('/api/admin/feature-flags', admin.accessToken)).json<FeatureFlagList>().flags;
    expect(listed.map((f) => [f.key, f.organizationId, f.enabled])).toEqual(expect.arrayContaining([['ml.training', null, false], ['ml.training', deskOne, true]]));
    expect(listed).toHaveLength(2);
  });
});
