import { useState, type FormEvent } from 'react';
import { ASSET_KINDS, type Asset, type AssetKind, type AssetStatus } from '../../../../shared/api/assets.js';
import type { Site } from '../../../../shared/api/sites.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { SelectField } from '../../components/SelectField.js';
import { useAction } from '../../components/use-action.js';
import { toast } from '../../state/toast-store.js';
import { assetBodyOf, assetDraftOf, assetDraftProblems, KIND_LABELS, newAssetDraft, STATUS_LABELS, zoneOfDraft, type AssetDraft, type StorageKey } from './asset-draft.js';
import { FormFooter } from './FormFooter.js';
import { useFieldErrors } from './use-field-errors.js';

const STORAGE_FIELDS: readonly { key: StorageKey; label: string; hint: string }[] = [
  { key: 'energyCapacityMwh', label: 'Energy capacity (MWh)', hint: 'Usable energy, to the kWh' },
  { key: 'roundTripEfficiency', label: 'Round-trip efficiency', hint: 'Fraction 0–1, e.g. 0.88' },
  { key: 'socMin', label: 'Lowest state of charge', hint: 'Fraction 0–1, e.g. 0.1' },
  { key: 'socMax', label: 'Highest state of charge', hint: 'Fraction 0–1, above the lowest' },
  { key: 'maxChargeMw', label: 'Max charge (MW)', hint: 'At most the rated power' },
  { key: 'maxDischargeMw', label: 'Max discharge (MW)', hint: 'At most the rated power' },
];

interface AssetFormProps {
  zones: readonly MarketZone[];
  sites: readonly Site[];
  /** The asset being edited; null registers a new one. */
  editing: Asset | null;
  onSaved: (asset: Asset) => void;
  onCancel: () => void;
  /** Someone else changed the asset being edited: load its current version into the form. */
  onReload?: () => void;
}

/**
 * Registers or edits an asset. A storage asset shows its storage fields; an asset at a site
 * takes the site's zone. Every field is checked as it is typed with the engine's own rules, and
 * the engine's field errors (e.g. body.storage.energyCapacityMwh) land beside the same fields.
 */
export function AssetForm({ zones, sites, editing, onSaved, onCancel, onReload }: AssetFormProps) {
  const [draft, setDraft] = useState<AssetDraft>(() => (editing ? assetDraftOf(editing) : newAssetDraft(zones[0]?.id ?? '')));
  const problems = assetDraftProblems(draft, new Set(zones.map((zone) => zone.id)), sites);
  const [save, saving] = useAction(async () => {
    const body = assetBodyOf(draft, sites);
    const saved = editing ? await engine.replaceAsset(editing.id, { ...body, version: editing.version }) : await engine.createAsset(body);
    toast('success', `Asset “${saved.name}” ${editing ? 'saved' : 'registered'}`);
    onSaved(saved);
  });
  const { error, touch, attempt } = useFieldErrors(problems, saving.fieldError);
  const change = <F extends Exclude<keyof AssetDraft, 'storage'>>(field: F, value: AssetDraft[F]): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    touch(`body.${field}`);
  };
  const changeStorage = (key: StorageKey, value: string): void => {
    setDraft((current) => ({ ...current, storage: { ...current.storage, [key]: value } }));
    touch(`body.storage.${key}`);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (attempt()) save();
  };
  const atSite = sites.find((site) => site.id === draft.siteId) ?? null;
  const storageError = error('body.storage');

  return (
    <form className="panel__body asset-form" onSubmit={onSubmit} noValidate aria-label={editing ? `Edit asset ${editing.name}` : 'New asset'}>
      <div className="form-row">
        <Field label="Name" autoFocus value={draft.name} onChange={(e) => change('name', e.target.value)} error={error('body.name')} />
        <SelectField label="Kind" value={draft.kind} onChange={(e) => change('kind', e.target.value as AssetKind)} options={ASSET_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))} />
        <SelectField
          label="Site"
          value={draft.siteId}
          onChange={(e) => change('siteId', e.target.value)}
          options={[{ value: '', label: 'No site' }, ...sites.map((site) => ({ value: site.id, label: `${site.name} · ${site.zoneId}` }))]}
          error={error('body.siteId')}
        />
        <SelectField
          label="Zone"
          value={zoneOfDraft(draft, sites)}
          onChange={(e) => change('zoneId', e.target.value)}
          options={zones.map((z) => ({ value: z.id, label: `${z.id} · ${z.name}` }))}
          disabled={atSite !== null}
          hint={atSite ? `The zone of ${atSite.name}` : undefined}
          error={error('body.zoneId')}
        />
        <Field label="Rated power (MW)" inputMode="decimal" value={draft.capacityMw} onChange={(e) => change('capacityMw', e.target.value)} error={error('body.capacityMw')} hint="To the kW, e.g. 42.125" />
        <SelectField
          label="Status"
          value={draft.status}
          onChange={(e) => change('status', e.target.value as AssetStatus)}
          options={(Object.keys(STATUS_LABELS) as AssetStatus[]).map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          hint="Only an active asset can bid"
        />
      </div>
      {draft.kind === 'storage' && (
        <fieldset className="asset-form__storage">
          <legend>Storage</legend>
          {storageError && <p className="field__error">{storageError}</p>}
          <div className="form-row">
            {STORAGE_FIELDS.map(({ key, label, hint }) => (
              <Field key={key} label={label} inputMode="decimal" value={draft.storage[key]} onChange={(e) => changeStorage(key, e.target.value)} error={error(`body.storage.${key}`)} hint={hint} />
            ))}
          </div>
        </fieldset>
      )}
      <FormFooter what="asset" editing={editing !== null} saving={saving} onCancel={onCancel} onReload={onReload} />
    </form>
  );
}
