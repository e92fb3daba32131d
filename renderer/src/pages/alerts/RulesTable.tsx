import type { AlertRule } from '../../../../shared/api/alert-rules.js';
import { formatDateTime } from '../../format.js';
import { describeRule } from './rule-draft.js';

interface RulesTableProps {
  rules: readonly AlertRule[];
  labelledBy: string;
  currencyOf: (zoneId: string) => string;
  /** When each rule last fired, as far as this terminal knows (its own alerts arrive before the database says so). */
  lastFiredOf: (rule: AlertRule) => string | null;
  busy: boolean;
  onToggle: (rule: AlertRule) => void;
  onEdit: (rule: AlertRule) => void;
  onDelete: (rule: AlertRule) => void;
}

export function RulesTable({ rules, labelledBy, currencyOf, lastFiredOf, busy, onToggle, onEdit, onDelete }: RulesTableProps) {
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">On</th>
          <th scope="col">Rule</th>
          <th scope="col">Severity</th>
          <th scope="col" className="num">
            Cooldown
          </th>
          <th scope="col" className="num">
            Last fired
          </th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} className={rule.enabled ? undefined : 'row--off'}>
            <td>
              <input type="checkbox" aria-label={`Enabled: ${rule.name}`} checked={rule.enabled} disabled={busy} onChange={() => onToggle(rule)} />
            </td>
            <th scope="row">
              {rule.name}
              <span className="row-detail">{describeRule(rule, currencyOf(rule.zoneId))}</span>
            </th>
            <td className={`severity severity--${rule.severity}`}>{rule.severity}</td>
            <td className="num">{rule.cooldownMinutes} min</td>
            <td className="num">{lastFiredOf(rule) === null ? 'never' : formatDateTime(lastFiredOf(rule))}</td>
            <td className="actions">
              <button type="button" className="button button--small" onClick={() => onEdit(rule)}>
                Edit
              </button>{' '}
              <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => onDelete(rule)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
