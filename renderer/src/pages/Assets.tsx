import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Site } from '../../../shared/api/sites.js';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useAction } from '../components/use-action.js';
import { useLoad } from '../components/use-load.js';
import { useHasRole } from '../state/current-role.js';
import { toast } from '../state/toast-store.js';
import { AssetFilters, FILTER_KEYS, type FilterKey, type Filters } from './assets/AssetFilters.js';
import { AssetForm } from './assets/AssetForm.js';
import { AssetsTable } from './assets/AssetsTable.js';
import { SiteForm } from './assets/SiteForm.js';
import { SitesTable } from './assets/SitesTable.js';

/** Which form is open: a new asset, or a site (new, or the one being edited). */
type OpenForm = { kind: 'asset' } | { kind: 'site'; site: Site | null } | null;

/** The organisation's assets and sites: filtered list, registration, sites' capacity; each asset opens its detail. */
export function Assets() {
  const canWrite = useHasRole('trader');
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Filters;
  const { kind, zoneId, siteId, status } = filters;
  const zones = useLoad(useCallback(() => engine.zones(), []));
  const sites = useLoad(useCallback(() => engine.sites(), []));
  // Kind, zone, site and status are the engine's filters; the name is matched here as it is typed.
  const assets = useLoad(
    useCallback(() => engine.assets(Object.fromEntries(Object.entries({ kind, zoneId, siteId, status }).filter(([, value]) => value !== ''))), [kind, zoneId, siteId, status]),
  );
  const [open, setOpen] = useState<OpenForm>(null);

  const setFilter = (key: FilterKey, value: string): void =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const [removeSite, removing] = useAction(async (site: Site) => {
    await engine.deleteSite(site.id);
    toast('success', `Site “${site.name}” deleted`);
    if (open?.kind === 'site' && open.site?.id === site.id) setOpen(null);
    sites.reload();
  });
  const [reloadSite, reloading] = useAction(async (id: string) => {
    setOpen({ kind: 'site', site: await engine.siteById(id) });
  });
  const editingSite = open?.kind === 'site' ? open.site : null;

  const zoneList = zones.data?.zones ?? [];
  const siteList = sites.data?.sites ?? [];
  const needle = filters.q.trim().toLowerCase();
  const shown = assets.data?.assets.filter((asset) => asset.name.toLowerCase().includes(needle)) ?? null;
  const filtered = FILTER_KEYS.some((key) => filters[key] !== '');
  const ready = zones.data !== null && sites.data !== null;

  return (
    <div className="page-grid">
      <FormError message={zones.error ?? sites.error} />
      {ready && open?.kind === 'asset' && (
        <Panel headingId="asset-form-heading" title="Register an asset">
          <AssetForm
            zones={zoneList}
            sites={siteList}
            editing={null}
            onSaved={() => {
              setOpen(null);
              assets.reload();
              sites.reload();
            }}
            onCancel={() => setOpen(null)}
          />
        </Panel>
      )}
      {ready && open?.kind === 'site' && (
        <Panel headingId="site-form-heading" title={editingSite ? `Edit site ${editingSite.name}` : 'Register a site'}>
          <FormError message={reloading.formError} />
          <SiteForm
            key={editingSite ? `${editingSite.id}@${String(editingSite.version)}` : 'new'}
            zones={zoneList}
            editing={editingSite}
            onSaved={() => {
              setOpen(null);
              sites.reload();
            }}
            onCancel={() => setOpen(null)}
            onReload={editingSite ? () => reloadSite(editingSite.id) : undefined}
          />
        </Panel>
      )}
      <Panel
        headingId="assets-heading"
        title="Assets"
        aside={
          <>
            {shown ? `${String(shown.length)} shown` : 'Loading…'} · power in MW, energy in MWh
            {canWrite && open === null && (
              <button type="button" className="button button--small panel__action" onClick={() => setOpen({ kind: 'asset' })}>
                Register asset
              </button>
            )}
          </>
        }
      >
        <AssetFilters filters={filters} zones={zoneList} sites={siteList} onChange={setFilter} />
        <FormError message={assets.error} />
        {shown &&
          (shown.length > 0 ? (
            <AssetsTable assets={shown} sites={siteList} labelledBy="assets-heading" />
          ) : filtered ? (
            <p className="panel__empty">
              No asset matches these filters.{' '}
              <button type="button" className="button button--small" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                Clear filters
              </button>
            </p>
          ) : (
            <p className="panel__empty">No assets yet.{canWrite ? ' Register one above; register its site first if it shares a grid connection.' : ''}</p>
          ))}
      </Panel>
      <Panel
        headingId="sites-heading"
        title="Sites"
        aside={
          <>
            grid connections · installed = the rated power of their assets
            {canWrite && open === null && (
              <button type="button" className="button button--small panel__action" onClick={() => setOpen({ kind: 'site', site: null })}>
                Register site
              </button>
            )}
          </>
        }
      >
        <FormError message={removing.formError} />
        {sites.data &&
          (siteList.length > 0 ? (
            <SitesTable sites={siteList} labelledBy="sites-heading" actions={canWrite ? { busy: removing.busy, onEdit: (site) => setOpen({ kind: 'site', site }), onDelete: removeSite } : null} />
          ) : (
            <p className="panel__empty">No sites yet. A site is a grid connection in one zone; its assets take its zone.</p>
          ))}
      </Panel>
    </div>
  );
}
