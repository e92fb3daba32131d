import type { Site } from '../../../../shared/api/sites.js';
import { formatMw } from './asset-format.js';

interface SitesTableProps {
  sites: readonly Site[];
  labelledBy: string;
  /** Null for a user who may not change sites: no write controls then. */
  actions: { busy: boolean; onEdit: (site: Site) => void; onDelete: (site: Site) => void } | null;
}

const coordinate = (value: number): string => value.toFixed(4);

/** The organisation's grid connections: capacity against what is installed behind it. */
export function SitesTable({ sites, labelledBy, actions }: SitesTableProps) {
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Zone</th>
          <th scope="col" className="num">
            Grid capacity
          </th>
          <th scope="col" className="num">
            Installed
          </th>
          <th scope="col" className="num">
            Assets
          </th>
          <th scope="col" className="num">
            Lat, lon
          </th>
          {actions && <th scope="col" />}
        </tr>
      </thead>
      <tbody>
        {sites.map((site) => {
          const over = site.installedCapacityMw > site.gridCapacityMw;
          return (
            <tr key={site.id}>
              <th scope="row">{site.name}</th>
              <td className="mono">{site.zoneId}</td>
              <td className="num">{formatMw(site.gridCapacityMw)}</td>
              <td className={over ? 'num warn-text' : 'num'} title={over ? 'More is installed than the grid connection takes (allowed: assets rarely peak together)' : undefined}>
                {formatMw(site.installedCapacityMw)}
                {over && ' ▲ above grid'}
              </td>
              <td className="num">{site.assetCount}</td>
              <td className="num mono">
                {coordinate(site.latitude)}, {coordinate(site.longitude)}
              </td>
              {actions && (
                <td className="actions">
                  <button type="button" className="button button--small" onClick={() => actions.onEdit(site)} aria-label={`Edit site ${site.name}`}>
                    Edit
                  </button>{' '}
                  <button type="button" className="button button--small button--danger" disabled={actions.busy} onClick={() => actions.onDelete(site)} aria-label={`Delete site ${site.name}`}>
                    Delete
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
