import { useMemo, useState, type FormEvent } from 'react';
import { thresholdRange } from '../../../../shared/alerts/alert-rule-checks.js';
import { ALERT_RULE_KINDS, type AlertRule, type AlertRuleKind } from '../../../../shared/api/alert-rules.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { SelectField } from '../../components/SelectField.js';
import { useAction } from '../../components/use-action.js';
import { toast } from '../../state/toast-store.js';
import { bodyOf, describeRule, draftOf, draftProblems, KIND_LABELS, newDraft, usesOtherZone, usesThreshold, usesWindow, type RuleDraft } from './rule-draft.js';

const SEVERITIES: AlertRule['severity'][] = ['info', 'warning', 'critical'];

function thresholdLabel(kind: AlertRuleKind, currency: string): string {
  const unit = `(${currency}/MWh)`;
  if (kind === 'change_over_window') return `Move of at least ${unit}`;
  if (kind === 'spread') return `Spread above ${unit}`;
  return `Level ${unit}`;
}

interface RuleFormProps {
  zones: readonly MarketZone[];
  /** The rule being edited; null for a new one. */
  editing: AlertRule | null;
  onSaved: () => void;
  onCancel: () => void;
}

/**
 * Creates or edits one rule. Each kind shows only its own fields; every field is checked as it
 * is typed with the same rules the engine applies, and the engine's own field errors land on the
 * same fields. A rule left unnamed is named after its condition.
 */
export function RuleForm({ zones, editing, onSaved, onCancel }: RuleFormProps) {
  const byId = useMemo(() => new Map(zones.map((zone) => [zone.id, zone])), [zones]);
  const [draft, setDraft] = useState<RuleDraft>(() => (editing ? draftOf(editing) : newDraft(zones[0]?.id ?? '')));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const zone = byId.get(draft.zoneId);
  const other = byId.get(draft.otherZoneId) ?? null;
  const currency = zone?.currency ?? '';
  const problems = draftProblems(draft, byId);
  const valid = Object.keys(problems).length === 0;

  const [save, saving] = useAction(async () => {
    const body = bodyOf(draft, currency);
    const saved = editing ? await engine.replaceAlertRule(editing.id, body) : await engine.createAlertRule(body);
    toast('success', `Rule “${saved.name}” ${editing ? 'saved' : 'created'}`, saved.enabled ? 'It applies from the next price on.' : 'It is off until you enable it.');
    // Ready for the next rule of the same kind and zone, which is how traders set up a ladder of levels.
    setDraft({ ...draft, name: '', threshold: '' });
    setTouched(new Set());
    setAttempted(false);
    onSaved();
  });

  const change = <F extends keyof RuleDraft>(field: F, value: RuleDraft[F]): void => {
    setDraft((current) => {
      const next = { ...current, [field]: value };
      // A zone the spread can no longer be taken against (itself, another currency) is cleared, not kept invalid.
      const comparable = byId.get(next.otherZoneId);
      if (field === 'zoneId' && comparable && (comparable.id === next.zoneId || comparable.currency !== byId.get(next.zoneId)?.currency)) next.otherZoneId = '';
      return next;
    });
    setTouched((current) => new Set(current).add(`body.${field}`));
  };
  const error = (field: string): string | null => ((attempted || touched.has(field)) && problems[field]) || saving.fieldError(field);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (valid) save();
  };

  const range = zone && usesThreshold(draft.kind) ? thresholdRange(draft.kind, zone, other) : null;
  const comparableZones = zones.filter((candidate) => candidate.id !== draft.zoneId && candidate.currency === currency);
  return (
    <form className="panel__body rule-form" onSubmit={onSubmit} noValidate aria-label={editing ? `Edit rule ${editing.name}` : 'New rule'}>
      <div className="form-row">
        <SelectField
          label="Condition"
          autoFocus={editing !== null}
          value={draft.kind}
          onChange={(e) => change('kind', e.target.value as AlertRuleKind)}
          options={ALERT_RULE_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
        />
        <SelectField label="Zone" value={draft.zoneId} onChange={(e) => change('zoneId', e.target.value)} options={zones.map((z) => ({ value: z.id, label: `${z.id} · ${z.name}` }))} error={error('body.zoneId')} />
        {usesOtherZone(draft.kind) && (
          <SelectField
            label="Minus zone"
            hint={`Spread = ${draft.zoneId} − this zone`}
            value={draft.otherZoneId}
            onChange={(e) => change('otherZoneId', e.target.value)}
            options={[{ value: '', label: 'Choose a zone…' }, ...comparableZones.map((z) => ({ value: z.id, label: `${z.id} · ${z.name}` }))]}
            error={error('body.otherZoneId')}
          />
        )}
        {usesThreshold(draft.kind) && (
          <Field
            label={thresholdLabel(draft.kind, currency)}
            inputMode="decimal"
            value={draft.threshold}
            onChange={(e) => change('threshold', e.target.value)}
            error={error('body.threshold')}
            hint={range ? `${String(range.min)} to ${String(range.max)}` : undefined}
          />
        )}
        {usesWindow(draft.kind) && (
          <Field
            label={draft.kind === 'data_gap' ? 'No price for (minutes)' : 'Window (minutes)'}
            type="number"
            min={1}
            max={1440}
            value={draft.windowMinutes}
            onChange={(e) => change('windowMinutes', e.target.value)}
            error={error('body.windowMinutes')}
          />
        )}
      </div>
      <div className="form-row">
        <SelectField label="Severity" value={draft.severity} onChange={(e) => change('severity', e.target.value as AlertRule['severity'])} options={SEVERITIES.map((severity) => ({ value: severity, label: severity }))} />
        <Field
          label="Cooldown (minutes)"
          type="number"
          min={1}
          max={1440}
          value={draft.cooldownMinutes}
          onChange={(e) => change('cooldownMinutes', e.target.value)}
          error={error('body.cooldownMinutes')}
          hint="Never fires again sooner"
        />
        <Field label="Name (optional)" value={draft.name} onChange={(e) => change('name', e.target.value)} error={error('body.name')} placeholder={valid ? describeRule(bodyOf({ ...draft, name: '' }, currency), currency) : 'Named after its condition'} />
        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => change('enabled', e.target.checked)} />
          Enabled
        </label>
      </div>
      <FormError message={saving.formError} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={saving.busy}>
          {editing ? 'Save rule' : 'Create rule'}
        </button>
        {editing && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
