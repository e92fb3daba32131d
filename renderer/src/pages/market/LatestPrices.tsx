import { useEffect, useState } from 'react';
import type { PricePoint } from '../../../../shared/api/market-data.js';
import { Panel } from '../../components/Panel.js';
import { formatPrice, formatUtcTime, NO_VALUE } from '../../format.js';
import { transport } from '../../transport/index.js';

interface Row {
  point: PricePoint;
  /** The change since the previous price of the zone; null for the first. */
  change: number | null;
}

/** The newest price of every zone, live: a snapshot first, then each feed tick. */
export function LatestPrices() {
  const [rows, setRows] = useState<ReadonlyMap<string, Row>>(new Map());
  useEffect(
    () =>
      transport.subscribe('price-update', (event) =>
        setRows((previous) => {
          // A snapshot replaces what is shown (the state after a reconnection); an event updates it.
          const next = new Map(event.snapshot ? [] : previous);
          for (const point of event.data.prices) {
            const before = previous.get(point.zoneId)?.point.price;
            next.set(point.zoneId, { point, change: before === undefined ? null : Math.round((point.price - before) * 100) / 100 });
          }
          return next;
        }),
      ),
    [],
  );
  const sorted = [...rows.values()].sort((a, b) => a.point.zoneId.localeCompare(b.point.zoneId));
  return (
    <Panel headingId="latest-prices-heading" title="Latest prices" aside={sorted[0] ? `${sorted[0].point.source} feed · per MWh` : 'waiting for the feed'}>
      <table className="grid" aria-labelledby="latest-prices-heading">
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              At
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ point, change }) => (
            <tr key={point.zoneId} data-zone={point.zoneId}>
              <th scope="row">{point.zoneId}</th>
              <td className={point.price < 0 ? 'num bad-text' : 'num'}>{formatPrice(point.price, point.currency)}</td>
              <td className={change === null || change === 0 ? 'num muted' : change > 0 ? 'num ok-text' : 'num bad-text'}>
                {change === null ? NO_VALUE : `${change > 0 ? '▲' : change < 0 ? '▼' : ''} ${Math.abs(change).toFixed(2)}`}
              </td>
              <td className="num muted">{formatUtcTime(point.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
