import type { AuctionId, BidMarket } from '../../../../shared/api/bids.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { formatAmount } from '../../../../shared/bids/bid-issues.js';
import { priceLimitsOf, type PeriodWindow } from '../../../../shared/bids/bid-market.js';
import { GateCountdown } from '../../components/GateCountdown.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime, formatDuration, formatPrice, NO_VALUE } from '../../format.js';

interface ZoneRulesProps {
  zone: MarketZone;
  market: BidMarket;
  auction: AuctionId | null;
  window: PeriodWindow | null;
  /** This bid's gate (epoch ms); null when the market or the date is not one. */
  gateClosureAt: number | null;
  recentPrice: number | null;
  labelOf: (period: number) => string;
  now: number;
}

/** What the zone's catalogue entry asks of a bid into this market on this day, beside the form. */
export function ZoneRules({ zone, market, auction, window, gateClosureAt, recentPrice, labelOf, now }: ZoneRulesProps) {
  const limits = priceLimitsOf(zone, market);
  const { curve, currency } = zone;
  const price = (value: number): string => formatPrice(value, currency);
  const marketName = market === 'day_ahead' ? 'day-ahead' : `intraday ${auction ?? ''}`;
  return (
    <Panel headingId="zone-rules-heading" title={`${zone.id} rules`} aside={`${zone.exchange} · ${marketName}`}>
      <dl className="facts panel__body zone-rules">
        <dt>Gate for this bid</dt>
        <dd>
          {gateClosureAt === null ? (
            NO_VALUE
          ) : gateClosureAt > now ? (
            <>
              {formatDateTime(new Date(gateClosureAt).toISOString())} <span className="ok-text">in {formatDuration((gateClosureAt - now) / 1000)}</span>
            </>
          ) : (
            <span className="bad-text">closed {formatDateTime(new Date(gateClosureAt).toISOString())}</span>
          )}
        </dd>
        <dt>Next day-ahead gate</dt>
        <dd>
          <GateCountdown rule={zone.gateClosure} now={now} />
        </dd>
        <dt>Price floor / cap</dt>
        <dd>{limits ? `${price(limits.floor)} / ${price(limits.cap)}` : 'no such market'}</dd>
        <dt>Price tick</dt>
        <dd>{price(curve.priceTick)}</dd>
        <dt>Volume lot</dt>
        <dd>{formatAmount(curve.volumeLot)} MW</dd>
        <dt>Points per period</dt>
        <dd>
          {curve.minPoints} to {curve.maxPoints}
        </dd>
        <dt>Curve</dt>
        <dd>
          {curve.kind === 'step' ? 'step (volume holds until the next price)' : 'linear (straight between points)'}
          {curve.monotonic ? ', each point adds quantity' : ''}
          {curve.distinctAdjacentPrices ? ', no two adjacent points at one price' : ''}
        </dd>
        <dt>Full price range</dt>
        <dd>{curve.fullPriceRange && limits ? `required: first point at ${price(limits.floor)}, last at ${price(limits.cap)}` : 'not required'}</dd>
        <dt>Periods that day</dt>
        <dd>
          {window ? (
            <>
              {window.periodCount} × {window.periodMinutes} min
              {window.auction && (
                <span className="muted">
                  {' '}
                  · {window.auction.id} trades {labelOf(window.first)} to {labelOf(window.last)}
                </span>
              )}
            </>
          ) : (
            NO_VALUE
          )}
        </dd>
        <dt>Market price</dt>
        <dd>{recentPrice === null ? NO_VALUE : price(recentPrice)}</dd>
        <dt>Timezone</dt>
        <dd className="mono">{zone.timezone}</dd>
      </dl>
    </Panel>
  );
}
