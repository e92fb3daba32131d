import { describe, expect, it } from 'vitest';
import { suiteEngine } from '../../testing/suite-engine.js';
import { isAllowedOrigin, isLoopbackHost } from './loopback-guard.js';

describe('loopback guard (DNS rebinding and cross-site requests)', () => {
  const suite = suiteEngine();

  it('tells loopback hosts and origins from the rest', () => {
    for (const host of ['127.0.0.1:4317', 'localhost:4317', 'LOCALHOST', '[::1]:4317', '127.0.0.1']) expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    for (const host of ['evil.example', 'evil.example:4317', '127.0.0.1.evil.example', '10.0.0.5:4317', '', undefined]) expect([host, isLoopbackHost(host)]).toEqual([host, false]);
    for (const origin of [undefined, 'http://127.0.0.1:4317', 'http://localhost:5173', 'http://[::1]:4317', 'app://optibid']) expect([origin, isAllowedOrigin(origin)]).toEqual([origin, true]);
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://', 'app://other']) expect([origin, isAllowedOrigin(origin)]).toEqual([origin, false]);
  });

  it('refuses a request addressed to another host name, and one sent from another site', async () => {
    const rebound = await suite.engine.app.inject({ url: '/health', headers: { host: 'attacker.example:4317' } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json()).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED', type: 'authorization_error' } });
    const crossSite = await suite.engine.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: '127.0.0.1:4317', origin: 'https://evil.example' }, payload: { email: 'a@b.example', password: 'whatever it is' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    expect((await suite.engine.app.inject({ url: '/health', headers: { host: '127.0.0.1:4317', origin: 'http://127.0.0.1:4317' } })).statusCode).toBe(200);
  });
});
