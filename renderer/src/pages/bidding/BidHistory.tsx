import type { BidStatus } from '../../../../shared/api/bid-events.js';
import type { Bid } from '../../../../shared/api/bids.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import type { BidFilters } from '../../api/engine.js';
import { formatDateTime, formatDuration } from '../../format.js';
import { STATUS_LABELS, StatusBadge } from './StatusBadge.js';
import { ZoneChoice } from './ZoneChoice.js';

const STATUSES = Object.keys(STATUS_LABELS) as BidStatus[];

interface BidHistoryProps {
  bids: readonly Bid[] | null;
  filters: BidFilters;
  onFilters: (filters: BidFilters) => void;
  zones: readonly MarketZone[];
  assetName: (id: string) => string;
  selectedId: string | null;
  onSelect: (bid: Bid) => void;
  now: number;
}

const marketOf = (bid: Bid): string => (bid.market === 'day_ahead' ? 'DA' : (bid.auction ?? 'IDA'));

function Gate({ at, now }: { at: string; now: number }) {
  const closes = Date.parse(at);
  return (
    <span title={formatDateTime(at)} className={closes > now ? undefined : 'muted'}>
      {closes > now ? `in ${formatDuration((closes - now) / 1000)}` : formatDateTime(at)}
    </span>
  );
}

/** The organisation's bids, newest first, filtered by status, zone and delivery days; choosing one opens it. */
export function BidHistory({ bids, filters, onFilters, zones, assetName, selectedId, onSelect, now }: BidHistoryProps) {
  const toggle = (status: BidStatus): void =>
    onFilters({ ...filters, status: filters.status.includes(status) ? filters.status.filter((s) => s !== status) : [...filters.status, status] });
  return (
    <>
      <div className="chart-toolbar bid-filters" role="group" aria-label="Filters">
        <span className="chips" role="group" aria-label="Status">
          {STATUSES.map((status) => (
            <label key={status} className="check chip-check">
              <input type="checkbox" checked={filters.status.includes(status)} onChange={() => toggle(status)} />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </span>
        <label className="inline-field">
          Zone
          <ZoneChoice value={filters.zoneId ?? ''} onChange={(zoneId) => onFilters({ ...filters, zoneId: zoneId || undefined })} zones={zones} />
        </label>
        <label className="inline-field">
          Delivery from
          <input type="date" value={filters.from ?? ''} onChange={(event) => onFilters({ ...filters, from: event.target.value || undefined })} />
        </label>
        <label className="inline-field">
          to
          <input type="date" value={filters.to ?? ''} onChange={(event) => onFilters({ ...filters, to: event.target.value || undefined })} />
        </label>
      </div>
      {bids && bids.length === 0 ? (
        <p className="panel__body muted">No bids match. Draft one above, or press n for a new bid.</p>
      ) : (
        <table className="grid bid-history" aria-label="Bid history">
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Zone</th>
              <th scope="col">Market</th>
              <th scope="col">Day</th>
              <th scope="col">For</th>
              <th scope="col">Side</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Ver.
              </th>
              <th scope="col">Gate</th>
              <th scope="col" className="num">
                Updated
              </th>
            </tr>
          </thead>
          <tbody>
            {(bids ?? []).map((bid) => (
              <tr key={bid.id} data-bid={bid.id} className={bid.id === selectedId ? 'grid__row--selected' : undefined} onClick={() => onSelect(bid)}>
                <th scope="row" className="mono">
                  <button type="button" className="row-select" aria-pressed={bid.id === selectedId} title={bid.id} onClick={(event) => {
                    event.stopPropagation();
                    onSelect(bid);
                  }}>
                    {bid.id.slice(0, 8)}
                  </button>
                </th>
                <td className="mono">{bid.zoneId}</td>
                <td>{marketOf(bid)}</td>
                <td className="num">{bid.deliveryDate}</td>
                <td className="cell-clip">{bid.portfolio ?? (bid.assetId ? assetName(bid.assetId) : '')}</td>
                <td className={bid.side === 'sell' ? 'bad-text' : bid.side === 'buy' ? 'ok-text' : undefined}>{bid.side}</td>
                <td>{bid.orderType}</td>
                <td>
                  <StatusBadge status={bid.status} />
                  {bid.syncState !== 'synced' && <span className={`badge sync-badge sync-badge--${bid.syncState}`}>{bid.syncState}</span>}
                </td>
                <td className="num">{bid.version}</td>
                <td className="num">
                  <Gate at={bid.gateClosureAt} now={now} />
                </td>
                <td className="num">{formatDateTime(bid.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
