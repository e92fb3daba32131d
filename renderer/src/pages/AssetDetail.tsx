import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Asset } from '../../../shared/api/assets.js';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useAction } from '../components/use-action.js';
import { useLoad } from '../components/use-load.js';
import { useHasRole } from '../state/current-role.js';
import { toast } from '../state/toast-store.js';
import { AssetBids } from './assets/AssetBids.js';
import { assetUpdateOf } from './assets/asset-draft.js';
import { AssetFacts } from './assets/AssetFacts.js';
import { AssetForm } from './assets/AssetForm.js';
import { AssetPerformancePanel } from './assets/AssetPerformancePanel.js';

/** One asset: its parameters (edit, retire, delete for traders and above), its bids and what they cleared. */
export function AssetDetail() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canWrite = useHasRole('trader');
  const loaded = useLoad(useCallback(() => engine.asset(id), [id]));
  const zones = useLoad(useCallback(() => engine.zones(), []));
  const sites = useLoad(useCallback(() => engine.sites(), []));
  // The version the form was opened at: a reload after a conflict replaces it with the current one.
  const [editing, setEditing] = useState<Asset | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const [retire, retiring] = useAction(async (asset: Asset) => {
    await engine.replaceAsset(asset.id, assetUpdateOf(asset, { status: 'retired' }));
    toast('success', `Asset “${asset.name}” retired`, 'Its bids stay on record; it can no longer bid.');
    loaded.reload();
  });
  const [remove, removing] = useAction(async (asset: Asset) => {
    setConfirmingDelete(false);
    await engine.deleteAsset(asset.id);
    toast('success', `Asset “${asset.name}” deleted`);
    await navigate('/assets');
  });
  const [reloadEditing, reloading] = useAction(async () => {
    setEditing(await engine.asset(id));
    loaded.reload();
  });

  const asset = loaded.data?.id === id ? loaded.data : null;
  const zone = zones.data?.zones.find((candidate) => candidate.id === asset?.zoneId);
  const site = sites.data?.sites.find((candidate) => candidate.id === asset?.siteId);
  const busy = retiring.busy || removing.busy;

  return (
    <div className="page-grid">
      <p className="back-link">
        <Link to="/assets">← All assets</Link>
      </p>
      <FormError message={loaded.error ?? zones.error ?? sites.error} />
      {asset && editing && zones.data && sites.data && (
        <Panel headingId="asset-form-heading" title={`Edit ${editing.name}`} aside={`from version ${String(editing.version)}`}>
          <FormError message={reloading.formError} />
          <AssetForm
            key={`${editing.id}@${String(editing.version)}`}
            zones={zones.data.zones}
            sites={sites.data.sites}
            editing={editing}
            onSaved={() => {
              setEditing(null);
              loaded.reload();
            }}
            onCancel={() => setEditing(null)}
            onReload={reloadEditing}
          />
        </Panel>
      )}
      {asset && (
        <div className="asset-detail">
          <Panel headingId="asset-heading" title={asset.name} aside={`${asset.zoneId} · power in MW, energy in MWh`}>
            <div className="panel__body">
              <AssetFacts asset={asset} zone={zone} site={site} />
              {canWrite && (
                <div className="button-row">
                  <button type="button" className="button" disabled={editing !== null} onClick={() => setEditing(asset)}>
                    Edit
                  </button>
                  {asset.status !== 'retired' && (
                    <button type="button" className="button" disabled={busy} onClick={() => retire(asset)}>
                      Retire
                    </button>
                  )}
                  {confirmingDelete ? (
                    <>
                      <span className="button-row__question">Delete “{asset.name}” for good?</span>
                      <button type="button" className="button button--danger" disabled={busy} onClick={() => remove(asset)}>
                        Confirm delete
                      </button>
                      <button type="button" className="button" onClick={() => setConfirmingDelete(false)}>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirmingDelete(true)}>
                      Delete…
                    </button>
                  )}
                </div>
              )}
              <FormError message={retiring.formError ?? removing.formError} />
            </div>
          </Panel>
          {zone ? <AssetPerformancePanel asset={asset} zone={zone} /> : <Panel headingId="performance-heading" title="Performance"><p className="panel__empty">Loading…</p></Panel>}
        </div>
      )}
      {asset && <AssetBids assetId={asset.id} />}
    </div>
  );
}
