import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoot } from '../../../shared/api/meta.js';
import type { ZoneList } from '../../../shared/api/zones.js';
import { capturingLogger, tempDir, testConfig, type CapturedLog, type TempDir } from '../../testing/environment.js';
import { createEngine, type Engine } from '../engine.js';
import { DOCS_ASSET_PREFIX } from './route-table.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: unknown[] }>>;
}

const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

describe('HTTP API conventions', () => {
  let dir: TempDir;
  let engine: Engine;
  let logs: CapturedLog[];

  beforeAll(async () => {
    dir = await tempDir();
    const captured = capturingLogger('info');
    logs = captured.lines;
    engine = await createEngine(testConfig(dir.path), { logger: captured.logger });
  });
  afterAll(async () => {
    await engine.close();
    await dir.remove();
  });

  it('GET / gives name, version and links that all resolve', async () => {
    const response = await engine.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    const root = response.json<ApiRoot>();
    expect(root.name).toBe('OptiBid Terminal');
    expect(root.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const link of Object.values(root.links)) {
      expect([link, (await engine.app.inject({ url: link })).statusCode]).toEqual([link, 200]);
    }
  });

  it('lists the zone catalogue at GET /api/market-data/zones', async () => {
    const response = await engine.app.inject({ url: '/api/market-data/zones' });
    const body = response.json<ZoneList>();
    expect(body.count).toBe(15);
    const de = body.zones.find((z) => z.id === 'DE_LU');
    expect(de).toMatchObject({ timezone: 'Europe/Berlin', currency: 'EUR', priceLimits: { floor: -500, cap: 4000 }, mtu: { minutes: 15, since: '2025-10-01' } });
    expect(body.zones.find((z) => z.id === 'CAISO')?.curve.maxPoints).toBe(10);
  });

  it('answers an unknown zone with the error envelope and 404', async () => {
    const response = await engine.app.inject({ url: '/api/market-data/zones/ATLANTIS' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'ZONE_NOT_FOUND', message: 'Market zone ATLANTIS does not exist', type: 'not_found', details: { id: 'ATLANTIS' } } });
  });

  it('answers an unknown route with the error envelope and 404', async () => {
    const response = await engine.app.inject({ method: 'POST', url: '/api/nothing-here', payload: { a: 1 } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND', type: 'not_found', details: null } });
  });

  it('names each bad field in a validation error', async () => {
    const response = await engine.app.inject({ url: '/api/market-data/zones/de-lu' });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: { code: string; type: string; details: { field: string; message: string }[] } }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.type).toBe('validation_error');
    expect(error.details).toEqual([{ field: 'params.id', message: expect.stringContaining('must match pattern') as string }]);
  });

  it('echoes a caller request id, generates one otherwise, and logs JSON lines with it', async () => {
    const given = await engine.app.inject({ url: '/api/market-data/zones', headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers['x-request-id']).toBe('trace-123');
    const generated = await engine.app.inject({ url: '/api/market-data/zones' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.filter((l) => l.reqId === 'trace-123');
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('publishes an OpenAPI 3 document listing every API route with its error responses', async () => {
    const spec = (await engine.app.inject({ url: '/api/openapi.json' })).json<OpenApiDocument>();
    expect(spec.openapi).toBe('3.0.3');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/', '/health', '/api/market-data/zones', '/api/market-data/zones/{id}']));
    const zone = spec.paths['/api/market-data/zones/{id}']?.get;
    expect(Object.keys(zone?.responses ?? {})).toEqual(expect.arrayContaining(['200', '4XX', '5XX']));
    expect(zone?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
  });

  it('gives every route in the route table a schema for its params, body and every response', () => {
    const apiRoutes = engine.routes.filter((r) => r.url === '/' || r.url === '/health' || (r.url.startsWith('/api') && !r.url.startsWith(DOCS_ASSET_PREFIX)));
    expect(apiRoutes.length).toBeGreaterThanOrEqual(7);
    for (const route of apiRoutes) {
      const where = `${route.method} ${route.url}`;
      expect(route.schema, where).toBeDefined();
      const responses = Object.keys(route.schema?.response ?? {});
      expect(responses.some((status) => /^2\d\d$/.test(status)), `${where} declares its success response`).toBe(true);
      if (route.url.startsWith('/api')) expect(responses, where).toEqual(expect.arrayContaining(['4xx', '5xx']));
      if (route.url.includes(':')) expect(route.schema?.params, where).toBeDefined();
      if (BODY_METHODS.includes(route.method)) expect(route.schema?.body, where).toBeDefined();
    }
  });

  it.each(['/api/docs', '/api/redoc'])('serves %s for offline use: no script, style or font from another host', async (url) => {
    const page = await engine.app.inject({ url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const references = [...page.body.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1] ?? '');
    expect(references.filter((ref) => /^(https?:)?\/\//.test(ref))).toEqual([]);
    for (const ref of references) {
      const local = new URL(ref, `http://127.0.0.1${url}${url.endsWith('/') ? '' : '/'}`).pathname;
      expect([local, (await engine.app.inject({ url: local })).statusCode]).toEqual([local, 200]);
    }
  });

  it('serves the ReDoc bundle from this server', async () => {
    const bundle = await engine.app.inject({ url: '/api/redoc/redoc.standalone.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });
});
