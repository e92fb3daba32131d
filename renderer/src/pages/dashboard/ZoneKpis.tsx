import type { ReactNode } from 'react';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { GateCountdown } from '../../components/GateCountdown.js';
import { useNow } from '../../components/use-now.js';
import { changeClass, formatChange, formatPrice, NO_VALUE } from '../../format.js';
import { dayMean, useZoneToday } from '../../state/zone-today.js';

function Tile({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="kpi">
      <dt className="kpi__label">{label}</dt>
      <dd className="kpi__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The selected zone's day in figures: last price, change since the day's first, range, mean, and the next gate closure. */
export function ZoneKpis({ zone }: { zone: MarketZone }) {
  const today = useZoneToday((state) => state.byZone[zone.id]);
  const now = useNow(15_000);
  const price = (value: number | undefined) => (value === undefined ? NO_VALUE : formatPrice(value, zone.currency));
  const change = today ? today.last - today.open : null;
  return (
    <section className="panel" aria-labelledby="kpi-heading">
      <header className="panel__header">
        <h2 id="kpi-heading">
          {zone.id} · {zone.name}
        </h2>
        <span className="panel__aside">
          {zone.exchange} · delivery day {today?.day ?? NO_VALUE} ({zone.timezone}) · per MWh
        </span>
      </header>
      <dl className="kpis">
        <Tile label="Last" testId="kpi-last">
          {price(today?.last)}
        </Tile>
        <Tile label="Change today">
          <span className={change === null ? 'muted' : changeClass(change)}>
            {change === null ? NO_VALUE : formatChange(change)}
            {change !== null && today && today.open !== 0 && <span className="kpi__detail"> {((change / Math.abs(today.open)) * 100).toFixed(1)} %</span>}
          </span>
        </Tile>
        <Tile label="Day low">{price(today?.low)}</Tile>
        <Tile label="Day high">{price(today?.high)}</Tile>
        <Tile label="Day mean">{today ? formatPrice(dayMean(today), zone.currency) : NO_VALUE}</Tile>
        <Tile label="Prices today">{today ? today.count.toLocaleString() : NO_VALUE}</Tile>
        <Tile label="Day-ahead gate">
          <GateCountdown rule={zone.gateClosure} now={now} />
        </Tile>
      </dl>
    </section>
  );
}
