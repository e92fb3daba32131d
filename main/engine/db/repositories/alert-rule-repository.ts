import type { AlertRuleKind } from '../../../../shared/api/alert-rules.js';
import { asBoolean, asDate, asDateOrNull, placeholdersFor, type SqlExecutor } from '../sql/executor.js';

/** What a rule watches, in integer minor units of the zone currency per MWh: each kind with its own fields. */
export type AlertCondition =
  | { kind: 'price_above' | 'price_below'; zoneId: string; thresholdMinor: number }
  | { kind: 'change_over_window'; zoneId: string; thresholdMinor: number; windowMinutes: number }
  | { kind: 'spread'; zoneId: string; otherZoneId: string; thresholdMinor: number }
  | { kind: 'data_gap'; zoneId: string; windowMinutes: number };

export interface AlertRuleRecord {
  id: string;
  userId: string;
  organizationId: string | null;
  name: string;
  severity: 'info' | 'warning' | 'critical';
  enabled: boolean;
  cooldownMinutes: number;
  condition: AlertCondition;
  createdAt: Date;
  updatedAt: Date;
  lastFiredAt: Date | null;
}

interface Row {
  id: string;
  user_id: string;
  organization_id: string | null;
  name: string;
  kind: AlertRuleKind;
  zone_id: string;
  other_zone_id: string | null;
  threshold_minor: number | string | null;
  window_minutes: number | null;
  severity: AlertRuleRecord['severity'];
  enabled: unknown;
  cooldown_minutes: number;
  created_at: unknown;
  updated_at: unknown;
  last_fired_at: unknown;
}

const COLUMNS = 'id, user_id, organization_id, name, kind, zone_id, other_zone_id, threshold_minor, window_minutes, severity, enabled, cooldown_minutes, created_at, updated_at, last_fired_at';

/** The row's kind-specific columns as a condition; the table's CHECK guarantees each kind has its own. */
function conditionOf(row: Row): AlertCondition {
  const missing = (column: string): never => {
    throw new Error(`alert rule ${row.id} (${row.kind}) has no ${column}`);
  };
  // bigint in PostgreSQL arrives as text when it could exceed 2^53; thresholds never do.
  const threshold = (): number => (row.threshold_minor === null ? missing('threshold_minor') : Number(row.threshold_minor));
  const window = (): number => row.window_minutes ?? missing('window_minutes');
  switch (row.kind) {
    case 'price_above':
    case 'price_below':
      return { kind: row.kind, zoneId: row.zone_id, thresholdMinor: threshold() };
    case 'change_over_window':
      return { kind: row.kind, zoneId: row.zone_id, thresholdMinor: threshold(), windowMinutes: window() };
    case 'spread':
      return { kind: row.kind, zoneId: row.zone_id, otherZoneId: row.other_zone_id ?? missing('other_zone_id'), thresholdMinor: threshold() };
    case 'data_gap':
      return { kind: row.kind, zoneId: row.zone_id, windowMinutes: window() };
  }
}

const decode = (row: Row): AlertRuleRecord => ({
  id: row.id,
  userId: row.user_id,
  organizationId: row.organization_id,
  name: row.name,
  severity: row.severity,
  enabled: asBoolean(row.enabled),
  cooldownMinutes: row.cooldown_minutes,
  condition: conditionOf(row),
  createdAt: asDate(row.created_at),
  updatedAt: asDate(row.updated_at),
  lastFiredAt: asDateOrNull(row.last_fired_at),
});

/** The condition as the table's columns: kind, zone, other zone, threshold, window. */
function columnsOf(condition: AlertCondition): [AlertRuleKind, string, string | null, number | null, number | null] {
  switch (condition.kind) {
    case 'price_above':
    case 'price_below':
      return [condition.kind, condition.zoneId, null, condition.thresholdMinor, null];
    case 'change_over_window':
      return [condition.kind, condition.zoneId, null, condition.thresholdMinor, condition.windowMinutes];
    case 'spread':
      return [condition.kind, condition.zoneId, condition.otherZoneId, condition.thresholdMinor, null];
    case 'data_gap':
      return [condition.kind, condition.zoneId, null, null, condition.windowMinutes];
  }
}

/** Whether two conditions watch the same thing (so a rule edited otherwise keeps its state and cooldown). */
export function sameCondition(a: AlertCondition, b: AlertCondition): boolean {
  const left = columnsOf(a);
  const right = columnsOf(b);
  return left.every((value, i) => value === right[i]);
}

/** Alert rules, each its owner's alone: every read and write of one rule names the owner too. */
export class AlertRuleRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(rule: AlertRuleRecord): Promise<void> {
    await this.sql.run(`INSERT INTO alert_rules (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      rule.id,
      rule.userId,
      rule.organizationId,
      rule.name,
      ...columnsOf(rule.condition),
      rule.severity,
      rule.enabled,
      rule.cooldownMinutes,
      rule.createdAt,
      rule.updatedAt,
      rule.lastFiredAt,
    ]);
  }

  /** Replaces what the owner may change; false when the owner has no such rule. */
  async replace(rule: Pick<AlertRuleRecord, 'id' | 'userId' | 'name' | 'severity' | 'enabled' | 'cooldownMinutes' | 'condition' | 'updatedAt' | 'lastFiredAt'>): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE alert_rules SET name = ?, kind = ?, zone_id = ?, other_zone_id = ?, threshold_minor = ?, window_minutes = ?, severity = ?, enabled = ?, cooldown_minutes = ?, updated_at = ?, last_fired_at = ?
       WHERE id = ? AND user_id = ?`,
      [rule.name, ...columnsOf(rule.condition), rule.severity, rule.enabled, rule.cooldownMinutes, rule.updatedAt, rule.lastFiredAt, rule.id, rule.userId],
    );
    return changed === 1;
  }

  async delete(id: string, userId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM alert_rules WHERE id = ? AND user_id = ?', [id, userId])) === 1;
  }

  async get(id: string, userId: string): Promise<AlertRuleRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM alert_rules WHERE id = ? AND user_id = ?`, [id, userId]);
    return row ? decode(row) : null;
  }

  async listOf(userId: string): Promise<AlertRuleRecord[]> {
    return (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM alert_rules WHERE user_id = ? ORDER BY created_at, id`, [userId])).map(decode);
  }

  async countOf(userId: string): Promise<number> {
    return Number((await this.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM alert_rules WHERE user_id = ?', [userId]))?.n ?? 0);
  }

  /** Every enabled rule of an active user: what the evaluator watches. */
  async listEnabled(): Promise<AlertRuleRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${COLUMNS} FROM alert_rules WHERE enabled = ? AND user_id IN (SELECT u.id FROM users u WHERE u.status = 'active') ORDER BY created_at, id`,
      [true],
    );
    return rows.map(decode);
  }

  /** Makes these users' rules exactly `rules` (the local cache's copy of the shared database's). */
  async replaceAllOf(userIds: readonly string[], rules: readonly AlertRuleRecord[]): Promise<void> {
    if (userIds.length > 0) {
      const placeholders = placeholdersFor(userIds);
      await this.sql.run(`DELETE FROM alert_rules WHERE user_id IN (${placeholders})`, userIds);
    }
    for (const rule of rules) await this.insert(rule);
  }

  /**
   * Records a firing at `at` unless the rule last fired after `latestAllowed` (within its
   * cooldown), say on another terminal of the floor: true when this firing is the one that counts.
   */
  async claimFiring(id: string, at: Date, latestAllowed: Date): Promise<boolean> {
    const changed = await this.sql.run('UPDATE alert_rules SET last_fired_at = ? WHERE id = ? AND enabled = ? AND (last_fired_at IS NULL OR last_fired_at <= ?)', [at, id, true, latestAllowed]);
    return changed === 1;
  }
}
