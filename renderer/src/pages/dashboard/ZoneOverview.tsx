import type { MarketZone } from '../../../../shared/api/zones.js';
import { Sparkline } from '../../charts/Sparkline.js';
import { GateCountdown } from '../../components/GateCountdown.js';
import { Panel } from '../../components/Panel.js';
import { useNow } from '../../components/use-now.js';
import { changeClass, formatChange, formatPrice, formatUtcTime, NO_VALUE } from '../../format.js';
import { useSelectedZone } from '../../state/selected-zone.js';
import { dayMean, useZoneToday, type ZoneToday } from '../../state/zone-today.js';

function ZoneRow({ zone, today, selected, now }: { zone: MarketZone; today: ZoneToday | undefined; selected: boolean; now: number }) {
  const select = useSelectedZone((state) => state.select);
  const change = today ? today.last - today.open : null;
  const price = (value: number | undefined) => (value === undefined ? NO_VALUE : formatPrice(value, zone.currency));
  return (
    <tr data-zone={zone.id} className={selected ? 'grid__row--selected' : undefined} onClick={() => select(zone.id)}>
      <th scope="row">
        <button type="button" className="row-select" aria-pressed={selected} title={`Chart ${zone.name}`}>
          {zone.id}
        </button>
      </th>
      <td className={today && today.last < 0 ? 'num bad-text' : 'num'}>{price(today?.last)}</td>
      <td className={change === null ? 'num muted' : `num ${changeClass(change)}`}>{change === null ? NO_VALUE : formatChange(change)}</td>
      <td>
        <Sparkline values={today?.quarters.map((quarter) => quarter.close) ?? []} trend={change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down'} />
      </td>
      <td className="num">{price(today?.low)}</td>
      <td className="num">{price(today?.high)}</td>
      <td className="num">{today ? formatPrice(dayMean(today), zone.currency) : NO_VALUE}</td>
      <td>
        <GateCountdown rule={zone.gateClosure} now={now} />
      </td>
      <td className="num muted">{today ? formatUtcTime(today.lastAt) : NO_VALUE}</td>
    </tr>
  );
}

/** Every zone at a glance: today's price, change, shape and range, and the time left to its next gate closure; a row charts its zone. */
export function ZoneOverview({ zones }: { zones: readonly MarketZone[] }) {
  const byZone = useZoneToday((state) => state.byZone);
  const error = useZoneToday((state) => state.error);
  const selected = useSelectedZone((state) => state.zoneId);
  const now = useNow(15_000);
  return (
    <Panel headingId="zone-overview-heading" title="Zones today" aside={error ?? 'each zone’s delivery day from its local midnight · change since its first price today · per MWh'}>
      <table className="grid" aria-labelledby="zone-overview-heading">
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col" className="num">
              Last
            </th>
            <th scope="col" className="num" title="Since the zone’s first price of its delivery day">
              Chg today
            </th>
            <th scope="col">Today</th>
            <th scope="col" className="num">
              Low
            </th>
            <th scope="col" className="num">
              High
            </th>
            <th scope="col" className="num">
              Mean
            </th>
            <th scope="col">Day-ahead gate</th>
            <th scope="col" className="num">
              Last tick
            </th>
          </tr>
        </thead>
        <tbody>
          {zones.map((zone) => (
            <ZoneRow key={zone.id} zone={zone} today={byZone[zone.id]} selected={zone.id === selected} now={now} />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
