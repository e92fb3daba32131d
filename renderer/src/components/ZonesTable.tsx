import type { MarketZone } from '../../../shared/api/zones.js';
import { formatGateTime, formatMtuChange, formatPrice, NO_VALUE } from '../format.js';

function ZoneRow({ zone }: { zone: MarketZone }) {
  const { priceLimits, gateClosure, curve, currency } = zone;
  const mtuChange = formatMtuChange(zone.mtu);
  return (
    <tr>
      <th scope="row" className="mono">
        {zone.id}
      </th>
      <td>{zone.name}</td>
      <td>{zone.exchange}</td>
      <td className="mono">{zone.timezone}</td>
      <td>{currency}</td>
      <td className="num" title={mtuChange ?? undefined}>
        {zone.mtu.minutes}
      </td>
      <td className="num">{formatPrice(priceLimits.floor, currency)}</td>
      <td className="num">{formatPrice(priceLimits.cap, currency)}</td>
      <td className="num">{priceLimits.costVerifiedCap === undefined ? NO_VALUE : formatPrice(priceLimits.costVerifiedCap, currency)}</td>
      <td>
        <span className="num">{formatGateTime(gateClosure)}</span> <span className="muted mono">{gateClosure.timezone}</span>
      </td>
      <td>
        {curve.kind} <span className="muted">≤ {curve.maxPoints} points</span>
      </td>
    </tr>
  );
}

export function ZonesTable({ zones, labelledBy }: { zones: MarketZone[]; labelledBy: string }) {
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Zone</th>
          <th scope="col">Name</th>
          <th scope="col">Exchange</th>
          <th scope="col">Timezone</th>
          <th scope="col">Ccy</th>
          <th scope="col" className="num" title="Market time unit in minutes">
            MTU
          </th>
          <th scope="col" className="num">
            Floor /MWh
          </th>
          <th scope="col" className="num">
            Cap /MWh
          </th>
          <th scope="col" className="num" title="Cap for offers whose costs are verified (FERC Order 831)">
            Verified cap
          </th>
          <th scope="col">Day-ahead gate closure</th>
          <th scope="col">Curve</th>
        </tr>
      </thead>
      <tbody>
        {zones.map((zone) => (
          <ZoneRow key={zone.id} zone={zone} />
        ))}
      </tbody>
    </table>
  );
}
