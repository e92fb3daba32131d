import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { Bid } from '../../../shared/api/bids.js';
import type { SyncConflictList, SyncQueue } from '../../../shared/api/sync.js';
import { deskCurve as curveBid } from '../../testing/bid-fixtures.js';
import { steppingClock } from '../../testing/clock.js';
import { eventually } from '../../testing/eventually.js';
import { Fault, sqlContains, type FaultProxy } from '../../testing/fault-proxy.js';
import { floorTerminals } from '../../testing/floor-terminals.js';
import { queryRows, type TestDatabase } from '../../testing/postgres.js';
import type { Engine } from '../engine.js';

const PASSWORD = 'correct horse battery staple';
const DAY_MS = 86_400_000;
/** RELIABILITY.md 3: the queue drains within 10 s of PostgreSQL returning. */
const DRAINED_WITHIN_MS = 10_000;

const firstPrice = (bid: Bid): number | null => (bid.orderType === 'curve' ? (bid.curve[0]?.points[0]?.price ?? null) : null);

/**
 * RELIABILITY.md 3-5 on one terminal: its shared PostgreSQL behind our fault proxy, its SQLite
 * cache and outbox, and a second terminal on the same PostgreSQL (directly) changing bids
 * meanwhile. Offline means the proxy answers nothing; the terminal must notice by itself.
 */
describe('bids drafted offline, synced when the shared database returns', () => {
  const clock = steppingClock();
  const floor = floorTerminals(clock);
  let database: TestDatabase;
  let proxy: FaultProxy;
  let terminal: Engine;
  let other: Engine;
  let tokens: AuthTokens;
  let otherTokens: AuthTokens;
  const day = (offsetDays: number): string => new Date(clock.now().getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);

  const call = async (engine: Engine, auth: AuthTokens, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    engine.app.inject({ method, url, headers: { authorization: `Bearer ${auth.accessToken}` }, ...(payload ? { payload } : {}) });
  const mine = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => call(terminal, tokens, method, url, payload);
  const database_ = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(database.url, sql, params);
  const goOffline = (): Promise<void> => floor.goOffline();
  const queue = async (): Promise<SyncQueue> => (await mine('GET', '/api/sync/queue')).json<SyncQueue>();

  beforeEach(async () => {
    ({ database, proxy, terminal, other } = floor);
    tokens = (await terminal.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'tina@desk.example', password: PASSWORD, displayName: 'Tina', organizationName: 'Desk' } })).json<AuthTokens>();
    // The same trader at a second terminal of the floor.
    otherTokens = (await other.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'tina@desk.example', password: PASSWORD } })).json<AuthTokens>();
  });

  it('keeps drafts, edits and submissions made offline, replays them once, and turns a draft changed meanwhile into a conflict with both versions', async () => {
    const shared = { id: randomUUID(), ...curveBid(day(2)) };
    expect((await mine('POST', '/api/bids', shared)).statusCode).toBe(201);
    const site = await mine('POST', '/api/sites', { name: 'Lausitz', latitude: 51.5, longitude: 14.3, zoneId: 'DE_LU', gridCapacityMw: 50 });
    expect(site.statusCode).toBe(201);
    expect((await mine('POST', '/api/assets', { name: 'Wind 1', kind: 'wind', siteId: site.json<{ id: string }>().id, zoneId: 'DE_LU', capacityMw: 40, status: 'active' })).statusCode).toBe(201);
    await goOffline();
    // Sites and assets are read from the cache while the shared database is gone.
    expect((await mine('GET', '/api/sites')).json<{ sites: { name: string }[] }>().sites.map((s) => s.name)).toEqual(['Lausitz']);
    expect((await mine('GET', '/api/assets')).json<{ assets: { name: string; capacityMw: number }[] }>().assets.map((a) => [a.name, a.capacityMw])).toEqual([['Wind 1', 40]]);

    // Offline: a new draft, submitted; and an edit of the draft the other terminal is about to change.
    const offlineDraft = { id: randomUUID(), ...curveBid(day(2), 30) };
    const created = await mine('POST', '/api/bids', offlineDraft);
    expect([created.statusCode, created.json<Bid>().syncState]).toEqual([201, 'queued']);
    const submissionId = randomUUID();
    const submitted = await mine('POST', `/api/bids/${offlineDraft.id}/submit`, { submissionId, version: 1, confirmWarnings: [] });
    expect([submitted.statusCode, submitted.json<Bid>().status, submitted.json<Bid>().syncState]).toEqual([200, 'submitted', 'queued']);
    const edited = await mine('PUT', `/api/bids/${shared.id}`, { ...curveBid(day(2), 11), version: 1 });
    expect([edited.statusCode, edited.json<Bid>().version]).toEqual([200, 2]);
    expect((await queue()).writes.map((w) => [w.operation, w.state])).toEqual([
      ['bid.update', 'pending'],
      ['bid.submit', 'pending'],
      ['bid.create', 'pending'],
    ]);
    expect((await queue()).status).toMatchObject({ state: 'offline', queued: 3 });
    // The list is read from the cache meanwhile, with each bid's state against the shared database.
    const listed = (await mine('GET', '/api/bids')).json<{ bids: Bid[] }>().bids;
    expect(listed.map((b) => [b.id, b.syncState]).sort()).toEqual([[shared.id, 'queued'], [offlineDraft.id, 'queued']].sort());

    const theirs = await call(other, otherTokens, 'PUT', `/api/bids/${shared.id}`, { ...curveBid(day(2), 12), version: 1 });
    expect(theirs.statusCode).toBe(200);

    const returned = performance.now();
    proxy.setMode(Fault.pass);
    await eventually(async () => (await queue()).status?.queued === 0, 'the queue to drain', DRAINED_WITHIN_MS);
    expect(performance.now() - returned).toBeLessThan(DRAINED_WITHIN_MS);

    // Exactly one row per id, submitted once, in PostgreSQL.
    const rows = await database_<{ id: string; status: string; submission_id: string | null; version: number }>('SELECT id, status, submission_id, version FROM bids ORDER BY id');
    expect(rows.find((row) => row.id === offlineDraft.id)).toEqual({ id: offlineDraft.id, status: 'submitted', submission_id: submissionId, version: 2 });
    expect(rows).toHaveLength(2);
    // The submission and the stale edit were one batch: refused as a whole, then replayed one at a time. Each replayed write is audited once, the chain intact.
    const audited = await database_<{ action: string; resource_id: string }>("SELECT action, resource_id FROM audit_logs WHERE resource_type = 'bid' ORDER BY seq");
    expect(audited).toEqual([
      { action: 'bid.create', resource_id: shared.id },
      { action: 'bid.update', resource_id: shared.id },
      { action: 'bid.create', resource_id: offlineDraft.id },
      { action: 'bid.submit', resource_id: offlineDraft.id },
    ]);
    expect(await other.databases.primary.audit.verify()).toBeNull();
    // The other terminal's edit was not overwritten: the conflict keeps both versions.
    const sharedRow = await database_<{ price_minor: string }>('SELECT price_minor FROM bid_curve_points WHERE bid_id = $1 AND seq = 0', [shared.id]);
    expect(sharedRow).toEqual([{ price_minor: '1200' }]);
    const { conflicts } = (await mine('GET', '/api/sync/conflicts')).json<SyncConflictList>();
    expect(conflicts.map((c) => [c.bidId, firstPrice(c.local), firstPrice(c.remote), c.resolution])).toEqual([[shared.id, 11, 12, null]]);
    expect((await mine('GET', `/api/bids/${shared.id}`)).json<Bid>().syncState).toBe('conflict');
    expect((await queue()).writes.find((w) => w.operation === 'bid.update')).toMatchObject({ state: 'conflict', detail: expect.stringContaining('version 2') as unknown });

    // The trader keeps this terminal's version: it goes on top of the server's.
    const resolved = await mine('POST', `/api/sync/conflicts/${conflicts[0]?.id ?? ''}/resolve`, { keep: 'local' });
    expect([resolved.statusCode, resolved.json<{ resolution: string }>().resolution]).toEqual([200, 'kept_local']);
    expect(await database_('SELECT price_minor FROM bid_curve_points WHERE bid_id = $1 AND seq = 0', [shared.id])).toEqual([{ price_minor: '1100' }]);
    const after = (await mine('GET', `/api/bids/${shared.id}`)).json<Bid>();
    expect([after.version, after.syncState]).toEqual([3, 'synced']);
    expect((await mine('POST', `/api/sync/conflicts/${conflicts[0]?.id ?? ''}/resolve`, { keep: 'remote' })).json<{ error: { code: string } }>().error.code).toBe('CONFLICT_RESOLVED');
  });

  it('answers the organisation’s settings from the cache while offline: fat-finger thresholds set here, the trading day set at another terminal', async () => {
    const organizationId = tokens.user.currentOrganizationId ?? '';
    const site = (await mine('POST', '/api/sites', { name: 'Lausitz', latitude: 51.5, longitude: 14.3, zoneId: 'DE_LU', gridCapacityMw: 50 })).json<{ id: string }>();
    const asset = (await mine('POST', '/api/assets', { name: 'Wind 1', kind: 'wind', siteId: site.id, zoneId: 'DE_LU', capacityMw: 40, status: 'active' })).json<{ id: string }>();
    expect((await mine('PUT', '/api/bid-warning-thresholds', { maxPriceDeviation: 250, maxCapacityShare: 0.5 })).statusCode).toBe(200);
    // A change made here is in this terminal's cache at once, before any refresh.
    expect((await terminal.databases.local.organizations.settings(organizationId)).bidWarningThresholds).toEqual({ maxPriceDeviation: 250, maxCapacityShare: 0.5 });
    expect((await call(other, otherTokens, 'PUT', '/api/trading-day', { timeZone: 'America/Los_Angeles' })).statusCode).toBe(200);
    // The other terminal's change reaches this cache with the next periodic refresh.
    clock.advance(31_000);
    await eventually(async () => JSON.stringify((await terminal.databases.local.organizations.settings(organizationId)).tradingDay) === '{"timeZone":"America/Los_Angeles"}', 'the trading day in the cache');
    await goOffline();

    expect((await mine('GET', '/api/bid-warning-thresholds')).json()).toEqual({ maxPriceDeviation: 250, maxCapacityShare: 0.5 });
    expect((await mine('GET', '/api/trading-day')).json()).toEqual({ timeZone: 'America/Los_Angeles' });
    expect((await mine('GET', '/api/analytics/real-time-kpis')).json()).toMatchObject({ organizationId, timeZone: 'America/Los_Angeles' });
    // Selling 30 of the asset's 40 MW: within the default share (0.9), above the organisation's (0.5).
    const sell = { id: randomUUID(), ...curveBid(day(2)), assetId: asset.id, portfolio: null, side: 'sell', curve: [{ period: 1, points: [{ price: 10, volume: 0 }, { price: 20, volume: -30 }] }] };
    const drafted = await mine('POST', '/api/bids', sell);
    expect([drafted.statusCode, drafted.json<Bid>().syncState, drafted.json<Bid>().warnings.map((w) => w.code)]).toEqual([201, 'queued', ['VOLUME_NEAR_CAPACITY']]);
    // A change of a setting needs the shared database.
    const refused = await mine('PUT', '/api/trading-day', { timeZone: 'UTC' });
    expect([refused.statusCode, refused.json<{ error: { code: string } }>().error.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
  });

  it('replays drafts made offline together: each once, with its curve, audited in the order they were made', async () => {
    const online = { id: randomUUID(), ...curveBid(day(2), 20) };
    expect((await mine('POST', '/api/bids', online)).statusCode).toBe(201);
    await goOffline();
    const drafts = [30, 31, 32].map((price) => ({ id: randomUUID(), ...curveBid(day(2), price) }));
    for (const draft of drafts) expect((await mine('POST', '/api/bids', draft)).statusCode).toBe(201);
    expect((await mine('PUT', `/api/bids/${online.id}`, { ...curveBid(day(2), 21), version: 1 })).statusCode).toBe(200);
    expect((await mine('POST', `/api/bids/${drafts[0]?.id ?? ''}/submit`, { submissionId: randomUUID(), version: 1, confirmWarnings: [] })).statusCode).toBe(200);

    proxy.setMode(Fault.pass);
    await eventually(async () => (await queue()).status?.queued === 0, 'the queue to drain', DRAINED_WITHIN_MS);
    expect((await queue()).writes.map((w) => w.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const points = await database_<{ bid_id: string; n: string; first: string }>(
      'SELECT bid_id, count(*) AS n, min(price_minor) FILTER (WHERE period = 1 AND seq = 0) AS first FROM bid_curve_points GROUP BY bid_id',
    );
    const periods = curveBid(day(2)).curve.length;
    expect(new Map(points.map((row) => [row.bid_id, [Number(row.n), Number(row.first)]]))).toEqual(
      new Map([
        [online.id, [periods * 2, 2100]],
        ...drafts.map((draft, i): [string, number[]] => [draft.id, [periods * 2, (30 + i) * 100]]),
      ]),
    );
    const statuses = await database_<{ id: string; status: string; version: number }>('SELECT id, status, version FROM bids');
    expect(statuses.find((row) => row.id === drafts[0]?.id)).toMatchObject({ status: 'submitted', version: 2 });
    const audited = await database_<{ action: string; resource_id: string }>("SELECT action, resource_id FROM audit_logs WHERE resource_type = 'bid' ORDER BY seq");
    expect(audited.map((row) => [row.action, row.resource_id])).toEqual([
      ['bid.create', online.id],
      ...drafts.map((draft) => ['bid.create', draft.id]),
      ['bid.update', online.id],
      ['bid.submit', drafts[0]?.id],
    ]);
    expect(await other.databases.primary.audit.verify()).toBeNull();
  });

  it('lists a draft whose create still waits to be replayed, once the database is back, as queued', async () => {
    await goOffline();
    const draft = { id: randomUUID(), ...curveBid(day(2), 40) };
    expect((await mine('POST', '/api/bids', draft)).statusCode).toBe(201);
    // Back, but every replay of the create loses its connection until the test has looked: the
    // draft waits, whatever the load (a one-shot cut let the next round through before the poll
    // saw it pending once in CI).
    proxy.setMode(Fault.closeOnServerMessage(sqlContains('INSERT INTO bids'), { repeat: true }));
    // Polled with what was last seen, so a failure shows the write's state and its last error.
    // The bound is generous because CI runs two test files at once on two cores.
    await expect
      .poll(
        async () => {
          const [write] = (await queue()).writes;
          return write && { state: write.state, triedAtLeastOnce: write.attempts >= 1, detail: write.detail };
        },
        { timeout: 2 * DRAINED_WITHIN_MS },
      )
      .toMatchObject({ state: 'pending', triedAtLeastOnce: true });
    expect((await queue()).status?.state).toBe('online');
    const listed = (await mine('GET', '/api/bids')).json<{ bids: Bid[] }>().bids;
    expect(listed.map((bid) => [bid.id, bid.syncState])).toEqual([[draft.id, 'queued']]);

    proxy.setMode(Fault.pass);
    await eventually(async () => (await queue()).status?.queued === 0, 'the queue to drain', DRAINED_WITHIN_MS);
    expect((await mine('GET', '/api/bids')).json<{ bids: Bid[] }>().bids.map((bid) => [bid.id, bid.syncState])).toEqual([[draft.id, 'synced']]);
  });

  it('expires a submission queued offline whose gate closed before the database returned, and says why', async () => {
    const draft = { id: randomUUID(), ...curveBid(day(2)) };
    expect((await mine('POST', '/api/bids', draft)).statusCode).toBe(201);
    await goOffline();
    const submitted = await mine('POST', `/api/bids/${draft.id}/submit`, { submissionId: randomUUID(), version: 1, confirmWarnings: [] });
    expect([submitted.statusCode, submitted.json<Bid>().syncState]).toEqual([200, 'queued']);
    // Three days pass offline: the gate has closed when PostgreSQL is back.
    clock.advance(3 * DAY_MS);
    proxy.setMode(Fault.pass);
    // Three days on, the trader signs in again (access tokens live 15 minutes).
    tokens = (await terminal.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'tina@desk.example', password: PASSWORD } })).json<AuthTokens>();
    // The outcome is what this test is about; the 10 s bound is measured in the test above.
    await eventually(async () => (await queue()).status?.queued === 0, 'the queue to drain', 3 * DRAINED_WITHIN_MS);

    const [row] = await database_<{ status: string; submission_id: string | null; rejection_reason: string }>('SELECT status, submission_id, rejection_reason FROM bids WHERE id = $1', [draft.id]);
    expect(row).toMatchObject({ status: 'expired', submission_id: null });
    expect(row?.rejection_reason).toMatch(/^Submitted on this terminal at .* while the shared database was out of reach; the gate closed at .* before it could be sent/);
    const bid = (await mine('GET', `/api/bids/${draft.id}`)).json<Bid>();
    expect([bid.status, bid.syncState, bid.reason]).toEqual(['expired', 'synced', row?.rejection_reason]);
    expect((await queue()).writes[0]).toMatchObject({ operation: 'bid.submit', state: 'done', detail: expect.stringMatching(/^Expired: /) as unknown });
  });

  it('a submission whose connection closes after COMMIT but before the reply: the replay yields exactly one submitted bid', async () => {
    const draft = { id: randomUUID(), ...curveBid(day(2)) };
    expect((await mine('POST', '/api/bids', draft)).statusCode).toBe(201);
    proxy.setMode(Fault.closeOnServerMessage(sqlContains('COMMIT')));
    const submissionId = randomUUID();
    const submitted = await mine('POST', `/api/bids/${draft.id}/submit`, { submissionId, version: 1, confirmWarnings: [] });
    // The outcome was unknown: the terminal kept the submission and queued it.
    expect([submitted.statusCode, submitted.json<Bid>().status]).toEqual([200, 'submitted']);
    await eventually(async () => (await queue()).status?.queued === 0, 'the queue to drain', DRAINED_WITHIN_MS);
    expect(await database_('SELECT id, status, submission_id FROM bids')).toEqual([{ id: draft.id, status: 'submitted', submission_id: submissionId }]);
    // Repeating the submission (the client's retry) returns the same bid.
    const repeated = await mine('POST', `/api/bids/${draft.id}/submit`, { submissionId, version: 1, confirmWarnings: [] });
    expect([repeated.statusCode, repeated.json<Bid>().submissionId, repeated.json<Bid>().syncState]).toEqual([200, submissionId, 'synced']);
  });
});
