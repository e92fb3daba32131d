import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule, AlertRuleList, RecentAlerts } from '../../../../shared/api/alert-rules.js';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { PricePoint } from '../../../../shared/api/market-data.js';
import type { StreamServerMessage } from '../../../../shared/api/stream.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { eventually } from '../../../testing/eventually.js';
import { createEngine, type Engine } from '../../engine.js';

const PASSWORD = 'correct horse battery staple';
type Name = 'alice' | 'bob' | 'carol';

const priceAbove = (overrides: object = {}) => ({ kind: 'price_above', name: 'DE_LU above 80', zoneId: 'DE_LU', threshold: 80, severity: 'warning', enabled: true, cooldownMinutes: 15, ...overrides });
const tick = (zoneId: string, price: number): PricePoint => ({ zoneId, market: 'tick', resolutionMinutes: 0, at: new Date().toISOString(), price, currency: 'EUR', source: 'manual' });

describe.each(backends)('alert rules on $dialect', ({ prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  const users = {} as Record<Name, AuthTokens>;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: Name, payload?: object) =>
    engine.app.inject({ method, url, payload, headers: { authorization: `Bearer ${users[who].accessToken}` } });
  const auditActions = async (): Promise<string[]> =>
    (await engine.store.sql.all<{ action: string }>("SELECT action FROM audit_logs WHERE action LIKE 'alert_rule.%' ORDER BY seq")).map((row) => row.action);
  const ruleCount = async (): Promise<number> => Number((await engine.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM alert_rules'))?.n);

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    for (const name of ['alice', 'bob', 'carol'] as const) {
      users[name] = (
        await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: `${name}@desk.example`, password: PASSWORD, displayName: name, organizationName: `${name} desk` } })
      ).json<AuthTokens>();
    }
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  it('creates, lists, reads, replaces and deletes a trader’s rules of every kind, each write audited', async () => {
    const bodies = [
      priceAbove(),
      priceAbove({ kind: 'price_below', name: 'FR negative', zoneId: 'FR', threshold: -0.01, severity: 'critical' }),
      { kind: 'change_over_window', name: 'NL jumps', zoneId: 'NL', threshold: 25.5, windowMinutes: 15, severity: 'info', enabled: true, cooldownMinutes: 30 },
      { kind: 'spread', name: 'DE over FR', zoneId: 'DE_LU', otherZoneId: 'FR', threshold: -10, severity: 'warning', enabled: false, cooldownMinutes: 60 },
      { kind: 'data_gap', name: 'PJM quiet', zoneId: 'PJM', windowMinutes: 10, severity: 'critical', enabled: true, cooldownMinutes: 1 },
    ];
    const created: AlertRule[] = [];
    for (const body of bodies) {
      const response = await call('POST', '/api/alerts/rules', 'alice', body);
      expect([body.kind, response.statusCode]).toEqual([body.kind, 201]);
      created.push(response.json<AlertRule>());
    }
    created.forEach((rule, i) => expect(rule).toEqual({ ...bodies[i], id: expect.any(String) as unknown, createdAt: expect.any(String) as unknown, updatedAt: rule.createdAt, lastFiredAt: null }));

    const listed = (await call('GET', '/api/alerts/rules', 'alice')).json<AlertRuleList>();
    expect(listed).toEqual({ rules: created, limit: 100 });
    const first = created[0]!;
    expect((await call('GET', `/api/alerts/rules/${first.id}`, 'alice')).json()).toEqual(first);

    const spread = { kind: 'spread', name: 'DE over NL', zoneId: 'DE_LU', otherZoneId: 'NL', threshold: 12.5, severity: 'info', enabled: true, cooldownMinutes: 5 };
    const replaced = await call('PUT', `/api/alerts/rules/${first.id}`, 'alice', spread);
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toEqual({ ...spread, id: first.id, createdAt: first.createdAt, updatedAt: expect.any(String) as unknown, lastFiredAt: null });

    expect((await call('DELETE', `/api/alerts/rules/${first.id}`, 'alice')).statusCode).toBe(204);
    expect((await call('GET', `/api/alerts/rules/${first.id}`, 'alice')).json()).toMatchObject({ error: { code: 'ALERT_RULE_NOT_FOUND', type: 'not_found' } });
    expect((await call('DELETE', `/api/alerts/rules/${first.id}`, 'alice')).statusCode).toBe(404);
    expect(await auditActions()).toEqual([...bodies.map(() => 'alert_rule.create'), 'alert_rule.update', 'alert_rule.delete']);
    expect(await engine.store.audit.verify()).toBeNull();
  });

  it('answers another user’s rule as not found, and never lists it', async () => {
    const [theirs] = (await call('GET', '/api/alerts/rules', 'alice')).json<AlertRuleList>().rules;
    for (const [method, payload] of [['GET'], ['PUT', priceAbove()], ['DELETE']] as const) {
      const response = await call(method, `/api/alerts/rules/${theirs!.id}`, 'bob', payload);
      expect([method, response.statusCode]).toEqual([method, 404]);
    }
    expect((await call('GET', '/api/alerts/rules', 'bob')).json<AlertRuleList>().rules).toEqual([]);
    expect((await call('GET', `/api/alerts/rules/${theirs!.id}`, 'alice')).statusCode).toBe(200);
    expect((await engine.app.inject({ url: '/api/alerts/rules' })).statusCode).toBe(401);
  });

  it('refuses a bad rule with the field at fault, and writes nothing', async () => {
    const rulesBefore = await ruleCount();
    const auditBefore = await auditActions();
    const cases: [object, number, string, string][] = [
      [priceAbove({ kind: 'price_sideways' }), 400, 'VALIDATION_FAILED', 'body.kind'],
      [{ kind: 'price_above', name: 'x', zoneId: 'DE_LU', severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'VALIDATION_FAILED', 'body.threshold'],
      [priceAbove({ windowMinutes: 15 }), 400, 'VALIDATION_FAILED', 'body.windowMinutes'],
      [{ kind: 'change_over_window', name: 'x', zoneId: 'NL', threshold: 10, windowMinutes: 0, severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'VALIDATION_FAILED', 'body.windowMinutes'],
      [{ kind: 'data_gap', name: 'x', zoneId: 'NL', windowMinutes: 1441, severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'VALIDATION_FAILED', 'body.windowMinutes'],
      [{ kind: 'change_over_window', name: 'x', zoneId: 'NL', threshold: 0, windowMinutes: 5, severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'VALIDATION_FAILED', 'body.threshold'],
      [priceAbove({ cooldownMinutes: 0 }), 400, 'VALIDATION_FAILED', 'body.cooldownMinutes'],
      [priceAbove({ name: '   ' }), 400, 'VALIDATION_FAILED', 'body.name'],
      [priceAbove({ zoneId: 'ATLANTIS' }), 404, 'ZONE_NOT_FOUND', 'body.zoneId'],
      [{ kind: 'spread', name: 'x', zoneId: 'FR', otherZoneId: 'FR', threshold: 5, severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'SPREAD_NEEDS_TWO_ZONES', 'body.otherZoneId'],
      [{ kind: 'spread', name: 'x', zoneId: 'FR', otherZoneId: 'PJM', threshold: 5, severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'CURRENCY_MISMATCH', 'body.otherZoneId'],
      [priceAbove({ threshold: 4000.01 }), 400, 'INVALID_THRESHOLD', 'body.threshold'],
      [priceAbove({ threshold: 12.345 }), 400, 'INVALID_THRESHOLD', 'body.threshold'],
      [{ kind: 'spread', name: 'x', zoneId: 'FR', otherZoneId: 'NL', threshold: 4500.01, severity: 'info', enabled: true, cooldownMinutes: 5 }, 400, 'INVALID_THRESHOLD', 'body.threshold'],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await call('POST', '/api/alerts/rules', 'alice', payload);
      expect([payload, response.statusCode, response.json()]).toEqual([payload, status, { error: expect.objectContaining({ code, details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown }) as unknown }]);
    }
    const [existing] = (await call('GET', '/api/alerts/rules', 'alice')).json<AlertRuleList>().rules;
    expect((await call('PUT', `/api/alerts/rules/${existing!.id}`, 'alice', priceAbove({ zoneId: 'ATLANTIS' }))).statusCode).toBe(404);
    expect(await ruleCount()).toBe(rulesBefore);
    expect(await auditActions()).toEqual(auditBefore);
  });

  it('holds a trader to 100 rules, with a clear error', async () => {
    for (let i = 0; i < 100; i += 1) expect((await call('POST', '/api/alerts/rules', 'carol', priceAbove({ name: `rule ${String(i)}` }))).statusCode).toBe(201);
    const refused = await call('POST', '/api/alerts/rules', 'carol', priceAbove());
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'ALERT_RULE_LIMIT', type: 'conflict', details: { limit: 100 } } });
  }, 60_000);

  it('fires a rule as a market alert to its owner only, recorded as a notification listed among the recent alerts', async () => {
    const heard: Record<'alice' | 'bob', StreamServerMessage[]> = { alice: [], bob: [] };
    const sessions = await Promise.all(
      (['alice', 'bob'] as const).map(async (name) => {
        const session = engine.openStream((message) => heard[name].push(message));
        await session.handle({ type: 'auth', accessToken: users[name].accessToken });
        await session.handle({ type: 'subscribe', topic: 'market-alert' });
        return session;
      }),
    );
    const alerts = (name: 'alice' | 'bob') => heard[name].filter((message) => message.type === 'event' && message.topic === 'market-alert' && !message.snapshot);
    const rule = (await call('POST', '/api/alerts/rules', 'alice', priceAbove({ name: 'FR above 80', zoneId: 'FR' }))).json<AlertRule>();

    engine.events.publish('price-update', { prices: [tick('FR', 75)] });
    expect(alerts('alice')).toEqual([]);
    engine.events.publish('price-update', { prices: [tick('FR', 85.5)] });
    engine.events.publish('price-update', { prices: [tick('FR', 90)] });
    expect(alerts('alice')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ zoneId: 'FR', severity: 'warning', title: 'FR above 80', message: 'FR at 85.50 EUR/MWh, above 80.00', source: 'rule', ruleId: rule.id }) as unknown }),
    ]);
    expect(alerts('bob')).toEqual([]);

    const recent = async (name: Name): Promise<RecentAlerts['alerts']> => (await call('GET', '/api/alerts/recent?limit=5', name)).json<RecentAlerts>().alerts;
    await eventually(async () => (await recent('alice')).length === 1, 'the notification written');
    const fired = alerts('alice')[0];
    expect(await recent('alice')).toEqual([fired?.type === 'event' ? fired.data : null]);
    expect(await recent('bob')).toEqual([]);
    const { lastFiredAt } = (await call('GET', `/api/alerts/rules/${rule.id}`, 'alice')).json<AlertRule>();
    expect(lastFiredAt).toEqual(expect.any(String));

    // Renamed, the rule keeps its cooldown and its state: the price still above it repeats nothing.
    const renamed = (await call('PUT', `/api/alerts/rules/${rule.id}`, 'alice', priceAbove({ name: 'FR high', zoneId: 'FR', severity: 'critical' }))).json<AlertRule>();
    expect(renamed).toMatchObject({ name: 'FR high', lastFiredAt });
    engine.events.publish('price-update', { prices: [tick('FR', 95)] });
    expect(alerts('alice')).toHaveLength(1);
    expect(await auditActions()).toContain('alert_rule.fire');
    expect(await engine.store.audit.verify()).toBeNull();
    for (const session of sessions) session.close();
  });
});
