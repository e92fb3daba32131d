import { spreadZonesProblem, thresholdProblem, thresholdRange } from '../../../../shared/alerts/alert-rule-checks.js';
import { ALERT_RULE_LIMITS, type AlertRule, type AlertRuleBody, type AlertRuleKind } from '../../../../shared/api/alert-rules.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { parseDecimal } from '../../parse-decimal.js';

export const KIND_LABELS: Readonly<Record<AlertRuleKind, string>> = {
  price_above: 'Price rises above a level',
  price_below: 'Price falls below a level',
  change_over_window: 'Price moves within a window',
  spread: 'Spread between two zones',
  data_gap: 'No price for a while (data gap)',
};

/** The rule form as typed: numbers stay text until they are checked, so a half-typed "-1" is not lost. */
export interface RuleDraft {
  kind: AlertRuleKind;
  name: string;
  zoneId: string;
  otherZoneId: string;
  threshold: string;
  windowMinutes: string;
  severity: AlertRule['severity'];
  cooldownMinutes: string;
  enabled: boolean;
}

export const newDraft = (zoneId: string): RuleDraft => ({
  kind: 'price_above',
  name: '',
  zoneId,
  otherZoneId: '',
  threshold: '',
  windowMinutes: '15',
  severity: 'warning',
  cooldownMinutes: '15',
  enabled: true,
});

export function draftOf(rule: AlertRule): RuleDraft {
  const draft = { ...newDraft(rule.zoneId), kind: rule.kind, name: rule.name, severity: rule.severity, cooldownMinutes: String(rule.cooldownMinutes), enabled: rule.enabled };
  switch (rule.kind) {
    case 'price_above':
    case 'price_below':
      return { ...draft, threshold: String(rule.threshold) };
    case 'change_over_window':
      return { ...draft, threshold: String(rule.threshold), windowMinutes: String(rule.windowMinutes) };
    case 'spread':
      return { ...draft, otherZoneId: rule.otherZoneId, threshold: String(rule.threshold) };
    case 'data_gap':
      return { ...draft, windowMinutes: String(rule.windowMinutes) };
  }
}

export const usesThreshold = (kind: AlertRuleKind): boolean => kind !== 'data_gap';
export const usesWindow = (kind: AlertRuleKind): boolean => kind === 'change_over_window' || kind === 'data_gap';
export const usesOtherZone = (kind: AlertRuleKind): boolean => kind === 'spread';

function minutes(text: string, range: { min: number; max: number }): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= range.min && value <= range.max ? value : null;
}

/**
 * What is wrong with the draft, by the field names the engine uses ("body.threshold"), so its
 * own field errors land in the same places; empty when the rule can be sent.
 */
export function draftProblems(draft: RuleDraft, zones: ReadonlyMap<string, MarketZone>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (draft.name.length > ALERT_RULE_LIMITS.nameLength) problems['body.name'] = `must be at most ${String(ALERT_RULE_LIMITS.nameLength)} characters`;
  const zone = zones.get(draft.zoneId);
  if (!zone) problems['body.zoneId'] = 'choose a zone';
  const other = usesOtherZone(draft.kind) ? (zones.get(draft.otherZoneId) ?? null) : null;
  if (usesOtherZone(draft.kind)) {
    const spreadProblem = zone && other ? spreadZonesProblem(zone, other) : null;
    if (!other) problems['body.otherZoneId'] = 'choose the zone to compare with';
    else if (spreadProblem) problems['body.otherZoneId'] = spreadProblem.message;
  }
  if (usesThreshold(draft.kind)) {
    const value = parseDecimal(draft.threshold);
    const range = zone ? thresholdRange(draft.kind, zone, other) : null;
    const problem = value === null ? (draft.threshold.trim() ? 'must be a number, e.g. 80 or -12.50' : 'is required') : thresholdProblem(value, range);
    if (problem) problems['body.threshold'] = problem;
  }
  const { windowMinutes, cooldownMinutes } = ALERT_RULE_LIMITS;
  if (usesWindow(draft.kind) && minutes(draft.windowMinutes, windowMinutes) === null) problems['body.windowMinutes'] = `must be whole minutes from ${String(windowMinutes.min)} to ${String(windowMinutes.max)}`;
  if (minutes(draft.cooldownMinutes, cooldownMinutes) === null) problems['body.cooldownMinutes'] = `must be whole minutes from ${String(cooldownMinutes.min)} to ${String(cooldownMinutes.max)}`;
  return problems;
}

/** A rule in a trader's words, e.g. "DE_LU above 80.00 EUR/MWh"; also the name of a rule left unnamed. */
export function describeRule(rule: AlertRuleBody | AlertRule, currency: string): string {
  const amount = (value: number): string => `${value.toFixed(2)} ${currency}/MWh`;
  switch (rule.kind) {
    case 'price_above':
      return `${rule.zoneId} above ${amount(rule.threshold)}`;
    case 'price_below':
      return `${rule.zoneId} below ${amount(rule.threshold)}`;
    case 'change_over_window':
      return `${rule.zoneId} moves ${amount(rule.threshold)} within ${String(rule.windowMinutes)} min`;
    case 'spread':
      return `${rule.zoneId} − ${rule.otherZoneId} above ${amount(rule.threshold)}`;
    case 'data_gap':
      return `No ${rule.zoneId} price for ${String(rule.windowMinutes)} min`;
  }
}

function conditionBody(draft: RuleDraft, common: Pick<AlertRuleBody, 'name' | 'severity' | 'enabled' | 'cooldownMinutes' | 'zoneId'>): AlertRuleBody {
  const threshold = parseDecimal(draft.threshold) ?? Number.NaN;
  const windowMinutes = Number(draft.windowMinutes);
  switch (draft.kind) {
    case 'price_above':
    case 'price_below':
      return { ...common, kind: draft.kind, threshold };
    case 'change_over_window':
      return { ...common, kind: draft.kind, threshold, windowMinutes };
    case 'spread':
      return { ...common, kind: draft.kind, otherZoneId: draft.otherZoneId, threshold };
    case 'data_gap':
      return { ...common, kind: draft.kind, windowMinutes };
  }
}

/** The body to send for a draft without problems; an empty name becomes the rule's description. */
export function bodyOf(draft: RuleDraft, currency: string): AlertRuleBody {
  const body = conditionBody(draft, { name: draft.name.trim(), severity: draft.severity, enabled: draft.enabled, cooldownMinutes: Number(draft.cooldownMinutes), zoneId: draft.zoneId });
  return body.name ? body : { ...body, name: describeRule(body, currency) };
}

/** A stored rule as the body that replaces it, with some fields changed (enabling, disabling). */
export function bodyOfRule(rule: AlertRule, changes: Partial<Pick<AlertRuleBody, 'enabled'>>): AlertRuleBody {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, lastFiredAt: _lastFiredAt, ...body } = rule;
  return { ...body, ...changes };
}
