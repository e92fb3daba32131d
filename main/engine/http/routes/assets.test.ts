import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, AssetList, AssetPerformance } from '../../../../shared/api/assets.js';
import type { Site } from '../../../../shared/api/sites.js';
import { STORAGE_PARAMETERS_REQUIRED } from '../../../../shared/assets/asset-checks.js';
import { backends } from '../../../testing/backends.js';
import { insertBidRows, type BidRows } from '../../../testing/bid-rows.js';
import { openDesk, type Desk } from '../../../testing/desk.js';

const battery = (overrides: object = {}) => ({ energyCapacityMwh: 20.5, roundTripEfficiency: 0.88, socMin: 0.1, socMax: 0.95, maxChargeMw: 10, maxDischargeMw: 9.5, ...overrides });
const storageAsset = (overrides: object = {}) => ({ name: 'Battery 1', kind: 'storage', siteId: null, zoneId: 'DE_LU', capacityMw: 10, status: 'active', storage: battery(), ...overrides });
const windAsset = (overrides: object = {}) => ({ name: 'Wind 1', kind: 'wind', siteId: null, zoneId: 'DE_LU', capacityMw: 42.125, status: 'active', ...overrides });

describe.each(backends)('assets on $dialect', (backend) => {
  let desk: Desk;
  let germanSite: Site;
  const auditActions = async (): Promise<string[]> =>
    (await desk.engine.store.sql.all<{ action: string }>("SELECT action FROM audit_logs WHERE action LIKE 'asset.%' ORDER BY seq")).map((row) => row.action);
  const assetCount = async (): Promise<number> => Number((await desk.engine.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM assets'))?.n);
  const create = async (body: object): Promise<Asset> => {
    const response = await desk.call('POST', '/api/assets', 'alice', body);
    expect([response.statusCode, response.json()]).toEqual([201, expect.anything()]);
    return response.json<Asset>();
  };
  const bid = (asset: Asset, rows: Omit<BidRows, 'organizationId' | 'assetId' | 'zoneId'>): Promise<string> =>
    insertBidRows(desk.engine.store.sql, { organizationId: desk.organizationId, assetId: asset.id, zoneId: asset.zoneId, ...rows });

  beforeAll(async () => {
    desk = await openDesk(backend);
    germanSite = (await desk.call('POST', '/api/sites', 'alice', { name: 'Lausitz', latitude: 51.5, longitude: 14.3, zoneId: 'DE_LU', gridCapacityMw: 50 })).json<Site>();
  });
  afterAll(async () => {
    await desk.close();
  });

  it('creates, lists, reads, replaces and deletes assets, storage in exact stored units, each write audited', async () => {
    const stored = await create(storageAsset({ siteId: germanSite.id }));
    expect(stored).toEqual({ ...storageAsset({ siteId: germanSite.id }), id: expect.any(String) as unknown, version: 1, createdAt: expect.any(String) as unknown, updatedAt: stored.createdAt });
    expect(await desk.engine.store.sql.one('SELECT capacity_kw, energy_capacity_kwh, round_trip_efficiency_bp, soc_min_bp, soc_max_bp, max_charge_kw, max_discharge_kw FROM assets WHERE id = ?', [stored.id])).toEqual({
      capacity_kw: 10_000,
      energy_capacity_kwh: 20_500,
      round_trip_efficiency_bp: 8_800,
      soc_min_bp: 1_000,
      soc_max_bp: 9_500,
      max_charge_kw: 10_000,
      max_discharge_kw: 9_500,
    });
    // A wind farm's body may leave storage out: it reads back as null.
    const wind = await create(windAsset());
    expect(wind).toMatchObject({ kind: 'wind', capacityMw: 42.125, storage: null });

    expect((await desk.call('GET', '/api/assets', 'alice')).json()).toEqual({ assets: [stored, wind] });
    expect((await desk.call('GET', `/api/assets/${stored.id}`, 'vera')).json()).toEqual(stored);

    const replacement = storageAsset({ name: 'Battery 1b', siteId: null, capacityMw: 12, status: 'inactive', storage: battery({ socMin: 0, socMax: 1, maxChargeMw: 12 }) });
    const replaced = await desk.call('PUT', `/api/assets/${stored.id}`, 'alice', { ...replacement, version: 1 });
    expect([replaced.statusCode, replaced.json()]).toEqual([200, { ...replacement, id: stored.id, version: 2, createdAt: stored.createdAt, updatedAt: expect.any(String) as unknown }]);

    expect((await desk.call('DELETE', `/api/assets/${stored.id}`, 'alice')).statusCode).toBe(204);
    expect((await desk.call('GET', `/api/assets/${stored.id}`, 'alice')).json()).toMatchObject({ error: { code: 'ASSET_NOT_FOUND', type: 'not_found' } });
    expect((await desk.call('DELETE', `/api/assets/${wind.id}`, 'alice')).statusCode).toBe(204);
    expect(await auditActions()).toEqual(['asset.create', 'asset.create', 'asset.update', 'asset.delete', 'asset.delete']);
    expect(await desk.engine.store.audit.verify()).toBeNull();
  });

  it('refuses a bad asset with its code and the field at fault, and writes nothing', async () => {
    await create(windAsset({ name: 'Taken' }));
    const theirSite = (await desk.call('POST', '/api/sites', 'bob', { name: 'Elsewhere', latitude: 50, longitude: 8, zoneId: 'DE_LU', gridCapacityMw: 5 })).json<Site>();
    const assetsBefore = await assetCount();
    const auditBefore = await auditActions();
    const { storage: _omitted, ...storageWithout } = storageAsset();
    const cases: [object, number, string, string][] = [
      [windAsset({ zoneId: 'ATLANTIS' }), 400, 'ZONE_NOT_FOUND', 'body.zoneId'],
      [storageWithout, 400, 'STORAGE_PARAMETERS_REQUIRED', 'body.storage'],
      [storageAsset({ storage: null }), 400, 'STORAGE_PARAMETERS_REQUIRED', 'body.storage'],
      [windAsset({ storage: battery() }), 400, 'STORAGE_PARAMETERS_NOT_ALLOWED', 'body.storage'],
      [storageAsset({ storage: battery({ socMin: 0.9, socMax: 0.1 }) }), 400, 'SOC_RANGE_INVALID', 'body.storage.socMax'],
      [storageAsset({ storage: battery({ socMin: 0.5, socMax: 0.5 }) }), 400, 'SOC_RANGE_INVALID', 'body.storage.socMax'],
      [storageAsset({ storage: battery({ maxChargeMw: 10.001 }) }), 400, 'POWER_ABOVE_CAPACITY', 'body.storage.maxChargeMw'],
      [storageAsset({ storage: battery({ maxDischargeMw: 11 }) }), 400, 'POWER_ABOVE_CAPACITY', 'body.storage.maxDischargeMw'],
      [storageAsset({ storage: battery({ roundTripEfficiency: 0.88888 }) }), 400, 'VALUE_OFF_GRID', 'body.storage.roundTripEfficiency'],
      [storageAsset({ storage: battery({ socMin: 0.10001 }) }), 400, 'VALUE_OFF_GRID', 'body.storage.socMin'],
      [storageAsset({ storage: battery({ energyCapacityMwh: 20.0001 }) }), 400, 'VALUE_OFF_GRID', 'body.storage.energyCapacityMwh'],
      [windAsset({ capacityMw: 42.0001 }), 400, 'VALUE_OFF_GRID', 'body.capacityMw'],
      [storageAsset({ storage: battery({ roundTripEfficiency: 0 }) }), 400, 'VALIDATION_FAILED', 'body.storage.roundTripEfficiency'],
      [windAsset({ kind: 'nuclear' }), 400, 'VALIDATION_FAILED', 'body.kind'],
      [windAsset({ siteId: theirSite.id }), 400, 'SITE_NOT_FOUND', 'body.siteId'],
      [windAsset({ siteId: germanSite.id, zoneId: 'FR' }), 400, 'ASSET_ZONE_MISMATCH', 'body.zoneId'],
      [windAsset({ name: 'Taken' }), 409, 'ASSET_NAME_TAKEN', 'body.name'],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await desk.call('POST', '/api/assets', 'alice', payload);
      expect([payload, response.statusCode, response.json()]).toEqual([payload, status, { error: expect.objectContaining({ code, details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown }) as unknown }]);
    }
    expect((await desk.call('POST', '/api/assets', 'alice', storageWithout)).json()).toMatchObject({ error: { message: STORAGE_PARAMETERS_REQUIRED, type: 'validation_error' } });
    expect(await assetCount()).toBe(assetsBefore);
    expect(await auditActions()).toEqual(auditBefore);
  });

  it('answers a replacement from a stale version with 409 and the current asset', async () => {
    const asset = await create(windAsset({ name: 'Versioned' }));
    const first = (await desk.call('PUT', `/api/assets/${asset.id}`, 'alice', { ...windAsset({ name: 'Versioned', capacityMw: 40 }), version: 1 })).json<Asset>();
    const stale = await desk.call('PUT', `/api/assets/${asset.id}`, 'alice', { ...windAsset({ name: 'Versioned', capacityMw: 30 }), version: 1 });
    expect([stale.statusCode, stale.json()]).toEqual([409, { error: { code: 'VERSION_CONFLICT', type: 'conflict', message: expect.any(String) as unknown, details: { currentVersion: 2, current: first } } }]);
    expect((await desk.call('GET', `/api/assets/${asset.id}`, 'alice')).json()).toEqual(first);
  });

  it('filters by kind, zone, site and status', async () => {
    const solar = await create({ ...windAsset({ name: 'Filter solar', kind: 'solar', siteId: germanSite.id }) });
    const load = await create({ ...windAsset({ name: 'Filter load', kind: 'flexible_load', zoneId: 'PJM', status: 'retired' }) });
    const listed = async (query: string): Promise<string[]> => (await desk.call('GET', `/api/assets?${query}`, 'alice')).json<AssetList>().assets.map((a) => a.id);
    expect(await listed('kind=solar')).toEqual([solar.id]);
    expect(await listed('zoneId=PJM')).toEqual([load.id]);
    expect(await listed(`siteId=${germanSite.id}`)).toEqual([solar.id]);
    expect(await listed('status=retired')).toEqual([load.id]);
    expect(await listed('kind=flexible_load&zoneId=PJM&status=retired')).toEqual([load.id]);
    expect(await listed('kind=solar&zoneId=PJM')).toEqual([]);
    expect((await listed('')).length).toBe(await assetCount());
    expect((await desk.call('GET', '/api/assets?status=broken', 'alice')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: 'query.status' })]) as unknown } });
  });

  it('lets viewers read but not write', async () => {
    const asset = await create(windAsset({ name: 'Viewer sees' }));
    expect((await desk.call('GET', `/api/assets/${asset.id}`, 'vera')).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['POST', '/api/assets', windAsset({ name: 'By a viewer' })],
      ['PUT', `/api/assets/${asset.id}`, { ...windAsset({ name: 'By a viewer' }), version: 1 }],
      ['DELETE', `/api/assets/${asset.id}`, undefined],
    ] as const) {
      expect([method, (await desk.call(method, url, 'vera', payload)).json()]).toEqual([method, { error: expect.objectContaining({ code: 'ROLE_REQUIRED', type: 'authorization_error' }) as unknown }]);
    }
  });

  it('answers another organisation’s asset as not found on every route, and never lists it', async () => {
    const asset = await create(windAsset({ name: 'Ours only' }));
    for (const [method, url, payload] of [
      ['GET', `/api/assets/${asset.id}`],
      ['PUT', `/api/assets/${asset.id}`, { ...windAsset({ name: 'Theirs' }), version: 1 }],
      ['DELETE', `/api/assets/${asset.id}`],
      ['GET', `/api/assets/${asset.id}/performance?from=2026-03-10&to=2026-03-10`],
    ] as const) {
      const response = await desk.call(method, url, 'bob', payload);
      expect([method, url, response.statusCode, response.json()]).toEqual([method, url, 404, { error: expect.objectContaining({ code: 'ASSET_NOT_FOUND' }) as unknown }]);
    }
    expect((await desk.call('GET', '/api/assets', 'bob')).json()).toEqual({ assets: [] });
  });

  it('keeps an asset that has bids, suggesting it be retired instead', async () => {
    const asset = await create(windAsset({ name: 'Has bids' }));
    await bid(asset, { deliveryDate: '2026-03-10', side: 'sell', status: 'draft', blocks: [{ priceMinor: 1000, periods: [{ period: 1, volumeKw: -1000 }] }] });
    const refused = await desk.call('DELETE', `/api/assets/${asset.id}`, 'alice');
    expect([refused.statusCode, refused.json()]).toEqual([409, { error: { code: 'ASSET_HAS_BIDS', type: 'conflict', message: expect.stringContaining("'retired'") as unknown, details: { bidCount: 1 } } }]);
    expect((await desk.call('PUT', `/api/assets/${asset.id}`, 'alice', { ...windAsset({ name: 'Has bids', status: 'retired' }), version: 1 })).json()).toMatchObject({ status: 'retired', version: 2 });
  });

  it('sums an asset’s bids per delivery day: energy offered, cleared, and its value, sales positive', async () => {
    const asset = await create(storageAsset({ name: 'Performer' }));
    const other = await create(windAsset({ name: 'Not this one' }));
    const quarters = (count: number, points: { priceMinor: number; volumeKw: number }[]) => Array.from({ length: count }, (_, i) => ({ period: i + 1, points }));
    // 10 March (quarter hours): 4 periods of 10 MW sell = 10 MWh; 6 MW cleared at 50 EUR for two quarters = 3 MWh, 150 EUR.
    await bid(asset, {
      deliveryDate: '2026-03-10',
      side: 'sell',
      status: 'accepted',
      curve: { kind: 'linear', periods: quarters(4, [{ priceMinor: 0, volumeKw: -4_000 }, { priceMinor: 5_000, volumeKw: -10_000 }]) },
      results: [1, 2].map((period) => ({ period, clearedKw: 6_000, priceMinor: 5_000 })),
    });
    // Not counted: a draft, a cancelled bid, and another asset's bid.
    for (const status of ['draft', 'cancelled'] as const) await bid(asset, { deliveryDate: '2026-03-10', side: 'sell', status, curve: { kind: 'linear', periods: quarters(4, [{ priceMinor: 0, volumeKw: -99_000 }]) } });
    await insertBidRows(desk.engine.store.sql, { organizationId: desk.organizationId, assetId: other.id, zoneId: 'DE_LU', deliveryDate: '2026-03-10', side: 'sell', status: 'submitted', blocks: [{ priceMinor: 0, periods: [{ period: 1, volumeKw: -5_000 }] }] });
    // 11 March: a submitted block bid, no result yet: 2 MW over four quarters = 2 MWh.
    await bid(asset, { deliveryDate: '2026-03-11', side: 'sell', status: 'submitted', blocks: [{ priceMinor: 4_000, periods: [1, 2, 3, 4].map((period) => ({ period, volumeKw: -2_000 })) }] });
    // 12 March: a two-sided storage curve, buying below about 50 EUR and selling above: 5 MW at most in two quarters = 2.5 MWh offered.
    // At 150 EUR it sold 1 MW for a quarter (+37.50); at 20 EUR it bought 2 MW for a quarter (-10.00).
    await bid(asset, {
      deliveryDate: '2026-03-12',
      side: 'both',
      status: 'partially_accepted',
      curve: { kind: 'linear', periods: quarters(2, [{ priceMinor: -10_000, volumeKw: 5_000 }, { priceMinor: 20_000, volumeKw: -5_000 }]) },
      results: [
        { period: 1, clearedKw: 1_000, priceMinor: 15_000 },
        { period: 2, clearedKw: 2_000, priceMinor: 2_000 },
      ],
    });

    const response = await desk.call('GET', `/api/assets/${asset.id}/performance?from=2026-03-10&to=2026-03-13`, 'vera');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      assetId: asset.id,
      currency: 'EUR',
      from: '2026-03-10',
      to: '2026-03-13',
      days: [
        { deliveryDate: '2026-03-10', bids: 1, bidVolumeMwh: 10, clearedVolumeMwh: 3, marketValue: 150 },
        { deliveryDate: '2026-03-11', bids: 1, bidVolumeMwh: 2, clearedVolumeMwh: null, marketValue: null },
        { deliveryDate: '2026-03-12', bids: 1, bidVolumeMwh: 2.5, clearedVolumeMwh: 0.75, marketValue: 27.5 },
        { deliveryDate: '2026-03-13', bids: 0, bidVolumeMwh: 0, clearedVolumeMwh: null, marketValue: null },
      ],
      totals: { bids: 3, bidVolumeMwh: 14.5, clearedVolumeMwh: 3.75, marketValue: 177.5 },
    } satisfies AssetPerformance);
  });

  it('counts hours on a day before the quarter-hour switch, and a purchase at a negative price as income', async () => {
    const asset = await create(windAsset({ name: 'Hourly' }));
    // 30 September 2025 still has hourly periods: 3 hours of 4 MW = 12 MWh; 8 MWh bought at -10 EUR earns 80 EUR.
    await bid(asset, {
      deliveryDate: '2025-09-30',
      side: 'buy',
      status: 'accepted',
      curve: { kind: 'step', periods: [1, 2, 3].map((period) => ({ period, points: [{ priceMinor: -50_000, volumeKw: 4_000 }, { priceMinor: 0, volumeKw: 1_000 }] })) },
      results: [1, 2].map((period) => ({ period, clearedKw: 4_000, priceMinor: -1_000 })),
    });
    const performance = (await desk.call('GET', `/api/assets/${asset.id}/performance?from=2025-09-30&to=2025-09-30`, 'alice')).json<AssetPerformance>();
    expect(performance.days).toEqual([{ deliveryDate: '2025-09-30', bids: 1, bidVolumeMwh: 12, clearedVolumeMwh: 8, marketValue: 80 }]);
  });

  it('refuses a backwards, too long or impossible range with the field at fault', async () => {
    const asset = await create(windAsset({ name: 'Ranges' }));
    const cases: [string, string, string][] = [
      ['from=2026-03-12&to=2026-03-10', 'INVALID_RANGE', 'query.to'],
      ['from=2024-01-01&to=2025-01-01', 'RANGE_TOO_LONG', 'query.to'],
      ['from=2026-02-30&to=2026-03-01', 'INVALID_DATE', 'query.from'],
      ['from=2026-03-01&to=9999-12-31', 'INVALID_DATE', 'query.to'],
      ['from=2026-03-01', 'VALIDATION_FAILED', 'query.to'],
    ];
    for (const [query, code, field] of cases) {
      const response = await desk.call('GET', `/api/assets/${asset.id}/performance?${query}`, 'alice');
      expect([query, response.statusCode, response.json()]).toEqual([query, 400, { error: expect.objectContaining({ code, details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown }) as unknown }]);
    }
    // A leap year is 366 days: the longest range allowed.
    const year = (await desk.call('GET', `/api/assets/${asset.id}/performance?from=2024-01-01&to=2024-12-31`, 'alice')).json<AssetPerformance>();
    expect(year.days).toHaveLength(366);
  });
});
