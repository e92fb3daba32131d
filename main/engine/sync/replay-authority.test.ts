import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessTokenGrant, AuthTokens } from '../../../shared/api/auth.js';
import type { CreatedApiKey } from '../../../shared/api/api-keys.js';
import type { Bid } from '../../../shared/api/bids.js';
import type { SyncQueue } from '../../../shared/api/sync.js';
import { deskCurve as curveBid } from '../../testing/bid-fixtures.js';
import { steppingClock } from '../../testing/clock.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { Fault, sqlContains, type FaultProxy } from '../../testing/fault-proxy.js';
import { floorTerminals } from '../../testing/floor-terminals.js';
import { queryRows, type TestDatabase } from '../../testing/postgres.js';
import { createEngine, type Engine } from '../engine.js';
import { authorCheck } from './replay-authority.js';

const PASSWORD = 'correct horse battery staple';
const TOM = 'tom@desk.example';
const DAY_MS = 86_400_000;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * A trader drafts on a terminal cut off from the shared database; meanwhile, at another terminal,
 * the floor takes away his right to trade. When the database returns, his queued writes are
 * refused with the reason, and nothing of them reaches the shared database; another trader's
 * writes queued beside them are applied.
 */
describe('queued writes of a trader whose right to trade was taken away while the terminal was offline', () => {
  const clock = steppingClock();
  const floor = floorTerminals(clock);
  let database: TestDatabase;
  let proxy: FaultProxy;
  let terminal: Engine;
  let other: Engine;
  let tina: string;
  let tom: { id: string; token: string };
  let tinaThere: string;
  let deskId: string;
  const day = (offsetDays: number): string => new Date(clock.now().getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);

  const call = (engine: Engine, token: string | null, method: Method, url: string, payload?: object) =>
    engine.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });
  const queue = async (): Promise<SyncQueue> => (await call(terminal, tina, 'GET', '/api/sync/queue')).json<SyncQueue>();
  const draftOffline = async (token: string): Promise<string> => {
    const id = randomUUID();
    const created = await call(terminal, token, 'POST', '/api/bids', { id, ...curveBid(day(2)) });
    expect([created.statusCode, created.json<Bid>().syncState]).toEqual([201, 'queued']);
    return id;
  };
  const goOffline = (): Promise<void> => floor.goOffline();
  const bidsInDatabase = async (): Promise<string[]> => (await queryRows<{ id: string }>(database.url, 'SELECT id FROM bids ORDER BY created_at')).map((row) => row.id);
  const auditedBids = async (): Promise<string[]> =>
    (await queryRows<{ resource_id: string }>(database.url, "SELECT resource_id FROM audit_logs WHERE resource_type = 'bid' ORDER BY seq")).map((row) => row.resource_id);

  beforeEach(async () => {
    ({ database, proxy, terminal, other } = floor);
    const owner = (await call(terminal, null, 'POST', '/api/auth/register', { email: 'tina@desk.example', password: PASSWORD, displayName: 'Tina', organizationName: 'Desk' })).json<AuthTokens>();
    tina = owner.accessToken;
    deskId = owner.user.currentOrganizationId ?? '';
    const registered = (await call(terminal, null, 'POST', '/api/auth/register', { email: TOM, password: PASSWORD, displayName: 'Tom' })).json<AuthTokens>();
    expect((await call(terminal, tina, 'POST', `/api/organizations/${deskId}/members`, { email: TOM, role: 'trader' })).statusCode).toBe(201);
    // Tom works in the desk on this terminal (signing in, then choosing it, caches his trader role here).
    const signedIn = (await call(terminal, null, 'POST', '/api/auth/login', { email: TOM, password: PASSWORD })).json<AuthTokens>();
    const switched = await call(terminal, signedIn.accessToken, 'PUT', '/api/auth/current-organization', { organizationId: deskId });
    expect(switched.statusCode).toBe(200);
    tom = { id: registered.user.id, token: switched.json<AccessTokenGrant>().accessToken };
    tinaThere = (await call(other, null, 'POST', '/api/auth/login', { email: 'tina@desk.example', password: PASSWORD })).json<AuthTokens>().accessToken;

    await goOffline();
  });
  /** Back online, once the queue has drained: each queued create's state and detail, by bid. */
  const replayed = async (): Promise<Map<string, { state: string; detail: string | null }>> => {
    proxy.setMode(Fault.pass);
    await eventually(async () => (await queue()).status?.queued === 0, 'the queue to drain', 10_000);
    return new Map((await queue()).writes.map((write) => [write.bidId, { state: write.state, detail: write.detail }]));
  };

  it('refuses the drafts of a trader lowered to viewer meanwhile, naming his role, and applies the owner’s drafted beside them', async () => {
    const his = [await draftOffline(tom.token), await draftOffline(tom.token)];
    const hers = await draftOffline(tina);
    expect((await call(other, tinaThere, 'PUT', `/api/organizations/${deskId}/members/${tom.id}`, { role: 'viewer' })).statusCode).toBe(200);

    const writes = await replayed();
    for (const id of his) {
      expect(writes.get(id)).toEqual({ state: 'failed', detail: 'Not applied: tom@desk.example holds the viewer role now; bids need trader or higher' });
    }
    expect(writes.get(hers)?.state).toBe('done');
    expect(await bidsInDatabase()).toEqual([hers]);
    // The floor's audit log has her draft, and his two refused, in his name, with the reason; its chain intact.
    const audited = await queryRows<{ action: string; resource_id: string; actor_id: string; reason: string | null }>(
      database.url,
      "SELECT action, resource_id, actor_id, after_summary->>'reason' AS reason FROM audit_logs WHERE resource_type = 'bid' ORDER BY seq",
    );
    expect(audited.filter((row) => row.action === 'bid.create').map((row) => row.resource_id)).toEqual([hers]);
    const refusals = audited.filter((row) => row.action === 'bid.replay_refused');
    expect(refusals.map((row) => row.resource_id).sort()).toEqual([...his].sort());
    expect(refusals.every((row) => row.actor_id === tom.id && row.reason === 'Not applied: tom@desk.example holds the viewer role now; bids need trader or higher')).toBe(true);
    expect(await other.databases.primary.audit.verify()).toBeNull();

    // Back online, the terminal's cache learns his role too: offline again, his next draft is refused at once.
    await eventually(async () => (await terminal.databases.local.organizations.roleOf(tom.id, deskId)) === 'viewer', 'the cache to take Tom’s new role', 10_000);
    await goOffline();
    const refused = await call(terminal, tom.token, 'POST', '/api/bids', { id: randomUUID(), ...curveBid(day(2)) });
    expect([refused.statusCode, refused.json<{ error: { code: string } }>().error.code]).toEqual([403, 'ROLE_REQUIRED']);
  });

  it('settles as done, not refused, a draft that reached the shared database before his role was lowered, its reply lost', async () => {
    const his = await draftOffline(tom.token);
    // Back, but every COMMIT's reply is lost: the replay's draft is stored there, and the terminal cannot know it.
    proxy.setMode(Fault.closeOnServerMessage(sqlContains('COMMIT'), { repeat: true }));
    await eventually(async () => (await bidsInDatabase()).includes(his), 'the replayed draft committed', 10_000);
    expect((await call(other, tinaThere, 'PUT', `/api/organizations/${deskId}/members/${tom.id}`, { role: 'viewer' })).statusCode).toBe(200);

    // Sent again: it finds its work done, which needs no right to trade now.
    expect((await replayed()).get(his)).toEqual({ state: 'done', detail: null });
    expect(await bidsInDatabase()).toEqual([his]);
    expect(await auditedBids()).toEqual([his]);
  });

  it('refuses the drafts of a trader whose account was closed meanwhile', async () => {
    const his = await draftOffline(tom.token);
    const tomThere = (await call(other, null, 'POST', '/api/auth/login', { email: TOM, password: PASSWORD })).json<AuthTokens>().accessToken;
    expect((await call(other, tomThere, 'DELETE', `/api/users/${tom.id}`)).statusCode).toBe(204);

    expect((await replayed()).get(his)).toEqual({ state: 'failed', detail: 'Not applied: the account of tom@desk.example is closed on the shared database' });
    expect(await bidsInDatabase()).toEqual([]);

    // Back online, the terminal's cache learns it too: offline again, his session here is signed out and his password no longer opens one.
    await eventually(async () => (await terminal.databases.local.users.get(tom.id))?.status === 'deleted', 'the cache to take the closed account', 10_000);
    await goOffline();
    expect((await call(terminal, tom.token, 'GET', '/api/auth/me')).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });
    expect((await call(terminal, null, 'POST', '/api/auth/login', { email: TOM, password: PASSWORD })).statusCode).toBe(401);
  });

  it('signs out, here and on the floor, a sign-in made offline with a password changed on the floor meanwhile, and refuses what was drafted in it', async () => {
    const offlineSignIn = await call(terminal, null, 'POST', '/api/auth/login', { email: TOM, password: PASSWORD });
    expect(offlineSignIn.statusCode).toBe(200);
    const stale = offlineSignIn.json<AuthTokens>();
    const inStale = await draftOffline(stale.accessToken);
    const tomThere = (await call(other, null, 'POST', '/api/auth/login', { email: TOM, password: PASSWORD })).json<AuthTokens>().accessToken;
    clock.advance(60_000);
    expect((await call(other, tomThere, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'an entirely new passphrase 42' })).statusCode).toBe(204);

    expect((await replayed()).get(inStale)).toEqual({ state: 'failed', detail: 'Not applied: the sign-in it was made in was signed out on the shared database: its password was changed' });
    expect(await bidsInDatabase()).toEqual([]);
    const staleSession = (JSON.parse(Buffer.from(stale.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid: string }).sid;
    expect(await queryRows(database.url, 'SELECT revoke_reason FROM sessions WHERE id = $1', [staleSession])).toEqual([{ revoke_reason: 'password_change' }]);
    expect((await call(terminal, stale.accessToken, 'GET', '/api/auth/me')).json()).toMatchObject({ error: { code: 'SESSION_REVOKED' } });
  });

  it('refuses the drafts of a trader taken out of the organisation meanwhile', async () => {
    const his = await draftOffline(tom.token);
    expect((await call(other, tinaThere, 'DELETE', `/api/organizations/${deskId}/members/${tom.id}`)).statusCode).toBe(204);

    expect((await replayed()).get(his)).toEqual({
      state: 'failed',
      detail: 'Not applied: tom@desk.example is no longer a member of the organisation, or the organisation is no longer active',
    });
    expect(await bidsInDatabase()).toEqual([]);
  });
});

/**
 * A write made with an API key answers to the key as well as to its maker: on one terminal's own
 * database (the check reads whichever is the shared one), each way the key's authority can go.
 */
describe('the author check of writes made with an API key', () => {
  let dir: TempDir;
  let engine: Engine;
  const clock = steppingClock();
  const call = (token: string | null, method: Method, url: string, payload?: object) =>
    engine.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });

  beforeEach(async () => {
    dir = await tempDir();
    engine = await createEngine(testConfig(dir.path), { clock });
  });
  afterEach(async () => {
    await engine.close();
    await dir.remove();
  });

  it('refuses a revoked key’s writes and a key whose maker was lowered to viewer, not one that merely expired since', async () => {
    const owner = (await call(null, 'POST', '/api/auth/register', { email: 'tina@desk.example', password: PASSWORD, displayName: 'Tina', organizationName: 'Desk' })).json<AuthTokens>();
    const deskId = owner.user.currentOrganizationId ?? '';
    const tomId = (await call(null, 'POST', '/api/auth/register', { email: TOM, password: PASSWORD, displayName: 'Tom' })).json<AuthTokens>().user.id;
    expect((await call(owner.accessToken, 'POST', `/api/organizations/${deskId}/members`, { email: TOM, role: 'admin' })).statusCode).toBe(201);
    const tomSignedIn = (await call(null, 'POST', '/api/auth/login', { email: TOM, password: PASSWORD })).json<AuthTokens>();
    const tom = (await call(tomSignedIn.accessToken, 'PUT', '/api/auth/current-organization', { organizationId: deskId })).json<AccessTokenGrant>().accessToken;
    const keyOf = async (token: string, name: string, expiresInDays?: number): Promise<string> => {
      const created = await call(token, 'POST', '/api/api-keys', { name, role: 'trader', ...(expiresInDays ? { expiresInDays } : {}) });
      expect(created.statusCode).toBe(201);
      return created.json<CreatedApiKey>().id;
    };
    const revoked = await keyOf(owner.accessToken, 'Scheduler');
    const expiring = await keyOf(owner.accessToken, 'Nightly', 1);
    const toms = await keyOf(tom, 'Tom’s script');
    expect((await call(owner.accessToken, 'DELETE', `/api/api-keys/${revoked}`)).statusCode).toBe(204);
    expect((await call(owner.accessToken, 'PUT', `/api/organizations/${deskId}/members/${tomId}`, { role: 'viewer' })).statusCode).toBe(200);
    clock.advance(2 * DAY_MS);

    const check = authorCheck(engine.databases.primary);
    const refusal = async (userId: string, keyId: string): Promise<string | null> =>
      (await check({ userId, organizationId: deskId, audit: { actorKind: 'api_key', actorId: keyId } }, null))?.message ?? null;
    expect(await refusal(owner.user.id, revoked)).toBe('Not applied: the API key “Scheduler” that made it has been revoked');
    expect(await refusal(tomId, toms)).toBe('Not applied: the API key “Tom’s script” now acts below the trader role (its maker holds the viewer role)');
    expect(await refusal(owner.user.id, expiring)).toBeNull();
    expect(await refusal(owner.user.id, randomUUID())).toBe('Not applied: the API key that made it is not the organisation’s');
    const refused = await check({ userId: tomId, organizationId: deskId, audit: { actorKind: 'api_key', actorId: toms } }, null);
    expect(refused).toMatchObject({ type: 'authorization_error', code: 'AUTHOR_NOT_AUTHORISED', details: { userId: tomId, organizationId: deskId, actorKind: 'api_key', actorId: toms } });
    expect(await check({ userId: owner.user.id, organizationId: deskId, audit: { actorKind: 'user', actorId: owner.user.id } }, null)).toBeNull();
  });
});
