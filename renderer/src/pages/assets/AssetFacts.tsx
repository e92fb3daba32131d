import type { Asset } from '../../../../shared/api/assets.js';
import type { Site } from '../../../../shared/api/sites.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { formatDateTime, NO_VALUE } from '../../format.js';
import { KIND_LABELS } from './asset-draft.js';
import { formatFraction, formatMw, formatMwh } from './asset-format.js';
import { AssetStatusBadge } from './AssetStatusBadge.js';

/** An asset's parameters as stored, storage limits included. */
export function AssetFacts({ asset, zone, site }: { asset: Asset; zone: MarketZone | undefined; site: Site | undefined }) {
  const { storage } = asset;
  return (
    <dl className="facts asset-facts">
      <dt>Kind</dt>
      <dd>{KIND_LABELS[asset.kind]}</dd>
      <dt>Status</dt>
      <dd>
        <AssetStatusBadge status={asset.status} />
      </dd>
      <dt>Zone</dt>
      <dd>
        <span className="mono">{asset.zoneId}</span> {zone && <span className="muted">{`${zone.name} · ${zone.exchange} · ${zone.currency}`}</span>}
      </dd>
      <dt>Site</dt>
      <dd>{asset.siteId === null ? <span className="muted">none</span> : (site?.name ?? NO_VALUE)}</dd>
      <dt>Rated power</dt>
      <dd className="tabular">{formatMw(asset.capacityMw)}</dd>
      {storage && (
        <>
          <dt>Energy capacity</dt>
          <dd className="tabular">
            {formatMwh(storage.energyCapacityMwh)} <span className="muted">({(storage.energyCapacityMwh / storage.maxDischargeMw).toFixed(2)} h at full discharge)</span>
          </dd>
          <dt>Round-trip efficiency</dt>
          <dd className="tabular">{formatFraction(storage.roundTripEfficiency)}</dd>
          <dt>State of charge</dt>
          <dd className="tabular">
            {formatFraction(storage.socMin)} to {formatFraction(storage.socMax)} <span className="muted">({formatMwh(storage.energyCapacityMwh * (storage.socMax - storage.socMin))} usable)</span>
          </dd>
          <dt>Max charge</dt>
          <dd className="tabular">{formatMw(storage.maxChargeMw)}</dd>
          <dt>Max discharge</dt>
          <dd className="tabular">{formatMw(storage.maxDischargeMw)}</dd>
        </>
      )}
      <dt>Version</dt>
      <dd className="tabular">
        {asset.version} <span className="muted">· updated {formatDateTime(asset.updatedAt)}</span>
      </dd>
    </dl>
  );
}
