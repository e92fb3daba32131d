import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { AlertSeverity, MarketAlert } from './market-data.js';

/**
 * A trader's own alert rules on live prices. Each kind has its own fields (a discriminated
 * union on `kind`), so a rule can only be made with what its condition needs. Prices are
 * decimals of the zone currency per MWh, to the cent, like every price of the API.
 *
 * A rule fires when its condition becomes true (and when it is true at the first price after
 * it is made, enabled or the terminal starts), then waits until the condition is false again
 * before it can fire again, and never fires twice within its cooldown. An edit that changes the
 * condition starts the rule afresh; a rename or a new severity keeps its cooldown running.
 */

export const ALERT_RULE_KINDS = ['price_above', 'price_below', 'change_over_window', 'spread', 'data_gap'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/** Bounds the API enforces, exported so the renderer's form checks the same ones as the trader types. */
export const ALERT_RULE_LIMITS = {
  nameLength: 120,
  /** A day: longer windows belong to analytics, not to an alert. */
  windowMinutes: { min: 1, max: 1440 },
  cooldownMinutes: { min: 1, max: 1440 },
  rulesPerUser: 100,
} as const;

const ZoneId = Type.String({ pattern: '^[A-Z0-9_]+$', description: 'A market zone, e.g. DE_LU' });
const Minutes = (description: string) => Type.Integer({ minimum: ALERT_RULE_LIMITS.windowMinutes.min, maximum: ALERT_RULE_LIMITS.windowMinutes.max, description });
const Instant = Type.String({ format: 'date-time' });

const COMMON = {
  name: Type.String({ minLength: 1, maxLength: ALERT_RULE_LIMITS.nameLength, pattern: '\\S', description: 'The alert’s title when it fires' }),
  severity: AlertSeverity,
  enabled: Type.Boolean(),
  cooldownMinutes: Type.Integer({ minimum: ALERT_RULE_LIMITS.cooldownMinutes.min, maximum: ALERT_RULE_LIMITS.cooldownMinutes.max, description: 'Never fires again sooner than this' }),
};

const ABOVE = { zoneId: ZoneId, threshold: Type.Number({ description: 'Fires when the price rises above this level (within the zone’s price limits)' }) };
const BELOW = { zoneId: ZoneId, threshold: Type.Number({ description: 'Fires when the price falls below this level (within the zone’s price limits)' }) };
const CHANGE = {
  zoneId: ZoneId,
  // Absolute, not a percentage: power prices cross zero, where a percentage means nothing.
  threshold: Type.Number({ exclusiveMinimum: 0, description: 'Fires when the price has moved this much, up or down, since windowMinutes ago' }),
  windowMinutes: Minutes('How far back the move is measured'),
};
const SPREAD = {
  zoneId: ZoneId,
  otherZoneId: ZoneId,
  threshold: Type.Number({ description: 'Fires when zone minus other zone rises above this (both zones in one currency); swap the zones for the other direction' }),
};
const GAP = { zoneId: ZoneId, windowMinutes: Minutes('Fires when the zone has had no price for this long') };

const STORED = { id: Type.String({ format: 'uuid' }), createdAt: Instant, updatedAt: Instant, lastFiredAt: Type.Union([Instant, Type.Null()]) };

const body = <K extends AlertRuleKind, F extends TProperties>(kind: K, fields: F) =>
  Type.Object({ kind: Type.Literal(kind), ...COMMON, ...fields }, { additionalProperties: false, title: `AlertRuleBody_${kind}` });
const rule = <K extends AlertRuleKind, F extends TProperties>(kind: K, fields: F) => Type.Object({ ...STORED, kind: Type.Literal(kind), ...COMMON, ...fields }, { title: `AlertRule_${kind}` });

const BODIES = [body('price_above', ABOVE), body('price_below', BELOW), body('change_over_window', CHANGE), body('spread', SPREAD), body('data_gap', GAP)];

/**
 * A rule as created or replaced (PUT sends the whole rule). `oneOf` with a discriminator, so a
 * mistake is reported against the fields of the kind named, not against every kind's.
 */
export const AlertRuleBody = Type.Unsafe<AlertRuleBody>({ type: 'object', oneOf: BODIES, discriminator: { propertyName: 'kind' }, title: 'AlertRuleBody' });
export type AlertRuleBody = Static<(typeof BODIES)[number]>;

export const AlertRule = Type.Union([rule('price_above', ABOVE), rule('price_below', BELOW), rule('change_over_window', CHANGE), rule('spread', SPREAD), rule('data_gap', GAP)], { title: 'AlertRule' });
export type AlertRule = Static<typeof AlertRule>;

export const AlertRuleList = Type.Object({ rules: Type.Array(AlertRule), limit: Type.Integer({ description: 'How many rules one user may have' }) }, { title: 'AlertRuleList' });
export type AlertRuleList = Static<typeof AlertRuleList>;

export const AlertRuleParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const RecentAlertsQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false });

/** The caller's rule alerts that fired most recently, newest first, as the event carried them. */
export const RecentAlerts = Type.Object({ alerts: Type.Array(MarketAlert) }, { title: 'RecentAlerts' });
export type RecentAlerts = Static<typeof RecentAlerts>;
