import { useCallback } from 'react';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useLoad } from '../components/use-load.js';
import { ZonesTable } from '../components/ZonesTable.js';
import { useSelectedZone } from '../state/selected-zone.js';
import { useZoneToday, useZoneTodayFeed } from '../state/zone-today.js';
import { CandleHistory } from './market/CandleHistory.js';
import { DayAheadPanel } from './market/DayAheadPanel.js';
import { ZoneMap } from './market/ZoneMap.js';
import { ZoneWatchlist } from './market/ZoneWatchlist.js';

/** One zone in depth: chosen from the list or the map, its candles over any range, its day-ahead result; and the zone catalogue with every exchange's rules. */
export function Market() {
  const catalogue = useLoad(useCallback(() => engine.zones(), []));
  const zones = catalogue.data?.zones ?? null;
  useZoneTodayFeed(zones);
  const { zoneId: selectedId, select } = useSelectedZone();
  const today = useZoneToday((state) => state.byZone);
  const selected = zones?.find((zone) => zone.id === selectedId) ?? zones?.[0];
  return (
    <div className="page-grid">
      <FormError message={catalogue.error} />
      {zones && selected && (
        <div className="market-layout">
          <ZoneWatchlist zones={zones} />
          <div className="page-grid">
            <CandleHistory zone={selected} />
            <div className="market-lower">
              <DayAheadPanel zone={selected} />
              <Panel headingId="zone-map-heading" title="Map" aside="schematic: the catalogue’s map point of each zone · colour: change today">
                <ZoneMap zones={zones} today={today} selected={selected.id} onSelect={select} />
              </Panel>
            </div>
          </div>
        </div>
      )}
      <Panel headingId="zones-heading" title="Market zones" aside={catalogue.data ? `${String(catalogue.data.count)} zones · prices per MWh in the zone currency` : undefined}>
        {zones && <ZonesTable zones={zones} labelledBy="zones-heading" />}
      </Panel>
    </div>
  );
}
