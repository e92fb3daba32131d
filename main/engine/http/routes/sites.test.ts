import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../../../shared/api/assets.js';
import type { Site, SiteList } from '../../../../shared/api/sites.js';
import { backends } from '../../../testing/backends.js';
import { openDesk, type Desk } from '../../../testing/desk.js';

const park = (overrides: object = {}) => ({ name: 'Nordsee Park', latitude: 54.1, longitude: 7.9, zoneId: 'DE_LU', gridCapacityMw: 20.5, ...overrides });

describe.each(backends)('sites on $dialect', (backend) => {
  let desk: Desk;
  const auditActions = async (): Promise<string[]> =>
    (await desk.engine.store.sql.all<{ action: string }>("SELECT action FROM audit_logs WHERE action LIKE 'site.%' ORDER BY seq")).map((row) => row.action);
  const siteCount = async (): Promise<number> => Number((await desk.engine.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM sites'))?.n);
  const create = async (body: object): Promise<Site> => {
    const response = await desk.call('POST', '/api/sites', 'alice', body);
    expect(response.statusCode).toBe(201);
    return response.json<Site>();
  };

  beforeAll(async () => {
    desk = await openDesk(backend);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('creates, lists, reads, replaces and deletes a site, each write audited in its transaction', async () => {
    const site = await create(park());
    expect(site).toEqual({ ...park(), id: expect.any(String) as unknown, assetCount: 0, installedCapacityMw: 0, version: 1, createdAt: expect.any(String) as unknown, updatedAt: site.createdAt });
    const stored = await desk.engine.store.sql.one<{ grid_capacity_kw: number }>('SELECT grid_capacity_kw FROM sites WHERE id = ?', [site.id]);
    expect(stored?.grid_capacity_kw).toBe(20_500);

    expect((await desk.call('GET', '/api/sites', 'alice')).json()).toEqual({ sites: [site] });
    expect((await desk.call('GET', `/api/sites/${site.id}`, 'vera')).json()).toEqual(site);

    const replaced = await desk.call('PUT', `/api/sites/${site.id}`, 'alice', { ...park({ name: '  Nordsee Park II ', zoneId: 'NL', gridCapacityMw: 0.001 }), version: 1 });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toEqual({ ...site, name: 'Nordsee Park II', zoneId: 'NL', gridCapacityMw: 0.001, version: 2, updatedAt: expect.any(String) as unknown });

    expect((await desk.call('DELETE', `/api/sites/${site.id}`, 'alice')).statusCode).toBe(204);
    expect((await desk.call('GET', `/api/sites/${site.id}`, 'alice')).json()).toMatchObject({ error: { code: 'SITE_NOT_FOUND', type: 'not_found' } });
    expect((await desk.call('DELETE', `/api/sites/${site.id}`, 'alice')).statusCode).toBe(404);
    expect(await auditActions()).toEqual(['site.create', 'site.update', 'site.delete']);
    expect(await desk.engine.store.audit.verify()).toBeNull();
  });

  it('filters by zone', async () => {
    const german = await create(park({ name: 'Berlin Süd' }));
    const french = await create(park({ name: 'Lyon', zoneId: 'FR', latitude: 45.7, longitude: 4.8 }));
    const listed = async (query: string): Promise<string[]> => (await desk.call('GET', `/api/sites${query}`, 'alice')).json<SiteList>().sites.map((s) => s.id);
    expect(await listed('?zoneId=DE_LU')).toEqual([german.id]);
    expect(await listed('?zoneId=FR')).toEqual([french.id]);
    expect(await listed('?zoneId=PJM')).toEqual([]);
    expect((await listed('')).sort()).toEqual([german.id, french.id].sort());
    expect((await desk.call('GET', '/api/sites?zoneId=de', 'alice')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'query.zoneId' })] } });
  });

  it('refuses a bad site with the field at fault, and writes nothing', async () => {
    await create(park({ name: 'Taken' }));
    const sitesBefore = await siteCount();
    const auditBefore = await auditActions();
    const cases: [object, number, string, string][] = [
      [park({ zoneId: 'ATLANTIS' }), 400, 'ZONE_NOT_FOUND', 'body.zoneId'],
      [park({ gridCapacityMw: 20.0005 }), 400, 'VALUE_OFF_GRID', 'body.gridCapacityMw'],
      [park({ gridCapacityMw: 0 }), 400, 'VALIDATION_FAILED', 'body.gridCapacityMw'],
      [park({ latitude: 91 }), 400, 'VALIDATION_FAILED', 'body.latitude'],
      [park({ name: '  ' }), 400, 'VALIDATION_FAILED', 'body.name'],
      [park({ name: 'Taken' }), 409, 'SITE_NAME_TAKEN', 'body.name'],
      [park({ name: ' Taken ' }), 409, 'SITE_NAME_TAKEN', 'body.name'],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await desk.call('POST', '/api/sites', 'alice', payload);
      expect([payload, response.statusCode, response.json()]).toEqual([payload, status, { error: expect.objectContaining({ code, details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown }) as unknown }]);
    }
    expect(await siteCount()).toBe(sitesBefore);
    expect(await auditActions()).toEqual(auditBefore);
  });

  it('answers a replacement from a stale version with 409 and the current site, and changes nothing', async () => {
    const site = await create(park({ name: 'Versioned' }));
    const first = (await desk.call('PUT', `/api/sites/${site.id}`, 'alice', { ...park({ name: 'Versioned', gridCapacityMw: 30 }), version: 1 })).json<Site>();
    expect(first.version).toBe(2);
    const stale = await desk.call('PUT', `/api/sites/${site.id}`, 'alice', { ...park({ name: 'Versioned', gridCapacityMw: 40 }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({ error: { code: 'VERSION_CONFLICT', type: 'conflict', message: expect.stringContaining('version 2') as unknown, details: { currentVersion: 2, current: first } } });
    expect((await desk.call('GET', `/api/sites/${site.id}`, 'alice')).json()).toEqual(first);
    const taken = await desk.call('PUT', `/api/sites/${site.id}`, 'alice', { ...park({ name: 'Taken' }), version: 2 });
    expect(taken.json()).toMatchObject({ error: { code: 'SITE_NAME_TAKEN' } });
  });

  it('lets viewers read but not write', async () => {
    const site = await create(park({ name: 'Read only' }));
    expect((await desk.call('GET', '/api/sites', 'vera')).json<SiteList>().sites.map((s) => s.id)).toContain(site.id);
    for (const [method, url, payload] of [
      ['POST', '/api/sites', park({ name: 'By a viewer' })],
      ['PUT', `/api/sites/${site.id}`, { ...park({ name: 'By a viewer' }), version: 1 }],
      ['DELETE', `/api/sites/${site.id}`, undefined],
    ] as const) {
      const response = await desk.call(method, url, 'vera', payload);
      expect([method, response.statusCode, response.json()]).toEqual([method, 403, { error: expect.objectContaining({ code: 'ROLE_REQUIRED', details: { role: 'trader' } }) as unknown }]);
    }
  });

  it('answers another organisation’s site as not found, and never lists it', async () => {
    const site = await create(park({ name: 'Ours' }));
    for (const [method, payload] of [['GET'], ['PUT', { ...park({ name: 'Theirs now' }), version: 1 }], ['DELETE']] as const) {
      const response = await desk.call(method, `/api/sites/${site.id}`, 'bob', payload);
      expect([method, response.statusCode]).toEqual([method, 404]);
    }
    expect((await desk.call('GET', '/api/sites', 'bob')).json()).toEqual({ sites: [] });
    expect((await desk.call('GET', `/api/sites/${site.id}`, 'alice')).json<Site>().name).toBe('Ours');
    expect((await desk.engine.app.inject({ url: '/api/sites' })).statusCode).toBe(401);
  });

  it('keeps a site with assets, reports assets above its grid connection, and keeps its zone while it has assets', async () => {
    const site = await create(park({ name: 'Hybrid', gridCapacityMw: 10 }));
    const asset = (kind: string, capacityMw: number, storage: object | null) => ({ name: `Hybrid ${kind}`, kind, siteId: site.id, zoneId: 'DE_LU', capacityMw, status: 'active', storage });
    const battery = { energyCapacityMwh: 16, roundTripEfficiency: 0.88, socMin: 0.1, socMax: 0.9, maxChargeMw: 8, maxDischargeMw: 8 };
    for (const body of [asset('solar', 9.5, null), asset('storage', 8, battery)]) expect((await desk.call('POST', '/api/assets', 'alice', body)).statusCode).toBe(201);

    const read = (await desk.call('GET', `/api/sites/${site.id}`, 'alice')).json<Site>();
    expect(read).toMatchObject({ assetCount: 2, installedCapacityMw: 17.5, gridCapacityMw: 10 });
    const refused = await desk.call('DELETE', `/api/sites/${site.id}`, 'alice');
    expect([refused.statusCode, refused.json()]).toEqual([409, { error: expect.objectContaining({ code: 'SITE_HAS_ASSETS', type: 'conflict', details: { assetCount: 2 } }) as unknown }]);
    const moved = await desk.call('PUT', `/api/sites/${site.id}`, 'alice', { ...park({ name: 'Hybrid', zoneId: 'FR' }), version: 1 });
    expect([moved.statusCode, moved.json()]).toEqual([409, { error: expect.objectContaining({ code: 'SITE_HAS_ASSETS', details: [expect.objectContaining({ field: 'body.zoneId' })] }) as unknown }]);
    expect((await desk.call('PUT', `/api/sites/${site.id}`, 'alice', { ...park({ name: 'Hybrid', gridCapacityMw: 12 }), version: 1 })).json()).toMatchObject({ version: 2, assetCount: 2 });

    const assets = (await desk.call('GET', `/api/assets?siteId=${site.id}`, 'alice')).json<{ assets: Asset[] }>().assets;
    for (const a of assets) expect((await desk.call('DELETE', `/api/assets/${a.id}`, 'alice')).statusCode).toBe(204);
    expect((await desk.call('DELETE', `/api/sites/${site.id}`, 'alice')).statusCode).toBe(204);
  });
});
