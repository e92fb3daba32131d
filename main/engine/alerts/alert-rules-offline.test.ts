import { describe, expect, it } from 'vitest';
import type { AlertRule, AlertRuleList } from '../../../shared/api/alert-rules.js';
import type { AuthTokens, UserProfile } from '../../../shared/api/auth.js';
import type { MarketAlert } from '../../../shared/api/market-data.js';
import { tempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { offlineRestarts } from '../../testing/offline-restarts.js';
import type { Engine } from '../engine.js';
import { copyAlertRules } from './alert-rule-copies.js';

const PASSWORD = 'correct horse battery staple';
const aboveEighty = { kind: 'price_above', name: 'DE_LU above 80', zoneId: 'DE_LU', threshold: 80, severity: 'warning', enabled: true, cooldownMinutes: 15 };

/**
 * A trader's alert rules on a terminal restarted while the shared database is out of reach: the
 * ones made online are listed and watched from the local cache.
 */
describe('alert rules on a terminal started while the shared database is gone', () => {
  const terminal = offlineRestarts();
  const { withEngine } = terminal;
  const call = (engine: Engine, tokens: AuthTokens, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    engine.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.accessToken}` }, ...(payload ? { payload } : {}) });

  it('lists the rules made online and fires them on prices; a rule deleted online is gone', { timeout: 60_000 }, async () => {
    const { tokens, kept } = await withEngine(terminal.pg.url, async (engine) => {
      // The first account administers the platform: it may broadcast the price below.
      const registered = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana', organizationName: 'Desk' } })).json<AuthTokens>();
      const created = (await call(engine, registered, 'POST', '/api/alerts/rules', aboveEighty)).json<AlertRule>();
      const dropped = (await call(engine, registered, 'POST', '/api/alerts/rules', { ...aboveEighty, name: 'dropped' })).json<AlertRule>();
      expect((await call(engine, registered, 'DELETE', `/api/alerts/rules/${dropped.id}`)).statusCode).toBe(204);
      return { tokens: registered, kept: created };
    });

    await withEngine(terminal.offlineUrl, async (engine) => {
      const listed = await call(engine, tokens, 'GET', '/api/alerts/rules');
      expect(listed.statusCode).toBe(200);
      expect(listed.json<AlertRuleList>().rules).toEqual([kept]);

      const heard: MarketAlert[] = [];
      const { id: userId } = (await call(engine, tokens, 'GET', '/api/auth/me')).json<UserProfile>();
      engine.events.subscribe('market-alert', { viewer: () => ({ userId, organizationId: null, role: null, sessionId: 's', apiKeyId: null }), deliver: (alert) => heard.push(alert) });
      expect((await call(engine, tokens, 'POST', '/api/ws/broadcast/price', { zoneId: 'DE_LU', price: 95 })).statusCode).toBe(200);
      await eventually(() => heard.length > 0, 'the rule to fire');
      expect(heard).toEqual([expect.objectContaining({ ruleId: kept.id, title: 'DE_LU above 80', zoneId: 'DE_LU', source: 'rule' })]);
    });
  });

  it('copies, at a refresh, what another terminal changed: a new rule (made in an organisation not cached here: copied as none), a deleted one gone', { timeout: 60_000 }, async () => {
    const elsewhere = await tempDir();
    try {
      await withEngine(terminal.pg.url, async (here) => {
        const tokens = (await here.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana', organizationName: 'Desk' } })).json<AuthTokens>();
        const { id: userId } = (await call(here, tokens, 'GET', '/api/auth/me')).json<UserProfile>();
        const old = (await call(here, tokens, 'POST', '/api/alerts/rules', aboveEighty)).json<AlertRule>();
        const made = await withEngine(
          terminal.pg.url,
          async (there) => {
            const theirs = (await there.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ana@desk.example', password: PASSWORD } })).json<AuthTokens>();
            expect((await call(there, theirs, 'DELETE', `/api/alerts/rules/${old.id}`)).statusCode).toBe(204);
            const solar = (await call(there, theirs, 'POST', '/api/organizations', { name: 'Ana Solar', defaultCurrency: 'EUR' })).json<{ id: string }>();
            const switched = (await call(there, theirs, 'PUT', '/api/auth/current-organization', { organizationId: solar.id })).json<AuthTokens>();
            return (await call(there, switched, 'POST', '/api/alerts/rules', { ...aboveEighty, name: 'made at the other desk' })).json<AlertRule>();
          },
          elsewhere.path,
        );
        expect((await here.databases.local.alertRules.listOf(userId)).map((rule) => rule.id)).toEqual([old.id]);
        expect(await copyAlertRules(here.databases, [userId])).toBe(1);
        expect(await here.databases.local.alertRules.listOf(userId)).toEqual([expect.objectContaining({ id: made.id, name: 'made at the other desk', organizationId: null })]);
      });
    } finally {
      await elsewhere.remove();
    }
  });
});
