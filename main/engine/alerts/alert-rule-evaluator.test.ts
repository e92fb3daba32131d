import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketAlert } from '../../../shared/api/market-data.js';
import { steppingClock } from '../../testing/clock.js';
import { dialects, type DialectFixture } from '../../testing/dialects.js';
import { capturingLogger, WARN, type CapturedLog } from '../../testing/environment.js';
import type { Clock } from '../clock.js';
import { prepareStore } from '../db/open-stores.js';
import type { AlertCondition, AlertRuleRecord } from '../db/repositories/alert-rule-repository.js';
import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import { EventHub } from '../stream/event-hub.js';
import { AlertRuleEvaluator } from './alert-rule-evaluator.js';
import { RecentPrices } from './recent-prices.js';

const MINUTE = 60_000;
const [sqlite] = dialects;
const catalogue = loadZoneCatalogue();

describe('alert rule evaluation, step by step on a stepping clock', () => {
  const owner = randomUUID();
  let db: DialectFixture;
  let clock: Clock & { advance(ms: number): void };
  let hub: EventHub;
  let evaluator: AlertRuleEvaluator;
  let heard: MarketAlert[];
  let logs: CapturedLog[];

  const minutes = (n: number): void => clock.advance(n * MINUTE);
  const prices = (byZone: Record<string, number>): void => {
    const at = clock.now().toISOString();
    hub.publish('price-update', { prices: Object.entries(byZone).map(([zoneId, price]) => ({ zoneId, market: 'tick', resolutionMinutes: 0, at, price, currency: 'EUR', source: 'simulator' })) });
  };
  const messages = (): string[] => heard.map((alert) => alert.message);
  const rule = (condition: AlertCondition, overrides: Partial<AlertRuleRecord> = {}): AlertRuleRecord => ({
    id: randomUUID(),
    userId: owner,
    organizationId: null,
    name: `${condition.kind} on ${condition.zoneId}`,
    severity: 'warning',
    enabled: true,
    cooldownMinutes: 10,
    condition,
    createdAt: clock.now(),
    updatedAt: clock.now(),
    lastFiredAt: null,
    ...overrides,
  });
  const watch = async (...rules: AlertRuleRecord[]): Promise<void> => {
    for (const record of rules) await db.store.alertRules.insert(record);
    await evaluator.reload();
  };

  beforeEach(async () => {
    db = await sqlite!.open();
    await prepareStore(db.store, catalogue);
    clock = steppingClock('2026-11-26T09:00:00Z');
    await db.store.users.insert({ id: owner, email: 'ada@desk.example', displayName: 'Ada', passwordHash: 'not a real hash', isPlatformAdmin: false, currentOrganizationId: null, createdAt: clock.now() });
    const captured = capturingLogger('debug');
    logs = captured.lines;
    hub = new EventHub(captured.logger);
    heard = [];
    hub.subscribe('market-alert', { viewer: () => ({ userId: owner, organizationId: null, role: null, sessionId: 's', apiKeyId: null }), deliver: (alert) => heard.push(alert) });
    const store = db.store;
    // One SQLite file as the whole database, as a terminal without DATABASE_URL runs.
    evaluator = new AlertRuleEvaluator({ primary: store, local: store, primaryOnline: true }, hub, catalogue.zones, captured.logger, clock);
    evaluator.start();
  });
  afterEach(async () => {
    await evaluator.close();
    await db.dispose();
  });

  it('fires a level rule once as the price crosses, re-arms when it is back, and stays quiet within the cooldown', async () => {
    const level = rule({ kind: 'price_above', zoneId: 'DE_LU', thresholdMinor: 8000 }, { name: 'DE_LU above 80', severity: 'critical' });
    await watch(level);
    prices({ DE_LU: 70 });
    expect(heard).toEqual([]);
    prices({ DE_LU: 85 });
    prices({ DE_LU: 90 });
    expect(heard).toEqual([{ id: expect.any(String) as unknown, zoneId: 'DE_LU', severity: 'critical', title: 'DE_LU above 80', message: 'DE_LU at 85.00 EUR/MWh, above 80.00', at: '2026-11-26T09:00:00.000Z', source: 'rule', ruleId: level.id }]);

    // At the level is not above it: the rule re-arms; crossing again 1 minute later is within the 10-minute cooldown.
    prices({ DE_LU: 80 });
    minutes(1);
    prices({ DE_LU: 81 });
    expect(heard).toHaveLength(1);
    expect(logs.some((line) => line.msg.includes('within its cooldown'))).toBe(true);

    // That swallowed crossing counts as seen: staying above past the cooldown does not fire; a fresh crossing does.
    minutes(10);
    prices({ DE_LU: 82 });
    expect(heard).toHaveLength(1);
    prices({ DE_LU: 79.99 });
    prices({ DE_LU: 95 });
    expect(messages()).toEqual(['DE_LU at 85.00 EUR/MWh, above 80.00', 'DE_LU at 95.00 EUR/MWh, above 80.00']);
  });

  it('fires a rule whose condition already holds at the first price it sees, and a below rule on falling under its level', async () => {
    prices({ FR: -5 });
    await watch(rule({ kind: 'price_below', zoneId: 'FR', thresholdMinor: 0 }), rule({ kind: 'price_below', zoneId: 'NL', thresholdMinor: -1000 }));
    expect(heard).toEqual([]);
    prices({ FR: -4, NL: -9.99 });
    prices({ NL: -10.01 });
    expect(messages()).toEqual(['FR at -4.00 EUR/MWh, below 0.00', 'NL at -10.01 EUR/MWh, below -10.00']);
  });

  it('measures a move against the price a window ago, only once the history reaches back that far', async () => {
    await watch(rule({ kind: 'change_over_window', zoneId: 'NL', thresholdMinor: 2000, windowMinutes: 15 }, { cooldownMinutes: 5 }));
    for (let minute = 0; minute < 15; minute += 1) {
      prices({ NL: minute === 10 ? 300 : 100 });
      minutes(1);
    }
    expect(heard).toEqual([]);
    prices({ NL: 125 });
    minutes(1);
    prices({ NL: 125 });
    minutes(1);
    prices({ NL: 100 });
    minutes(4);
    prices({ NL: 75 });
    expect(messages()).toEqual(['NL rose 25.00 EUR/MWh in 15 min (100.00 → 125.00)', 'NL fell 25.00 EUR/MWh in 15 min (100.00 → 75.00)']);
  });

  it('compares two zones’ latest prices for a spread, once both have one', async () => {
    await watch(rule({ kind: 'spread', zoneId: 'DE_LU', otherZoneId: 'FR', thresholdMinor: 3000 }));
    prices({ DE_LU: 115 });
    prices({ FR: 80 });
    prices({ FR: 90 });
    // Above again within the cooldown: swallowed.
    prices({ DE_LU: 125.5, FR: 90.5 });
    expect(messages()).toEqual(['DE_LU − FR spread 35.00 EUR/MWh, above 30.00 (DE_LU 115.00, FR 80.00)']);
    minutes(10);
    prices({ FR: 130 });
    prices({ DE_LU: 170 });
    expect(messages()).toEqual(['DE_LU − FR spread 35.00 EUR/MWh, above 30.00 (DE_LU 115.00, FR 80.00)', 'DE_LU − FR spread 40.00 EUR/MWh, above 30.00 (DE_LU 170.00, FR 130.00)']);
  });

  it('fires a data gap when a zone has been quiet for its window, and again only after a price came in between', async () => {
    await watch(rule({ kind: 'data_gap', zoneId: 'PL', windowMinutes: 10 }, { cooldownMinutes: 1 }), rule({ kind: 'data_gap', zoneId: 'FI', windowMinutes: 30 }));
    prices({ PL: 50 });
    minutes(9);
    evaluator.checkGaps();
    expect(heard).toEqual([]);
    minutes(1);
    evaluator.checkGaps();
    minutes(5);
    evaluator.checkGaps();
    expect(messages()).toEqual(['No PL price for 10 min']);
    prices({ PL: 51 });
    minutes(15);
    evaluator.checkGaps();
    // FI never had a price: its gap counts from when watching began.
    expect(messages()[0]).toBe('No PL price for 10 min');
    expect(messages().slice(1).sort()).toEqual(['No FI price for 30 min', 'No PL price for 15 min']);
  });

  it('records each firing as a notification with an audit row, once per cooldown across terminals', async () => {
    const level = rule({ kind: 'price_above', zoneId: 'BE', thresholdMinor: 10_000 });
    const other = rule({ kind: 'price_above', zoneId: 'SE_3', thresholdMinor: 0 });
    await watch(level, other);
    // Another terminal of the floor fired SE_3's rule a minute ago: this one shows it, but does not record it twice.
    await db.raw('UPDATE alert_rules SET last_fired_at = ? WHERE id = ?', [clock.now().getTime() - MINUTE, other.id]);
    prices({ BE: 120, SE_3: 5 });
    expect(heard).toHaveLength(2);
    await evaluator.close();

    const notifications = await db.raw("SELECT id, user_id, kind, severity, title, body, data FROM notifications WHERE kind = 'market_alert'");
    const fired = heard.find((alert) => alert.zoneId === 'BE');
    expect(notifications).toEqual([{ id: fired?.id, user_id: owner, kind: 'market_alert', severity: 'warning', title: 'price_above on BE', body: 'BE at 120.00 EUR/MWh, above 100.00', data: JSON.stringify({ ruleId: level.id, kind: 'price_above', zoneId: 'BE' }) }]);
    expect((await db.store.alertRules.get(level.id, owner))?.lastFiredAt).toEqual(clock.now());
    expect(await db.raw("SELECT actor_kind, resource_id FROM audit_logs WHERE action = 'alert_rule.fire'")).toEqual([{ actor_kind: 'system', resource_id: level.id }]);
    expect(await db.store.audit.verify()).toBeNull();
  });

  it('shows an alert even when the database refuses to record it', async () => {
    await watch(rule({ kind: 'price_above', zoneId: 'DK_1', thresholdMinor: 0 }));
    await db.raw("CREATE TRIGGER disk_full BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    prices({ DK_1: 42 });
    expect(messages()).toEqual(['DK_1 at 42.00 EUR/MWh, above 0.00']);
    await evaluator.close();
    expect(logs.filter((line) => line.level === WARN).map((line) => line.msg)).toEqual(['An alert was shown but could not be recorded as a notification']);
    expect(await db.raw('SELECT count(*) AS n FROM notifications')).toEqual([{ n: 0 }]);
  });

  it('keeps a rule’s state while its condition stays the same, starts a new condition afresh, and forgets a deleted rule', async () => {
    const level = rule({ kind: 'price_above', zoneId: 'NO_1', thresholdMinor: 5000 }, { cooldownMinutes: 1 });
    await watch(level);
    prices({ NO_1: 60 });
    await evaluator.reload();
    minutes(5);
    await db.store.alertRules.replace({ ...level, name: 'Renamed', severity: 'critical', updatedAt: clock.now() });
    await evaluator.reload();
    prices({ NO_1: 61 });
    expect(heard).toHaveLength(1);

    minutes(1);
    await db.store.alertRules.replace({ ...level, condition: { kind: 'price_above', zoneId: 'NO_1', thresholdMinor: 5500 }, updatedAt: clock.now(), lastFiredAt: null });
    await evaluator.reload();
    prices({ NO_1: 62 });
    expect(messages()).toEqual(['NO_1 at 60.00 EUR/MWh, above 50.00', 'NO_1 at 62.00 EUR/MWh, above 55.00']);

    await db.store.alertRules.delete(level.id, owner);
    await evaluator.reload();
    prices({ NO_1: 10 });
    minutes(20);
    prices({ NO_1: 99 });
    expect(heard).toHaveLength(2);
  });
});

describe('the price history of a zone', () => {
  it('stays bounded by its horizon and spacing, and answers the price as of a moment', () => {
    const history = new RecentPrices(15 * MINUTE, (15 * MINUTE) / 120);
    const start = Date.parse('2026-11-26T09:00:00Z');
    for (let second = 0; second <= 7200; second += 1) history.record(start + second * 1000, second);
    expect(history.size).toBeLessThanOrEqual(122);
    const now = start + 7200 * 1000;
    const reference = history.priceAt(now - 15 * MINUTE);
    expect(reference).toBeGreaterThan(7200 - 900 - 7.5);
    expect(reference).toBeLessThanOrEqual(7200 - 900);
    expect(history.priceAt(start + 3600 * 1000)).toBeNull();
  });
});
