import type { MarketZone } from '../../../../shared/api/zones.js';
import { Panel } from '../../components/Panel.js';
import { changeClass, formatChange, formatPrice, NO_VALUE } from '../../format.js';
import { useSelectedZone } from '../../state/selected-zone.js';
import { useZoneToday } from '../../state/zone-today.js';

/** Every zone with its last price and today's change: a zone chosen here is the one the page shows. */
export function ZoneWatchlist({ zones }: { zones: readonly MarketZone[] }) {
  const { zoneId: selected, select } = useSelectedZone();
  const today = useZoneToday((state) => state.byZone);
  return (
    <Panel headingId="watchlist-heading" title="Zones" aside="last · change today">
      <ul className="watchlist" aria-labelledby="watchlist-heading">
        {zones.map((zone) => {
          const day = today[zone.id];
          const change = day ? day.last - day.open : null;
          return (
            <li key={zone.id} data-zone={zone.id}>
              <button type="button" className="watchlist__item" aria-pressed={zone.id === selected} title={`${zone.name} (${zone.exchange})`} onClick={() => select(zone.id)}>
                <span className="watchlist__id mono">{zone.id}</span>
                <span className={day && day.last < 0 ? 'num bad-text' : 'num'}>{day ? formatPrice(day.last, zone.currency) : NO_VALUE}</span>
                <span className={change === null ? 'num muted' : `num ${changeClass(change)}`}>{change === null ? NO_VALUE : formatChange(change)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
