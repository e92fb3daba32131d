import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { backends } from '../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_ISSUER } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { createEngine, type Engine } from '../engine.js';
import { isPublicRoute, PUBLIC_ROUTES } from './public-routes.js';

/** A concrete URL for a route pattern (`:id` → a well-formed id nobody owns). */
const concrete = (url: string): string => url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? 'DE_LU' : 'x')).replace('*', 'x');

describe.each(backends)('authentication of every protected route on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  let valid: string;
  let badTokens: Record<string, string>;

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env), { clock });
    const register = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: 'correct horse battery staple', displayName: 'Ana', organizationName: 'Desk' } });
    valid = register.json<AuthTokens>().accessToken;
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const stored = await engine.store.signingKeys.active();
    const key = await importJWK(stored?.privateJwk ?? {}, 'Ed25519');
    const kid = stored?.kid ?? '';
    const signed = (audience: string, expiresIn: number): Promise<string> =>
      new SignJWT(claims).setProtectedHeader({ alg: 'Ed25519', kid, typ: 'at+jwt' }).setIssuer(TOKEN_ISSUER).setAudience(audience).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn).sign(key);
    offsetMs = -(ACCESS_TOKEN_TTL_SECONDS + 60) * 1000;
    const expired = await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ana@desk.example', password: 'correct horse battery staple' } });
    offsetMs = 0;
    badTokens = {
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid })).toString('base64url')}.${payload}.`,
      'tampered signature': `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      expired: expired.json<AuthTokens>().accessToken,
      'wrong audience': await signed('another-api', 600),
      'not a JWT': 'abc',
    };
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('keeps the public list short and every entry a real route', () => {
    const table = new Set(engine.routes.map((r) => `${r.method} ${r.url}`));
    for (const route of PUBLIC_ROUTES) expect(table, route).toContain(route);
    expect(PUBLIC_ROUTES.size).toBeLessThanOrEqual(13);
  });

  it('answers 401 with the error envelope on every protected route: no token, alg:none, tampered, expired, wrong audience', async () => {
    // Signing out ends the valid token's session: that route goes last.
    const protectedRoutes = engine.routes.filter((r) => !isPublicRoute(r.method, r.url)).sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    expect(protectedRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /api/auth/me', 'POST /api/auth/logout']));
    for (const route of protectedRoutes) {
      const url = concrete(route.url);
      const attempts: [string, Record<string, string>][] = [['no token', {}], ...Object.entries(badTokens).map(([name, token]): [string, Record<string, string>] => [name, { authorization: `Bearer ${token}` }])];
      for (const [name, headers] of attempts) {
        const response = await engine.app.inject({ method: route.method as 'GET', url, headers, payload: route.method === 'GET' ? undefined : {} });
        expect([`${route.method} ${route.url} (${name})`, response.statusCode]).toEqual([`${route.method} ${route.url} (${name})`, 401]);
        expect(response.json()).toMatchObject({ error: { type: 'authentication_error', code: expect.stringMatching(/^TOKEN_/) as string } });
      }
      const ok = await engine.app.inject({ method: route.method as 'GET', url, headers: { authorization: `Bearer ${valid}` }, payload: route.method === 'GET' ? undefined : {} });
      expect(ok.statusCode, `${route.method} ${route.url} with a valid token`).not.toBe(401);
    }
  });
});
