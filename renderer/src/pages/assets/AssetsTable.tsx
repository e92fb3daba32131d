import { Link } from 'react-router';
import type { Asset } from '../../../../shared/api/assets.js';
import type { Site } from '../../../../shared/api/sites.js';
import { NO_VALUE } from '../../format.js';
import { KIND_LABELS } from './asset-draft.js';
import { formatMw, storageSummary } from './asset-format.js';
import { AssetStatusBadge } from './AssetStatusBadge.js';

/** The organisation's assets, each name opening its detail. */
export function AssetsTable({ assets, sites, labelledBy }: { assets: readonly Asset[]; sites: readonly Site[]; labelledBy: string }) {
  const siteName = (siteId: string | null): string => (siteId === null ? NO_VALUE : (sites.find((site) => site.id === siteId)?.name ?? NO_VALUE));
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Zone</th>
          <th scope="col">Site</th>
          <th scope="col" className="num">
            Rated power
          </th>
          <th scope="col">Storage</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {assets.map((asset) => (
          <tr key={asset.id} className={asset.status === 'retired' ? 'row--off' : undefined}>
            <th scope="row">
              <Link to={`/assets/${asset.id}`}>{asset.name}</Link>
            </th>
            <td>{KIND_LABELS[asset.kind]}</td>
            <td className="mono">{asset.zoneId}</td>
            <td>{siteName(asset.siteId)}</td>
            <td className="num">{formatMw(asset.capacityMw)}</td>
            <td className="tabular">{asset.storage ? storageSummary(asset.storage) : <span className="muted">{NO_VALUE}</span>}</td>
            <td>
              <AssetStatusBadge status={asset.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
