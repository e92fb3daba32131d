import { ASSET_KINDS, type AssetStatus } from '../../../../shared/api/assets.js';
import type { Site } from '../../../../shared/api/sites.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { KIND_LABELS, STATUS_LABELS } from './asset-draft.js';

/** The list's filters as the page's URL keeps them (so the list is the same after a visit to an asset). */
export const FILTER_KEYS = ['q', 'kind', 'zoneId', 'siteId', 'status'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

interface AssetFiltersProps {
  filters: Filters;
  zones: readonly MarketZone[];
  sites: readonly Site[];
  onChange: (key: FilterKey, value: string) => void;
}

function FilterSelect({ label, value, all, options, onChange }: { label: string; value: string; all: string; options: readonly { value: string; label: string }[]; onChange: (value: string) => void }) {
  return (
    <label className="inline-field">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AssetFilters({ filters, zones, sites, onChange }: AssetFiltersProps) {
  return (
    <div className="chart-toolbar" role="search" aria-label="Filter assets">
      <label className="inline-field">
        Name
        <input type="search" value={filters.q} placeholder="contains…" onChange={(event) => onChange('q', event.target.value)} />
      </label>
      <FilterSelect label="Kind" value={filters.kind} all="All kinds" options={ASSET_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))} onChange={(value) => onChange('kind', value)} />
      <FilterSelect label="Zone" value={filters.zoneId} all="All zones" options={zones.map((zone) => ({ value: zone.id, label: zone.id }))} onChange={(value) => onChange('zoneId', value)} />
      <FilterSelect label="Site" value={filters.siteId} all="All sites" options={sites.map((site) => ({ value: site.id, label: site.name }))} onChange={(value) => onChange('siteId', value)} />
      <FilterSelect
        label="Status"
        value={filters.status}
        all="All statuses"
        options={(Object.keys(STATUS_LABELS) as AssetStatus[]).map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
        onChange={(value) => onChange('status', value)}
      />
    </div>
  );
}
