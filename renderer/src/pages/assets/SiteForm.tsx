import { useState, type FormEvent } from 'react';
import type { Site } from '../../../../shared/api/sites.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { SelectField } from '../../components/SelectField.js';
import { useAction } from '../../components/use-action.js';
import { toast } from '../../state/toast-store.js';
import { newSiteDraft, siteBodyOf, siteDraftOf, siteDraftProblems, type SiteDraft } from './site-draft.js';
import { FormFooter } from './FormFooter.js';
import { useFieldErrors } from './use-field-errors.js';

interface SiteFormProps {
  zones: readonly MarketZone[];
  /** The site being edited; null registers a new one. */
  editing: Site | null;
  onSaved: (site: Site) => void;
  onCancel: () => void;
  /** Someone else changed the site being edited: load its current version into the form. */
  onReload?: () => void;
}

/** Registers or edits a site: checked as typed with the engine's own rules, the engine's field errors beside their fields. */
export function SiteForm({ zones, editing, onSaved, onCancel, onReload }: SiteFormProps) {
  const [draft, setDraft] = useState<SiteDraft>(() => (editing ? siteDraftOf(editing) : newSiteDraft(zones[0]?.id ?? '')));
  const problems = siteDraftProblems(draft, new Set(zones.map((zone) => zone.id)));
  const [save, saving] = useAction(async () => {
    const body = siteBodyOf(draft);
    const saved = editing ? await engine.replaceSite(editing.id, { ...body, version: editing.version }) : await engine.createSite(body);
    toast('success', `Site “${saved.name}” ${editing ? 'saved' : 'registered'}`);
    onSaved(saved);
  });
  const { error, touch, attempt } = useFieldErrors(problems, saving.fieldError);
  const change = <F extends keyof SiteDraft>(field: F, value: SiteDraft[F]): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    touch(`body.${field}`);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (attempt()) save();
  };
  const zone = zones.find((candidate) => candidate.id === draft.zoneId);

  return (
    <form className="panel__body asset-form" onSubmit={onSubmit} noValidate aria-label={editing ? `Edit site ${editing.name}` : 'New site'}>
      <div className="form-row">
        <Field label="Name" autoFocus value={draft.name} onChange={(e) => change('name', e.target.value)} error={error('body.name')} />
        <SelectField
          label="Zone"
          value={draft.zoneId}
          onChange={(e) => change('zoneId', e.target.value)}
          options={zones.map((z) => ({ value: z.id, label: `${z.id} · ${z.name}` }))}
          error={error('body.zoneId')}
          hint={editing && editing.assetCount > 0 ? 'Fixed while the site has assets' : zone ? `${zone.exchange} · ${zone.currency}` : undefined}
          disabled={editing !== null && editing.assetCount > 0}
        />
        <Field label="Grid capacity (MW)" inputMode="decimal" value={draft.gridCapacityMw} onChange={(e) => change('gridCapacityMw', e.target.value)} error={error('body.gridCapacityMw')} hint="Connection limit, to the kW" />
        <Field label="Latitude (°)" inputMode="decimal" value={draft.latitude} onChange={(e) => change('latitude', e.target.value)} error={error('body.latitude')} hint="−90 to 90, north positive" />
        <Field label="Longitude (°)" inputMode="decimal" value={draft.longitude} onChange={(e) => change('longitude', e.target.value)} error={error('body.longitude')} hint="−180 to 180, east positive" />
      </div>
      <FormFooter what="site" editing={editing !== null} saving={saving} onCancel={onCancel} onReload={onReload} />
    </form>
  );
}
