import type { MarketZone } from '../../../../shared/api/zones.js';

/** A zone, or all of them (''): the history's filter and copy-day's scope. */
export function ZoneChoice({ value, onChange, zones }: { value: string; onChange: (zoneId: string) => void; zones: readonly MarketZone[] }) {
  return (
    <select aria-label="Zone" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">All zones</option>
      {zones.map((zone) => (
        <option key={zone.id} value={zone.id}>
          {zone.id}
        </option>
      ))}
    </select>
  );
}
