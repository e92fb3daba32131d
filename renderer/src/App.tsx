import { ErrorBanner } from './components/ErrorBanner.js';
import { LoadState } from './components/LoadState.js';
import { MigrationsTable } from './components/MigrationsTable.js';
import { Panel } from './components/Panel.js';
import { ServicesTable } from './components/ServicesTable.js';
import { StatusBar } from './components/StatusBar.js';
import { ZonesTable } from './components/ZonesTable.js';
import { formatUtcTime } from './format.js';
import { useStatusStore } from './state/status-store.js';
import { POLL_INTERVAL_MS, useStatusPolling } from './state/use-status-polling.js';

function Brand() {
  const meta = useStatusStore((state) => state.meta);
  return (
    <div className="brand">
      {/* index.html's title is the product name, so it stands in until the engine has answered. */}
      <span className="brand__name">{meta?.name ?? document.title}</span>
      {meta && <span className="brand__version">v{meta.version}</span>}
      <span className="brand__page">System status</span>
    </div>
  );
}

export function App() {
  useStatusPolling();
  const health = useStatusStore((state) => state.health);
  const zones = useStatusStore((state) => state.zones);
  const errors = useStatusStore((state) => state.errors);
  const healthReceivedAt = useStatusStore((state) => state.healthReceivedAt);
  const healthStale = health !== null && errors.health !== null;
  const healthAside = healthStale ? `last known state, ${formatUtcTime(healthReceivedAt)}` : `polled every ${POLL_INTERVAL_MS / 1000} s`;

  return (
    <div className="app">
      <header className="top-bar">
        <Brand />
        <StatusBar />
      </header>
      <ErrorBanner />
      <main className="content">
        <Panel headingId="services-heading" title="Services" aside={healthAside} stale={healthStale}>
          {health ? <ServicesTable services={health.services} labelledBy="services-heading" /> : <LoadState error={errors.health} />}
        </Panel>
        <Panel headingId="migrations-heading" title="Database migrations" stale={healthStale}>
          {health ? <MigrationsTable services={health.services} labelledBy="migrations-heading" /> : <LoadState error={errors.health} />}
        </Panel>
        <Panel headingId="zones-heading" title="Market zones" aside={zones ? `${zones.length} zones · prices per MWh in the zone currency` : undefined}>
          {zones ? <ZonesTable zones={zones} labelledBy="zones-heading" /> : <LoadState error={errors.zones} />}
        </Panel>
      </main>
    </div>
  );
}
