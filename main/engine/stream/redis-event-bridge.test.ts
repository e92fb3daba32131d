import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationSettingChange } from '../../../shared/api/organizations.js';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { PRICES_STREAM_PATH, type StreamServerMessage } from '../../../shared/api/stream.js';
import type { Engine } from '../engine.js';
import { listen } from '../listen.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { closedPort } from '../../testing/sockets.js';
import { connectStream, type StreamClient } from '../../testing/stream-client.js';

const PASSWORD = 'correct horse battery staple';

const priceOf =
  (zoneId: string, price: number) =>
  (message: StreamServerMessage): boolean =>
    message.type === 'event' && message.topic === 'price-update' && message.data.prices.some((p) => p.zoneId === zoneId && p.price === price);
const alertTitled =
  (title: string) =>
  (message: StreamServerMessage): boolean =>
    message.type === 'event' && message.topic === 'market-alert' && message.data.title === title;

/**
 * Two engines, each on its own SQLite file (no shared database): only Redis connects them.
 * With REDIS_URL unset, or pointing at nothing, each keeps working on its own.
 */
const setups = [
  { name: 'Redis up (TEST_REDIS_URL)', redis: async () => process.env.TEST_REDIS_URL ?? null, crosses: true },
  { name: 'Redis configured but down', redis: async () => `redis://127.0.0.1:${String(await closedPort())}`, crosses: false },
  { name: 'no Redis', redis: async () => '', crosses: false },
];

describe.each(setups)('events across processes: $name', ({ redis, crosses }) => {
  const dirs: TempDir[] = [];
  const engines: Engine[] = [];
  const clients: StreamClient[] = [];
  let skipReason: string | null = null;

  /** Signs up on one engine (its own database) and opens its price stream. */
  async function streamOf(engine: Engine, url: string, email: string): Promise<{ client: StreamClient; tokens: AuthTokens }> {
    const tokens = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: 'Desk' } })).json<AuthTokens>();
    const client = await connectStream(`${url.replace(/^http/, 'ws').replace(/\/$/, '')}${PRICES_STREAM_PATH}`, { authorization: `Bearer ${tokens.accessToken}` });
    clients.push(client);
    client.send({ type: 'subscribe', topic: 'price-update', zones: ['BE'] });
    client.send({ type: 'subscribe', topic: 'market-alert' });
    await client.next((message) => message.type === 'subscribed' && message.topic === 'market-alert');
    return { client, tokens };
  }

  let sender: { client: StreamClient; tokens: AuthTokens };
  let receiver: { client: StreamClient; tokens: AuthTokens };

  beforeAll(async () => {
    const url = await redis();
    if (url === null) {
      skipReason = 'TEST_REDIS_URL is not set: no Redis server to relay through';
      return;
    }
    const started = [];
    for (let i = 0; i < 2; i += 1) {
      const dir = await tempDir();
      dirs.push(dir);
      const env: Record<string, string> = url ? { REDIS_URL: url } : {};
      started.push(await listen(testConfig(dir.path, env)));
    }
    engines.push(...started.map((s) => s.engine));
    const [first, second] = started;
    if (!first || !second) throw new Error('two engines expected');
    sender = await streamOf(first.engine, first.url, 'sender@desk.example');
    receiver = await streamOf(second.engine, second.url, 'receiver@desk.example');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(engines.map((engine) => engine.close()));
    await Promise.all(dirs.map((dir) => dir.remove()));
  });

  it(crosses ? 'relays prices, alerts and setting changes to the other engine, which keeps the prices in its own database' : 'keeps prices and alerts working in this process', async ({ skip }) => {
    if (skipReason) return skip(skipReason);
    const [first, second] = engines;
    if (!first || !second) throw new Error('two engines expected');
    const headers = { authorization: `Bearer ${sender.tokens.accessToken}` };
    // Redis subscriptions complete asynchronously: publish until the other side hears one (or, apart, until this side does).
    const sent: number[] = [];
    const listener = crosses ? receiver.client : sender.client;
    const heardPrice = (): number | undefined => sent.find((price) => listener.messages.some(priceOf('BE', price)));
    await eventually(async () => {
      const price = 40 + sent.length / 100;
      sent.push(price);
      expect((await first.app.inject({ method: 'POST', url: '/api/ws/broadcast/price', headers, payload: { zoneId: 'BE', price } })).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return heardPrice() !== undefined;
    }, 'a broadcast price heard');
    const heard = heardPrice() ?? 0;
    expect((await first.app.inject({ method: 'POST', url: '/api/ws/broadcast/alert', headers, payload: { severity: 'warning', title: 'Relay check', message: 'BE interconnector trip' } })).statusCode).toBe(200);
    await listener.next(alertTitled('Relay check'));
    // An organisation's setting changed on one engine: the other hears it too (its KPIs move to a new trading day), checked against the event's schema on arrival.
    const settingChanges: OrganizationSettingChange[] = [];
    const stopObserving = second.events.observe('organization-setting', (change) => settingChanges.push(change));
    const organizationId = randomUUID();
    first.events.publish('organization-setting', { organizationId, setting: 'tradingDay', at: new Date().toISOString() }, { kind: 'organization', organizationId });
    if (crosses) {
      await eventually(async () => (await second.databases.local.marketData.latest('tick', ['BE']))[0]?.priceMinor === Math.round(heard * 100), 'the relayed price stored by the receiver');
      await eventually(async () => settingChanges.some((change) => change.organizationId === organizationId), 'the relayed setting change');
      stopObserving();
    } else {
      // Apart, the other engine hears nothing of it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      stopObserving();
      expect(settingChanges).toEqual([]);
      expect(receiver.client.messages.filter(alertTitled('Relay check'))).toEqual([]);
      expect(receiver.client.messages.filter((m) => m.type === 'event' && m.topic === 'price-update' && !m.snapshot)).toEqual([]);
    }
  });
});
