import { useCallback, useEffect, useState } from 'react';
import type { AlertRule } from '../../../shared/api/alert-rules.js';
import type { MarketAlert } from '../../../shared/api/market-data.js';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useAction } from '../components/use-action.js';
import { useLoad } from '../components/use-load.js';
import { toast } from '../state/toast-store.js';
import { transport } from '../transport/index.js';
import { RecentAlerts } from './alerts/RecentAlerts.js';
import { RuleForm } from './alerts/RuleForm.js';
import { bodyOfRule } from './alerts/rule-draft.js';
import { RulesTable } from './alerts/RulesTable.js';

const RECENT_SHOWN = 20;
const later = (a: string | null, b: string | null): string | null => (a === null || (b !== null && b > a) ? b : a);

/** The trader's alert rules: list, create, edit, switch on and off, delete; and what they fired last. */
export function Alerts() {
  const zones = useLoad(useCallback(() => engine.zones(), []));
  const rules = useLoad(useCallback(() => engine.alertRules(), []));
  const recent = useLoad(useCallback(() => engine.recentAlerts(), []));
  const [editing, setEditing] = useState<AlertRule | null>(null);
  // Alerts fired while the page is open: shown at once, before their notification is even written.
  const [firedHere, setFiredHere] = useState<MarketAlert[]>([]);
  useEffect(
    () =>
      transport.subscribe('market-alert', (event) => {
        if (!event.snapshot && event.data.source === 'rule') setFiredHere((current) => [event.data, ...current]);
      }),
    [],
  );

  const [toggle, toggling] = useAction(async (rule: AlertRule) => {
    await engine.replaceAlertRule(rule.id, bodyOfRule(rule, { enabled: !rule.enabled }));
    rules.reload();
  });
  const [remove, removing] = useAction(async (rule: AlertRule) => {
    await engine.deleteAlertRule(rule.id);
    if (editing?.id === rule.id) setEditing(null);
    toast('success', `Rule “${rule.name}” deleted`);
    rules.reload();
  });

  const currencyOf = (zoneId: string): string => zones.data?.zones.find((zone) => zone.id === zoneId)?.currency ?? '';
  const lastFiredOf = (rule: AlertRule): string | null => firedHere.filter((alert) => alert.ruleId === rule.id).reduce((last, alert) => later(last, alert.at), rule.lastFiredAt);
  const stored = recent.data?.alerts ?? [];
  // The stored ones need the shared database; those fired while the page is open show without it (offline).
  const settled = recent.data !== null || recent.error !== null;
  const shownAlerts = settled ? [...firedHere.filter((alert) => !stored.some((known) => known.id === alert.id)), ...stored].slice(0, RECENT_SHOWN) : null;
  const list = rules.data;

  return (
    <div className="page-grid">
      <Panel headingId="alert-rules-heading" title="Alert rules" aside={list ? `${String(list.rules.length)} of ${String(list.limit)}` : undefined}>
        <p className="panel__body muted rule-semantics">
          A rule fires when its condition becomes true, then waits until it is false again; it never fires twice within its cooldown. Alerts show as toasts, with a tone if you
          chose one in Settings › Notifications.
        </p>
        <FormError message={zones.error ?? rules.error ?? toggling.formError ?? removing.formError} />
        {zones.data && (
          <RuleForm
            key={editing?.id ?? 'new'}
            zones={zones.data.zones}
            editing={editing}
            onSaved={() => {
              setEditing(null);
              rules.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        {list &&
          (list.rules.length === 0 ? (
            <p className="panel__body muted">No rules yet: create one above, e.g. a price rising above a level.</p>
          ) : (
            <RulesTable
              rules={list.rules}
              labelledBy="alert-rules-heading"
              currencyOf={currencyOf}
              lastFiredOf={lastFiredOf}
              busy={toggling.busy || removing.busy}
              onToggle={toggle}
              onEdit={setEditing}
              onDelete={remove}
            />
          ))}
      </Panel>
      <RecentAlerts alerts={shownAlerts} error={recent.error} />
    </div>
  );
}
