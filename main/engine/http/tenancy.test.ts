import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule, AlertRuleList } from '../../../shared/api/alert-rules.js';
import type { CreatedApiKey } from '../../../shared/api/api-keys.js';
import type { Asset, AssetList } from '../../../shared/api/assets.js';
import type { AuthTokens, SessionList } from '../../../shared/api/auth.js';
import type { Site, SiteList } from '../../../shared/api/sites.js';
import type { Bid, BidList } from '../../../shared/api/bids.js';
import type { SyncConflictList } from '../../../shared/api/sync.js';
import type { ModelList, TrainAccepted, TrainingJobList, TrainingJobStatus } from '../../../shared/api/ml.js';
import { shiftDay } from '../../../shared/market/time-zone.js';
import { backends } from '../../testing/backends.js';
import { storeDayAheadHistory } from '../../testing/day-ahead-history.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { createEngine, type Engine } from '../engine.js';
import { isPublicRoute } from './public-routes.js';

const PASSWORD = 'correct horse battery staple';

/** One organisation's data in every resource table a route reads by id. */
interface Tenant {
  tokens: AuthTokens;
  ids: Record<'organization' | 'user' | 'apiKey' | 'session' | 'alertRule' | 'site' | 'asset' | 'bid' | 'conflict' | 'model' | 'job', string>;
}

/**
 * Which of a tenant's ids a resource route takes, by its path. A new route with an id fails
 * the test until it is added here, so no resource route escapes the isolation check.
 */
const RESOURCES: [RegExp, keyof Tenant['ids']][] = [
  [/^\/api\/organizations\/:id/, 'organization'],
  [/^\/api\/users\/:id$/, 'user'],
  [/^\/api\/api-keys\/:id$/, 'apiKey'],
  [/^\/api\/auth\/sessions\/:id$/, 'session'],
  [/^\/api\/alerts\/rules\/:id$/, 'alertRule'],
  [/^\/api\/sites\/:id$/, 'site'],
  [/^\/api\/assets\/:id/, 'asset'],
  [/^\/api\/bids\/:id/, 'bid'],
  [/^\/api\/sync\/conflicts\/:id/, 'conflict'],
  [/^\/api\/ml\/jobs\/:id/, 'job'],
  [/^\/api\/ml\/models\/:id/, 'model'],
  [/^\/api\/ml\/predict\/:architecture\/:modelId$/, 'model'],
];

/** Routes keyed by a market zone or a model architecture: shared by every organisation, so not a tenant's resource. */
const ZONE_KEYED = [/^\/api\/ws\/market\/:id$/, /^\/api\/ml\/train\/:architecture$/];

const SITE = { name: 'Lausitz', latitude: 51.5, longitude: 14.3, zoneId: 'DE_LU', gridCapacityMw: 50 };
const ASSET = { name: 'Wind 1', kind: 'wind', siteId: null, zoneId: 'DE_LU', capacityMw: 40, status: 'active', storage: null };
const BID = { zoneId: 'DE_LU', market: 'day_ahead', auction: null, deliveryDate: '2099-01-02', assetId: null, portfolio: 'Desk', side: 'buy', notes: null, orderType: 'curve', curve: [{ period: 1, points: [{ price: 10, volume: 1 }, { price: 20, volume: 0.5 }] }] };

/** Day-ahead history for each tenant's forecasting model: the 60 days up to yesterday. */
const TODAY = new Date().toISOString().slice(0, 10);
const HISTORY = { from: shiftDay(TODAY, -60), to: shiftDay(TODAY, -1) };

const ALERT_RULE = { kind: 'price_above', name: 'DE_LU above 80', zoneId: 'DE_LU', threshold: 80, severity: 'warning', enabled: true, cooldownMinutes: 15 };

/** A valid body for each resource route that takes one, so the request reaches the handler. */
const VALID_BODIES: Record<string, object | undefined> = {
  'PUT /api/organizations/:id': { name: 'Taken over' },
  'POST /api/organizations/:id/members': { email: 'alpha@alpha.example', role: 'viewer' },
  'PUT /api/organizations/:id/members/:userId': { role: 'viewer' },
  'PUT /api/users/:id': { displayName: 'Renamed' },
  'PUT /api/alerts/rules/:id': ALERT_RULE,
  'PUT /api/sites/:id': { ...SITE, version: 1 },
  'PUT /api/assets/:id': { ...ASSET, version: 1 },
  'PUT /api/bids/:id': { ...BID, version: 1 },
  'POST /api/bids/:id/submit': { submissionId: '00000000-0000-4000-8000-000000000001', version: 1, confirmWarnings: [] },
  'POST /api/bids/:id/cancel': { version: 1 },
  'POST /api/sync/conflicts/:id/resolve': { keep: 'remote' },
  'POST /api/ml/predict/:architecture/:modelId': {},
  'POST /api/ml/jobs/:id/cancel': {},
};

/** A valid query string for each resource route that needs one. */
const VALID_QUERIES: Record<string, string> = {
  'GET /api/assets/:id/performance': '?from=2026-03-10&to=2026-03-10',
  'DELETE /api/bids/:id': '?version=1',
};

const LISTS: [string, (body: unknown) => string[]][] = [
  ['/api/organizations', (b) => (b as { organizations: { id: string }[] }).organizations.map((o) => o.id)],
  ['/api/users', (b) => (b as { users: { id: string }[] }).users.map((u) => u.id)],
  ['/api/api-keys', (b) => (b as { apiKeys: { id: string }[] }).apiKeys.map((k) => k.id)],
  ['/api/auth/sessions', (b) => (b as SessionList).sessions.map((s) => s.id)],
  ['/api/alerts/rules', (b) => (b as AlertRuleList).rules.map((r) => r.id)],
  ['/api/sites', (b) => (b as SiteList).sites.map((s) => s.id)],
  ['/api/assets', (b) => (b as AssetList).assets.map((a) => a.id)],
  ['/api/bids', (b) => (b as BidList).bids.map((bid) => bid.id)],
  ['/api/sync/conflicts', (b) => (b as SyncConflictList).conflicts.map((c) => c.id)],
  ['/api/ml/models', (b) => (b as ModelList).models.map((m) => m.id)],
  ['/api/ml/jobs', (b) => (b as TrainingJobList).jobs.map((j) => j.jobId)],
];

describe.each(backends)('tenant isolation of every resource route on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let a: Tenant;
  let b: Tenant;

  /** A conflict as the outbox replay records one (this terminal's SQLite file; no outage needed to test who may see it). */
  async function syncConflictOf(tokens: AuthTokens, bid: Bid): Promise<string> {
    const id = randomUUID();
    const { local } = engine.databases;
    const seq = await local.outbox.enqueue({ opId: randomUUID(), organizationId: bid.organizationId, userId: tokens.user.id, operation: 'bid.update', resourceId: bid.id, baseVersion: 1, payload: {}, createdAt: new Date() });
    await local.syncConflicts.insert({ id, outboxSeq: seq, bidId: bid.id, local: bid, remote: bid, detectedAt: new Date() });
    return id;
  }

  async function tenant(name: string): Promise<Tenant> {
    const tokens = (
      await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: `${name}@${name}.example`, password: PASSWORD, displayName: name, organizationName: `${name} trading` } })
    ).json<AuthTokens>();
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    const key = (await engine.app.inject({ method: 'POST', url: '/api/api-keys', headers: auth, payload: { name: 'script', role: 'viewer' } })).json<CreatedApiKey>();
    const session = (await engine.app.inject({ url: '/api/auth/sessions', headers: auth })).json<SessionList>().sessions[0]?.id ?? '';
    const alertRule = (await engine.app.inject({ method: 'POST', url: '/api/alerts/rules', headers: auth, payload: ALERT_RULE })).json<AlertRule>();
    const site = (await engine.app.inject({ method: 'POST', url: '/api/sites', headers: auth, payload: SITE })).json<Site>();
    const asset = (await engine.app.inject({ method: 'POST', url: '/api/assets', headers: auth, payload: ASSET })).json<Asset>();
    const bid = (await engine.app.inject({ method: 'POST', url: '/api/bids', headers: auth, payload: { ...BID, id: randomUUID() } })).json<Bid>();
    const conflict = await syncConflictOf(tokens, bid);
    const training = (await engine.app.inject({ method: 'POST', url: '/api/ml/train/naive', headers: auth, payload: { zone: 'DE_LU', from: HISTORY.from, to: HISTORY.to } })).json<TrainAccepted>();
    await eventually(async () => (await engine.app.inject({ url: `/api/ml/jobs/${training.jobId}`, headers: auth })).json<TrainingJobStatus>().state === 'ready', `${name}'s model to be ready`, 30_000);
    return {
      tokens,
      ids: { organization: tokens.user.currentOrganizationId ?? '', user: tokens.user.id, apiKey: key.id, session, alertRule: alertRule.id, site: site.id, asset: asset.id, bid: bid.id, conflict, model: training.modelId, job: training.jobId },
    };
  }

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const zone = engine.databases.catalogue.zones.find((z) => z.id === 'DE_LU');
    if (!zone) throw new Error('DE_LU is not in the catalogue');
    await storeDayAheadHistory(engine.store, zone, HISTORY.from, HISTORY.to);
    a = await tenant('alpha');
    b = await tenant('beta');
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('answers 404 for the other organisation’s ids on every resource route, and changes nothing', async () => {
    const routes = engine.routes.filter((r) => r.url.includes(':') && !isPublicRoute(r.method, r.url) && !r.url.startsWith('/api/admin/') && !ZONE_KEYED.some((pattern) => pattern.test(r.url)));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const before = await engine.store.sql.all('SELECT count(*) AS n FROM audit_logs');
    for (const route of routes) {
      const resource = RESOURCES.find(([pattern]) => pattern.test(route.url))?.[1];
      expect(resource, `${route.method} ${route.url} has no entry in RESOURCES`).toBeDefined();
      const url = route.url.replace(':id', b.ids[resource ?? 'organization']).replace(':userId', b.ids.user).replace(':modelId', b.ids.model).replace(':architecture', 'naive') + (VALID_QUERIES[`${route.method} ${route.url}`] ?? '');
      const body = VALID_BODIES[`${route.method} ${route.url}`];
      const response = await engine.app.inject({ method: route.method as 'GET', url, payload: body, headers: { authorization: `Bearer ${a.tokens.accessToken}` } });
      expect([route.method, route.url, response.statusCode]).toEqual([route.method, route.url, 404]);
    }
    expect(await engine.store.sql.all('SELECT count(*) AS n FROM audit_logs')).toEqual(before);
  });

  it('never lists the other organisation’s rows', async () => {
    const theirs = new Set(Object.values(b.ids));
    for (const [url, ids] of LISTS) {
      const listed = ids((await engine.app.inject({ url, headers: { authorization: `Bearer ${a.tokens.accessToken}` } })).json());
      expect(listed.length, url).toBeGreaterThan(0);
      expect(listed.filter((id) => theirs.has(id)), url).toEqual([]);
    }
  });
});
