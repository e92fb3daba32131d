import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { createEngine, type Engine } from '../../engine.js';

const TABLES = ['users', 'organizations', 'user_organizations', 'sessions', 'password_reset_tokens', 'notifications', 'audit_logs', 'signing_keys'];
// Runs per route: FUZZ_RUNS raises it for a long local run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Bodies no route accepts: any JSON that is not an object with exactly the right fields, and non-JSON. */
const malformedBody = fc.oneof(
  fc.jsonValue().map((value) => ({ payload: JSON.stringify(value), contentType: 'application/json' })),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 6 }).map((value) => ({ payload: JSON.stringify(value), contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ payload: text, contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ payload: text, contentType: 'text/plain' })),
  fc.record({ email: fc.string(), password: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), displayName: fc.jsonValue() }).map((value) => ({
    payload: JSON.stringify(value),
    contentType: 'application/json',
  })),
);

describe.each(backends)('fuzzing the auth, organisation and admin routes on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let token: string;

  const counts = async (): Promise<Record<string, number>> =>
    Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, (await engine.store.sql.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0] as const)));

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const register = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'fuzz@desk.example', password: 'correct horse battery staple', displayName: 'Fuzz', organizationName: 'Fuzz Desk' } });
    token = register.json<AuthTokens>().accessToken;
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('answers malformed bodies with 4xx and the error envelope, never 5xx, and changes no row', { timeout: 120_000 }, async () => {
    const organizationId = (await engine.store.organizations.membershipsOf((await engine.store.users.findByEmail('fuzz@desk.example'))?.id ?? ''))[0]?.organizationId ?? '';
    // Sign-out's body is `{}`, which a fuzzer produces: it is a valid request, not bad input.
    const routes = engine.routes.filter((r) => ['POST', 'PUT'].includes(r.method) && /^\/api\/(auth|organizations|admin)\//.test(`${r.url}/`) && r.url !== '/api/auth/logout');
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const before = await counts();
    const statuses = new Map<number, number>();
    for (const route of routes) {
      const url = route.url.replace(':id', organizationId).replace(':userId', '00000000-0000-4000-8000-000000000000');
      await fc.assert(
        fc.asyncProperty(malformedBody, async ({ payload, contentType }) => {
          const response = await engine.app.inject({ method: route.method as 'POST', url, payload, headers: { 'content-type': contentType, authorization: `Bearer ${token}` } });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const request = `${route.method} ${route.url} <- ${payload.slice(0, 80)}`;
          expect(response.statusCode, request).toBeLessThan(500);
          expect(response.statusCode, request).toBeGreaterThanOrEqual(400);
          expect(response.json<{ error: { code: string } }>().error.code).toEqual(expect.any(String));
        }),
        { numRuns: RUNS },
      );
    }
    expect(await counts()).toEqual(before);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  });
});
