import { randomUUID } from 'node:crypto';
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
/** Crossed at the first price: the simulator never prices below a zone's floor. */
const aboveTheFloor = { kind: 'price_above', name: 'DE_LU above the floor', zoneId: 'DE_LU', threshold: -500, severity: 'warning', enabled: true, cooldownMinutes: 15 };

/**
 * A trader's alert rules on a terminal restarted while the shared database is out of reach: the
 * ones made online are listed and watched from the local cache.
 */
describe('alert rules on a terminal started while the shared database is gone', () => {
  const terminal = offlineRestarts();
  const { withEngine } = terminal;
  const call = (engine: Engine, tokens: AuthTokens, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    engine.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.accessToken}` }, ...(payload ? { payload } : {}) });

  it('lists the rules made online and fires them on live prices; a rule deleted online is gone', { timeout: 60_000 }, async () => {
    // Online without a feed, so the rule has not fired (and is not in its cooldown) when the terminal restarts offline.
    const { tokens, kept } = await withEngine(terminal.pg.url, async (engine) => {
      const registered = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana', organizationName: 'Desk' } })).json<AuthTokens>();
      const created = (await call(engine, registered, 'POST', '/api/alerts/rules', aboveTheFloor)).json<AlertRule>();
      const dropped = (await call(engine, registered, 'POST', '/api/alerts/rules', { ...aboveTheFloor, name: 'dropped' })).json<AlertRule>();
      expect((await call(engine, registered, 'DELETE', `/api/alerts/rules/${dropped.id}`)).statusCode).toBe(204);
      return { tokens: registered, kept: created };
    });

    // Offline, on the simulator's live prices (a price for every zone each second, never below the floor).
    await withEngine(
      terminal.offlineUrl,
      async (engine) => {
        const listed = await call(engine, tokens, 'GET', '/api/alerts/rules');
        expect(listed.statusCode).toBe(200);
        expect(listed.json<AlertRuleList>().rules).toEqual([kept]);

        const heard: MarketAlert[] = [];
        const { id: userId } = (await call(engine, tokens, 'GET', '/api/auth/me')).json<UserProfile>();
        engine.events.subscribe('market-alert', { viewer: () => ({ userId, organizationId: null, role: null, sessionId: 's', apiKeyId: null }), deliver: (alert) => heard.push(alert) });
        await eventually(() => heard.length > 0, 'the rule to fire');
        expect(heard[0]).toEqual(expect.objectContaining({ ruleId: kept.id, title: 'DE_LU above the floor', zoneId: 'DE_LU', source: 'rule' }));
      },
      { settings: { OPTIBID_FEEDS: 'simulator' } },
    );
  });

  it('takes into the cache, at the refresh of its next online start, what another terminal changed: a rule deleted, one made in an organisation she made there (cached with her account)', { timeout: 60_000 }, async () => {
    const ana = { email: 'ana@desk.example', password: PASSWORD };
    const { tokens, userId } = await withEngine(terminal.pg.url, async (here) => {
      const registered = (await here.app.inject({ method: 'POST', url: '/api/auth/register', payload: { ...ana, displayName: 'Ana', organizationName: 'Desk' } })).json<AuthTokens>();
      expect((await call(here, registered, 'POST', '/api/alerts/rules', aboveTheFloor)).statusCode).toBe(201);
      return { tokens: registered, userId: (await call(here, registered, 'GET', '/api/auth/me')).json<UserProfile>().id };
    });
    const elsewhere = await tempDir();
    const made = await withEngine(
      terminal.pg.url,
      async (there) => {
        const theirs = (await there.app.inject({ method: 'POST', url: '/api/auth/login', payload: ana })).json<AuthTokens>();
        const [old] = (await call(there, theirs, 'GET', '/api/alerts/rules')).json<AlertRuleList>().rules;
        expect((await call(there, theirs, 'DELETE', `/api/alerts/rules/${old?.id ?? 'none'}`)).statusCode).toBe(204);
        const solar = (await call(there, theirs, 'POST', '/api/organizations', { name: 'Ana Solar', defaultCurrency: 'EUR' })).json<{ id: string }>();
        const switched = (await call(there, theirs, 'PUT', '/api/auth/current-organization', { organizationId: solar.id })).json<AuthTokens>();
        return { solar: solar.id, rule: (await call(there, switched, 'POST', '/api/alerts/rules', { ...aboveTheFloor, name: 'made at the other desk' })).json<AlertRule>() };
      },
      { dataDir: elsewhere.path },
    ).finally(() => elsewhere.remove());

    await withEngine(terminal.pg.url, async (here) => {
      const cached = async (): Promise<string> => JSON.stringify((await here.databases.local.alertRules.listOf(userId)).map((rule) => [rule.id, rule.organizationId]));
      await eventually(async () => (await cached()) === JSON.stringify([[made.rule.id, made.solar]]), 'the refresh to copy the other terminal’s rules');
    });
    await withEngine(terminal.offlineUrl, async (here) => {
      expect((await call(here, tokens, 'GET', '/api/alerts/rules')).json<AlertRuleList>().rules.map((rule) => rule.name)).toEqual(['made at the other desk']);
    });
  });
  it('copies the rules of users cached here only (another terminal’s trader has no row here for rules to belong to), a rule’s organisation not cached here as none', { timeout: 60_000 }, async () => {
    const elsewhere = await tempDir();
    const bo = await withEngine(
      terminal.pg.url,
      async (there) => {
        const tokens = (await there.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'bo@desk.example', password: PASSWORD, displayName: 'Bo', organizationName: 'Bo Desk' } })).json<AuthTokens>();
        expect((await call(there, tokens, 'POST', '/api/alerts/rules', aboveTheFloor)).statusCode).toBe(201);
        return tokens.user;
      },
      { dataDir: elsewhere.path },
    ).finally(() => elsewhere.remove());
    await withEngine(terminal.pg.url, async (here) => {
      const ana = (await here.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana', organizationName: 'Desk' } })).json<AuthTokens>();
      expect((await call(here, ana, 'POST', '/api/alerts/rules', aboveTheFloor)).statusCode).toBe(201);
      const { id: anaId } = (await call(here, ana, 'GET', '/api/auth/me')).json<UserProfile>();
      // A rule of Ana's naming an organisation this terminal has no row for (as one she has left would).
      const [made] = await here.databases.primary.alertRules.listOf(anaId);
      if (!made) throw new Error('Ana’s rule is not on the shared database');
      await here.databases.primary.alertRules.insert({ ...made, id: randomUUID(), name: 'made in Bo’s desk', organizationId: bo.currentOrganizationId });
      // Bo never signed in here: a copy naming him copies Ana's rules and leaves his out, rather than failing on the missing user.
      expect(await copyAlertRules(here.databases, [anaId, bo.id])).toBe(2);
      const copied = (await here.databases.local.alertRules.listOf(anaId)).map((rule) => [rule.name, rule.organizationId]);
      expect(copied.sort()).toEqual([
        ['DE_LU above the floor', ana.user.currentOrganizationId],
        ['made in Bo’s desk', null],
      ]);
      expect(await here.databases.local.alertRules.listOf(bo.id)).toEqual([]);
    });
  });
});
