import { describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { eventually } from '../../testing/eventually.js';
import { offlineRestarts } from '../../testing/offline-restarts.js';
import { createTestDatabase } from '../../testing/postgres.js';

const ANA = { email: 'ana@desk.example', password: 'correct horse battery staple' };

describe('the cached accounts refreshed from the shared database', () => {
  const terminal = offlineRestarts();
  const { withEngine } = terminal;

  it('closes here an account the shared database does not know (the terminal pointed at another floor’s), so it no longer signs in offline', { timeout: 60_000 }, async () => {
    const ana = await withEngine(terminal.pg.url, async (engine) => {
      const registered = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { ...ANA, displayName: 'Ana', organizationName: 'Desk' } });
      return registered.json<AuthTokens>().user.id;
    });
    const elsewhere = await createTestDatabase();
    try {
      await withEngine(elsewhere.url, async (engine) => {
        await eventually(async () => (await engine.databases.local.users.get(ana))?.status === 'deleted', 'the refresh at start to close the unknown account here');
        expect(await engine.databases.local.organizations.membershipsOf(ana)).toEqual([]);
      });
    } finally {
      await elsewhere.drop();
    }
    await withEngine(terminal.offlineUrl, async (engine) => {
      const signIn = await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: ANA });
      expect(signIn.statusCode).toBe(401);
    });
  });
});
