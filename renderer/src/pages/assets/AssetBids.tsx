import { useCallback } from 'react';
import type { Bid } from '../../../../shared/api/bids.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatDateTime, formatDeliveryDay } from '../../format.js';
import { StatusBadge } from '../bidding/StatusBadge.js';

const SIDE_LABELS: Readonly<Record<Bid['side'], string>> = { buy: 'Buy', sell: 'Sell', both: 'Buy & sell' };

const marketOf = (bid: Bid): string => (bid.market === 'day_ahead' ? 'Day-ahead' : `Intraday ${bid.auction ?? ''}`.trim());
const orderOf = (bid: Bid): string => (bid.orderType === 'curve' ? `Curve · ${String(bid.curve.length)} periods` : `Blocks · ${String(bid.blocks.length)}`);

/** The asset's bids, newest first, with where each stands. */
export function AssetBids({ assetId }: { assetId: string }) {
  const bids = useLoad(useCallback(() => engine.bidsOfAsset(assetId), [assetId]));
  const list = bids.data?.bids ?? null;
  return (
    <Panel headingId="asset-bids-heading" title="Bids" aside={list ? `${String(list.length)} · newest first` : 'Loading…'}>
      <FormError message={bids.error} />
      {list &&
        (list.length === 0 ? (
          <p className="panel__empty">No bids for this asset yet. Bids are drafted on the Bidding page.</p>
        ) : (
          <table className="grid" aria-labelledby="asset-bids-heading">
            <thead>
              <tr>
                <th scope="col">Delivery day</th>
                <th scope="col">Zone</th>
                <th scope="col">Market</th>
                <th scope="col">Order</th>
                <th scope="col">Side</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Gate closure
                </th>
                <th scope="col" className="num">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((bid) => (
                <tr key={bid.id}>
                  <th scope="row" className="tabular">
                    {formatDeliveryDay(bid.deliveryDate)} <span className="muted">{bid.deliveryDate.slice(0, 4)}</span>
                  </th>
                  <td className="mono">{bid.zoneId}</td>
                  <td>{marketOf(bid)}</td>
                  <td>{orderOf(bid)}</td>
                  <td>{SIDE_LABELS[bid.side]}</td>
                  <td title={bid.reason ?? undefined}>
                    <StatusBadge status={bid.status} />
                  </td>
                  <td className="num">{formatDateTime(bid.gateClosureAt)}</td>
                  <td className="num">{formatDateTime(bid.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Panel>
  );
}
