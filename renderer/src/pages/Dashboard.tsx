import { useCallback } from 'react';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { useLoad } from '../components/use-load.js';
import { useSelectedZone } from '../state/selected-zone.js';
import { useZoneTodayFeed } from '../state/zone-today.js';
import { LiveChart } from './dashboard/LiveChart.js';
import { RecentAlerts } from './dashboard/RecentAlerts.js';
import { ZoneKpis } from './dashboard/ZoneKpis.js';
import { ZoneOverview } from './dashboard/ZoneOverview.js';

/** The desk at a glance: the selected zone's day and live chart, recent alerts, and every zone today. */
export function Dashboard() {
  const catalogue = useLoad(useCallback(() => engine.zones(), []));
  const zones = catalogue.data?.zones ?? null;
  useZoneTodayFeed(zones);
  const selectedId = useSelectedZone((state) => state.zoneId);
  if (!zones) return catalogue.error ? <FormError message={catalogue.error} /> : <p className="muted">Loading the zones…</p>;
  const selected = zones.find((zone) => zone.id === selectedId) ?? zones[0];
  if (!selected) return <p className="muted">The zone catalogue is empty.</p>;
  return (
    <div className="page-grid">
      <ZoneKpis zone={selected} />
      <div className="dashboard-main">
        <LiveChart zone={selected} />
        <RecentAlerts />
      </div>
      <ZoneOverview zones={zones} />
    </div>
  );
}
