import { useCallback } from 'react';
import { engine } from '../api/engine.js';
import { ComingLater } from '../components/ComingLater.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useLoad } from '../components/use-load.js';
import { ZonesTable } from '../components/ZonesTable.js';
import { LatestPrices } from './market/LatestPrices.js';

/** Live prices and the zone catalogue (the exchanges' rules every bid is checked against) today; charts and history come with the rest of the market-data issue. */
export function Market() {
  const zones = useLoad(useCallback(() => engine.zones(), []));
  return (
    <div className="page-grid">
      <ComingLater />
      <LatestPrices />
      <Panel headingId="zones-heading" title="Market zones" aside={zones.data ? `${String(zones.data.count)} zones · prices per MWh in the zone currency` : undefined}>
        <FormError message={zones.error} />
        {zones.data && <ZonesTable zones={zones.data.zones} labelledBy="zones-heading" />}
      </Panel>
    </div>
  );
}
