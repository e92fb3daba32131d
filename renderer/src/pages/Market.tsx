import { useCallback } from 'react';
import { engine } from '../api/engine.js';
import { ComingLater } from '../components/ComingLater.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useLoad } from '../components/use-load.js';
import { ZonesTable } from '../components/ZonesTable.js';

/** The zone catalogue is here today (the exchanges' rules every bid is checked against); prices come with the market-data issue. */
export function Market() {
  const zones = useLoad(useCallback(() => engine.zones(), []));
  return (
    <div className="page-grid">
      <ComingLater />
      <Panel headingId="zones-heading" title="Market zones" aside={zones.data ? `${String(zones.data.count)} zones · prices per MWh in the zone currency` : undefined}>
        <FormError message={zones.error} />
        {zones.data && <ZonesTable zones={zones.data.zones} labelledBy="zones-heading" />}
      </Panel>
    </div>
  );
}
