import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { LatestPrices } from '../../../../shared/api/market-data.js';
import type { StreamServerMessage } from '../../../../shared/api/stream.js';
import { suiteEngine } from '../../../testing/suite-engine.js';

describe('broadcasts from a platform administrator', () => {
  const suite = suiteEngine();
  let admin: AuthTokens;
  let trader: AuthTokens;
  const post = (url: string, payload: object, token?: string) => suite.engine.app.inject({ method: 'POST', url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const register = async (email: string): Promise<AuthTokens> => (await post('/api/auth/register', { email, password: 'correct horse battery staple', displayName: email.split('@')[0] ?? 'x' })).json<AuthTokens>();

  beforeAll(async () => {
    admin = await register('admin@desk.example');
    trader = await register('trader@desk.example');
  });

  it('sends an alert to signed-in subscribers, refuses others and bad input', async () => {
    const heard: StreamServerMessage[] = [];
    const session = suite.engine.openStream((message) => heard.push(message));
    await session.handle({ type: 'auth', accessToken: trader.accessToken });
    await session.handle({ type: 'subscribe', topic: 'market-alert' });

    const alert = { zoneId: 'DE_LU', severity: 'warning', title: 'Coupling delayed', message: 'EPEX results are late today' };
    expect((await post('/api/ws/broadcast/alert', alert)).statusCode).toBe(401);
    expect((await post('/api/ws/broadcast/alert', alert, trader.accessToken)).json()).toMatchObject({ error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
    expect((await post('/api/ws/broadcast/alert', { ...alert, severity: 'panic' }, admin.accessToken)).statusCode).toBe(400);
    expect((await post('/api/ws/broadcast/alert', { ...alert, zoneId: 'ATLANTIS' }, admin.accessToken)).json()).toMatchObject({ error: { code: 'ZONE_NOT_FOUND' } });
    expect(heard.filter((message) => message.type === 'event')).toEqual([]);

    const sent = await post('/api/ws/broadcast/alert', alert, admin.accessToken);
    expect(sent.json()).toEqual({ delivered: 1 });
    expect(heard.at(-1)).toMatchObject({ type: 'event', topic: 'market-alert', snapshot: false, data: { ...alert, source: 'broadcast' } });
    session.close();
  });

  it('publishes a price like a feed tick, within the zone’s limits and to the cent', async () => {
    expect((await post('/api/ws/broadcast/price', { zoneId: 'FR', price: 123.45 }, trader.accessToken)).statusCode).toBe(403);
    for (const [price, problem] of [
      [4000.01, 'outside FR'],
      [-500.5, 'outside FR'],
      [12.345, 'whole number of cents'],
    ] as const) {
      const refused = await post('/api/ws/broadcast/price', { zoneId: 'FR', price }, admin.accessToken);
      expect([price, refused.statusCode]).toEqual([price, 400]);
      expect(refused.json()).toMatchObject({ error: { code: 'INVALID_PRICE', message: expect.stringContaining(problem) as unknown, details: [{ field: 'body.price' }] } });
    }
    expect((await post('/api/ws/broadcast/price', { zoneId: 'ATLANTIS', price: 1 }, admin.accessToken)).statusCode).toBe(404);

    expect((await post('/api/ws/broadcast/price', { zoneId: 'FR', price: -12.3 }, admin.accessToken)).json()).toEqual({ delivered: 0 });
    const latest = await suite.engine.app.inject({ url: '/api/market-data/latest?zones=FR', headers: { authorization: `Bearer ${trader.accessToken}` } });
    expect(latest.json<LatestPrices>().prices).toEqual([expect.objectContaining({ zoneId: 'FR', price: -12.3, currency: 'EUR', source: 'manual' })]);
  });
});
