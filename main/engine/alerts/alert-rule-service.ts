import { randomUUID } from 'node:crypto';
import { ALERT_RULE_LIMITS, type AlertRule, type AlertRuleBody, type AlertRuleList, type RecentAlerts } from '../../../shared/api/alert-rules.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { spreadZonesProblem, thresholdProblem, thresholdRange, type ThresholdRange } from '../../../shared/alerts/alert-rule-checks.js';
import { minorToPrice, priceToMinor } from '../../../shared/units.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import { sameCondition, type AlertCondition, type AlertRuleRecord } from '../db/repositories/alert-rule-repository.js';
import type { Logger } from 'pino';
import { copyAlertRules } from './alert-rule-copies.js';
import { storeWhileReachable, type ProbedStores } from '../db/databases.js';
import type { Store } from '../db/store.js';
import { AppError, notFound } from '../http/app-error.js';

const ruleNotFound = (id: string): AppError => notFound('ALERT_RULE_NOT_FOUND', `You have no alert rule ${id}`, { id });
const invalid = (code: string, field: string, message: string, value: unknown): AppError => new AppError('validation_error', code, message, [{ field, message, value }]);

/** The threshold in minor units; refused off the cent grid or outside what the rule's zones make possible. */
function thresholdMinor(value: number, range: ThresholdRange | null): number {
  const problem = thresholdProblem(value, range);
  if (problem) throw invalid('INVALID_THRESHOLD', 'body.threshold', problem, value);
  return priceToMinor(value);
}

function toApi(record: AlertRuleRecord): AlertRule {
  const common = {
    id: record.id,
    name: record.name,
    severity: record.severity,
    enabled: record.enabled,
    cooldownMinutes: record.cooldownMinutes,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    lastFiredAt: record.lastFiredAt?.toISOString() ?? null,
  };
  const { condition } = record;
  switch (condition.kind) {
    case 'price_above':
    case 'price_below':
      return { ...common, kind: condition.kind, zoneId: condition.zoneId, threshold: minorToPrice(condition.thresholdMinor) };
    case 'change_over_window':
      return { ...common, kind: condition.kind, zoneId: condition.zoneId, threshold: minorToPrice(condition.thresholdMinor), windowMinutes: condition.windowMinutes };
    case 'spread':
      return { ...common, kind: condition.kind, zoneId: condition.zoneId, otherZoneId: condition.otherZoneId, threshold: minorToPrice(condition.thresholdMinor) };
    case 'data_gap':
      return { ...common, kind: condition.kind, zoneId: condition.zoneId, windowMinutes: condition.windowMinutes };
  }
}

/** What the audit log keeps of a rule. */
const summary = (rule: Pick<AlertRuleRecord, 'name' | 'enabled' | 'condition'>): Record<string, unknown> => ({ name: rule.name, enabled: rule.enabled, ...rule.condition });

/**
 * A trader's own alert rules: each belongs to the user who made it, and only they see or
 * change it (another's id answers "not found"). Every write is audited in its transaction,
 * then the evaluator reads the rules again, so a change applies from the next price on.
 */
export class AlertRuleService {
  private readonly zones: ReadonlyMap<string, MarketZone>;

  private readonly store: Store;

  constructor(
    private readonly databases: ProbedStores,
    zones: readonly MarketZone[],
    private readonly clock: Clock,
    /** Resolves once the change is in force (the evaluator has read the rules again). */
    private readonly rulesChanged: () => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.store = databases.primary;
    this.zones = new Map(zones.map((zone) => [zone.id, zone]));
  }

  /** From the shared database, or from this terminal's copy while it is out of reach. */
  async list(caller: Caller): Promise<AlertRuleList> {
    return { rules: (await storeWhileReachable(this.databases).alertRules.listOf(caller.userId)).map(toApi), limit: ALERT_RULE_LIMITS.rulesPerUser };
  }

  async get(caller: Caller, id: string): Promise<AlertRule> {
    const rule = await storeWhileReachable(this.databases).alertRules.get(id, caller.userId);
    if (!rule) throw ruleNotFound(id);
    return toApi(rule);
  }

  async create(caller: Caller, body: AlertRuleBody, context: RequestContext): Promise<AlertRule> {
    const condition = this.conditionOf(body);
    const now = this.clock.now();
    const rule: AlertRuleRecord = {
      id: randomUUID(),
      userId: caller.userId,
      organizationId: caller.organizationId,
      name: body.name.trim(),
      severity: body.severity,
      enabled: body.enabled,
      cooldownMinutes: body.cooldownMinutes,
      condition,
      createdAt: now,
      updatedAt: now,
      lastFiredAt: null,
    };
    await this.store.transaction(async (r) => {
      const limit = ALERT_RULE_LIMITS.rulesPerUser;
      if ((await r.alertRules.countOf(caller.userId)) >= limit) throw new AppError('conflict', 'ALERT_RULE_LIMIT', `You have ${String(limit)} alert rules, the most one person may have: delete one first`, { limit });
      await r.alertRules.insert(rule);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId: caller.organizationId, action: 'alert_rule.create', resourceType: 'alert_rule', resourceId: rule.id, after: summary(rule) }, context);
    });
    await this.changed(caller.userId);
    return toApi(rule);
  }

  /**
   * Replaces the whole rule. A new condition starts afresh (its first truth fires, no cooldown
   * running); a rule renamed, re-graded or switched off and on keeps its cooldown, so an edit
   * never repeats an alert the trader has just seen.
   */
  async replace(caller: Caller, id: string, body: AlertRuleBody, context: RequestContext): Promise<AlertRule> {
    const before = await this.store.alertRules.get(id, caller.userId);
    if (!before) throw ruleNotFound(id);
    const condition = this.conditionOf(body);
    const lastFiredAt = sameCondition(before.condition, condition) ? before.lastFiredAt : null;
    const rule: AlertRuleRecord = { ...before, name: body.name.trim(), severity: body.severity, enabled: body.enabled, cooldownMinutes: body.cooldownMinutes, condition, updatedAt: this.clock.now(), lastFiredAt };
    await this.store.transaction(async (r) => {
      if (!(await r.alertRules.replace(rule))) throw ruleNotFound(id);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId: caller.organizationId, action: 'alert_rule.update', resourceType: 'alert_rule', resourceId: id, before: summary(before), after: summary(rule) }, context);
    });
    await this.changed(caller.userId);
    return toApi(rule);
  }

  async delete(caller: Caller, id: string, context: RequestContext): Promise<void> {
    await this.store.transaction(async (r) => {
      const before = await r.alertRules.get(id, caller.userId);
      if (!before || !(await r.alertRules.delete(id, caller.userId))) throw ruleNotFound(id);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId: caller.organizationId, action: 'alert_rule.delete', resourceType: 'alert_rule', resourceId: id, before: summary(before) }, context);
    });
    await this.changed(caller.userId);
  }

  /** Copies the owner's rules to this terminal's cache, then waits for the evaluator to read them again. */
  private async changed(userId: string): Promise<void> {
    await copyAlertRules(this.databases, [userId]).catch((error: unknown) => {
      this.logger.warn({ err: error, userId }, 'Changed alert rules could not be copied to the local cache; the next cache refresh tries again');
    });
    await this.rulesChanged();
  }

  /** The caller's rule alerts that fired last, from their notifications, newest first. */
  async recent(caller: Caller, limit: number): Promise<RecentAlerts> {
    const notifications = await this.store.notifications.recentOf(caller.userId, 'market_alert', limit);
    return {
      alerts: notifications.map(({ id, data, severity, title, body, createdAt }) => ({
        id,
        zoneId: typeof data.zoneId === 'string' ? data.zoneId : null,
        severity,
        title,
        message: body,
        at: createdAt.toISOString(),
        source: 'rule',
        ...(typeof data.ruleId === 'string' ? { ruleId: data.ruleId } : {}),
      })),
    };
  }

  private zone(id: string, field: string): MarketZone {
    const zone = this.zones.get(id);
    if (!zone) throw new AppError('not_found', 'ZONE_NOT_FOUND', `Market zone ${id} does not exist`, [{ field, message: 'is not a market zone', value: id }]);
    return zone;
  }

  /** The body's condition in minor units, checked against the zones it names. */
  private conditionOf(body: AlertRuleBody): AlertCondition {
    const zone = this.zone(body.zoneId, 'body.zoneId');
    switch (body.kind) {
      case 'price_above':
      case 'price_below':
        return { kind: body.kind, zoneId: zone.id, thresholdMinor: thresholdMinor(body.threshold, thresholdRange(body.kind, zone, null)) };
      case 'change_over_window':
        return { kind: body.kind, zoneId: zone.id, thresholdMinor: thresholdMinor(body.threshold, thresholdRange(body.kind, zone, null)), windowMinutes: body.windowMinutes };
      case 'spread': {
        const other = this.zone(body.otherZoneId, 'body.otherZoneId');
        const problem = spreadZonesProblem(zone, other);
        if (problem) throw invalid(problem.code, 'body.otherZoneId', problem.message, other.id);
        return { kind: body.kind, zoneId: zone.id, otherZoneId: other.id, thresholdMinor: thresholdMinor(body.threshold, thresholdRange(body.kind, zone, other)) };
      }
      case 'data_gap':
        return { kind: body.kind, zoneId: zone.id, windowMinutes: body.windowMinutes };
    }
  }
}
