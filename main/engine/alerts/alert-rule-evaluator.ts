import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { MarketAlert, PricePoint } from '../../../shared/api/market-data.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { MINOR_PER_UNIT } from '../../../shared/units.js';
import { recordAudit } from '../audit/record.js';
import type { Clock } from '../clock.js';
import { sameCondition, type AlertRuleRecord } from '../db/repositories/alert-rule-repository.js';
import { storeWhileReachable, type ProbedStores } from '../db/databases.js';
import type { Store } from '../db/store.js';
import type { EventHub } from '../stream/event-hub.js';
import { RecentPrices } from './recent-prices.js';
import { evaluateCondition, type MarketView } from './rule-conditions.js';

const MINUTE_MS = 60_000;
/** Data-gap rules are checked this often between prices. */
const GAP_CHECK_MS = 5_000;
/** Rules are read again this often, so a change made on another terminal of the floor applies here too. */
const RELOAD_MS = 60_000;
/** A move is measured from a price at most 1/120 of the zone's shortest window away from the exact moment. */
const SAMPLES_PER_SHORTEST_WINDOW = 120;
/** Firings are the engine's own writes, made for no request. */
const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

interface WatchedRule {
  rule: AlertRuleRecord;
  /** Waiting for its condition to become true; false from a firing until the condition is false again. */
  armed: boolean;
  lastFiredAt: number | null;
}

const later = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
const zonesOf = ({ condition }: AlertRuleRecord): string[] => (condition.kind === 'spread' ? [condition.zoneId, condition.otherZoneId] : [condition.zoneId]);

/**
 * Watches the enabled alert rules of every user against live prices (the hub's `price-update`)
 * and a clock (data gaps). Edge-triggered: a rule fires when its condition becomes true, then
 * waits for it to be false again; a crossing within the rule's cooldown of its last firing is
 * swallowed, so a price jittering around a level never spams. A firing goes at once to the
 * owner's terminals (`market-alert`), then is recorded — notification, last_fired_at and audit
 * row in one transaction — so a database that is down never hides an alert.
 */
export class AlertRuleEvaluator {
  private rules = new Map<string, WatchedRule>();
  private rulesByZone = new Map<string, WatchedRule[]>();
  private readonly latest = new Map<string, { priceMinor: number; at: number }>();
  private readonly histories = new Map<string, RecentPrices>();
  private readonly currencies: ReadonlyMap<string, string>;
  private startedAt = 0;
  private loading: Promise<void> = Promise.resolve();
  private writing: Promise<void> = Promise.resolve();
  private stopObserving: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];

  private readonly market: MarketView = {
    latest: (zoneId) => this.latest.get(zoneId)?.priceMinor,
    priceAt: (zoneId, at) => this.histories.get(zoneId)?.priceAt(at) ?? null,
    lastPriceAt: (zoneId) => this.latest.get(zoneId)?.at ?? this.startedAt,
    currency: (zoneId) => this.currencies.get(zoneId) ?? '',
  };

  private readonly store: Store;

  constructor(
    private readonly databases: ProbedStores,
    private readonly hub: EventHub,
    zones: readonly MarketZone[],
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.store = databases.primary;
    this.currencies = new Map(zones.map((zone) => [zone.id, zone.currency]));
  }

  /** Starts watching prices and the clock; the rules arrive with the first read, without holding up start-up. */
  start(): void {
    this.startedAt = this.clock.now().getTime();
    this.stopObserving = this.hub.observe('price-update', ({ prices }) => {
      this.onPrices(prices);
    });
    this.timers = [setInterval(() => this.checkGaps(), GAP_CHECK_MS), setInterval(() => void this.reload(), RELOAD_MS)];
    for (const timer of this.timers) timer.unref();
    void this.reload();
  }

  /** Reads the enabled rules again, one read at a time. */
  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.load());
    return this.loading;
  }

  /** Evaluates the data-gap rules now (the timer calls it; so may a test with its own clock). */
  checkGaps(): void {
    const now = this.clock.now().getTime();
    for (const watched of this.rules.values()) if (watched.rule.condition.kind === 'data_gap') this.evaluate(watched, now);
  }

  /** Stops watching, and waits for the rules being read and the firings being recorded. */
  async close(): Promise<void> {
    this.stopObserving?.();
    this.stopObserving = null;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.loading;
    await this.writing;
  }

  private async load(): Promise<void> {
    let records: AlertRuleRecord[];
    try {
      // From this terminal's copy while the shared database is out of reach: a terminal started then still watches its traders' rules.
      records = await storeWhileReachable(this.databases).alertRules.listEnabled();
    } catch (error) {
      // A database out of reach is reported by its own monitor, once; no need to repeat it every minute.
      const level = this.store.isConnectionError(error) ? 'debug' : 'warn';
      this.logger[level]({ err: error }, 'Alert rules could not be read; the ones already loaded stay in force');
      return;
    }
    const rules = new Map<string, WatchedRule>();
    for (const rule of records) {
      const known = this.rules.get(rule.id);
      const storedFiring = rule.lastFiredAt?.getTime() ?? null;
      // A rule whose condition is unchanged (renamed, re-graded) keeps its state; a new condition starts armed.
      rules.set(rule.id, known && sameCondition(known.rule.condition, rule.condition) ? { rule, armed: known.armed, lastFiredAt: later(known.lastFiredAt, storedFiring) } : { rule, armed: true, lastFiredAt: storedFiring });
    }
    this.rules = rules;
    this.index();
  }

  /** Which rules each zone's prices concern, and the price history each zone with a move rule keeps. */
  private index(): void {
    const byZone = new Map<string, WatchedRule[]>();
    const windows = new Map<string, number[]>();
    for (const watched of this.rules.values()) {
      for (const zoneId of zonesOf(watched.rule)) byZone.set(zoneId, [...(byZone.get(zoneId) ?? []), watched]);
      const { condition } = watched.rule;
      if (condition.kind === 'change_over_window') windows.set(condition.zoneId, [...(windows.get(condition.zoneId) ?? []), condition.windowMinutes * MINUTE_MS]);
    }
    this.rulesByZone = byZone;
    for (const zoneId of this.histories.keys()) if (!windows.has(zoneId)) this.histories.delete(zoneId);
    for (const [zoneId, spans] of windows) {
      const horizonMs = Math.max(...spans);
      const spacingMs = Math.min(...spans) / SAMPLES_PER_SHORTEST_WINDOW;
      const history = this.histories.get(zoneId);
      if (history) {
        // Kept through a change of rules: a new window need not wait for its history to fill again.
        history.horizonMs = horizonMs;
        history.spacingMs = spacingMs;
      } else {
        this.histories.set(zoneId, new RecentPrices(horizonMs, spacingMs));
      }
    }
  }

  private onPrices(prices: readonly PricePoint[]): void {
    const now = this.clock.now().getTime();
    const concerned = new Set<WatchedRule>();
    for (const point of prices) {
      // Live prices are ticks; an interval's price (a day-ahead result) is not the price now.
      if (point.market !== 'tick') continue;
      // Prices travel as decimals made from whole cents, so this is exact.
      const priceMinor = Math.round(point.price * MINOR_PER_UNIT);
      this.latest.set(point.zoneId, { priceMinor, at: now });
      this.histories.get(point.zoneId)?.record(now, priceMinor);
      for (const watched of this.rulesByZone.get(point.zoneId) ?? []) concerned.add(watched);
    }
    for (const watched of concerned) this.evaluate(watched, now);
  }

  private evaluate(watched: WatchedRule, now: number): void {
    const { rule } = watched;
    try {
      const outcome = evaluateCondition(rule.condition, this.market, now);
      if (outcome === null) return;
      if (!outcome.holds) {
        watched.armed = true;
        return;
      }
      if (!watched.armed) return;
      watched.armed = false;
      if (watched.lastFiredAt !== null && now - watched.lastFiredAt < rule.cooldownMinutes * MINUTE_MS) {
        this.logger.debug({ ruleId: rule.id }, 'An alert rule’s condition became true again within its cooldown; not fired');
        return;
      }
      watched.lastFiredAt = now;
      this.fire(rule, outcome.message, new Date(now));
    } catch (error) {
      this.logger.warn({ err: error, ruleId: rule.id }, 'An alert rule could not be evaluated; the others still are');
    }
  }

  private fire(rule: AlertRuleRecord, message: string, at: Date): void {
    const alert: MarketAlert = { id: randomUUID(), zoneId: rule.condition.zoneId, severity: rule.severity, title: rule.name, message, at: at.toISOString(), source: 'rule', ruleId: rule.id };
    this.hub.publish('market-alert', alert, { kind: 'user', userId: rule.userId });
    this.writing = this.writing.then(() => this.record(rule, alert, at));
  }

  private async record(rule: AlertRuleRecord, alert: MarketAlert, at: Date): Promise<void> {
    // Offline there is nowhere to record it (the cache is not the floor's log); waiting out a timeout per firing would only hold up the next.
    if (!this.databases.primaryOnline) {
      this.logger.debug({ ruleId: rule.id, alertId: alert.id }, 'An alert was shown while the shared database is out of reach; it is not recorded');
      return;
    }
    try {
      await this.store.transaction(async (r) => {
        // Another terminal of the floor may have fired this rule within its cooldown: its firing is the one recorded.
        if (!(await r.alertRules.claimFiring(rule.id, at, new Date(at.getTime() - rule.cooldownMinutes * MINUTE_MS)))) return;
        await r.notifications.insert({
          id: alert.id,
          userId: rule.userId,
          organizationId: rule.organizationId,
          kind: 'market_alert',
          severity: alert.severity,
          title: alert.title,
          body: alert.message,
          data: { ruleId: rule.id, kind: rule.condition.kind, zoneId: alert.zoneId },
          createdAt: at,
        });
        await recordAudit(r, this.clock, { actorId: null, organizationId: rule.organizationId, action: 'alert_rule.fire', resourceType: 'alert_rule', resourceId: rule.id, after: { notificationId: alert.id } }, NO_REQUEST);
      });
    } catch (error) {
      this.logger.warn({ err: error, ruleId: rule.id }, 'An alert was shown but could not be recorded as a notification');
    }
  }
}
