import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { TradingKpis } from '../../../../shared/api/analytics.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { useLoad } from '../../components/use-load.js';
import { useNow } from '../../components/use-now.js';
import { formatPrice, formatUtcTime, NO_VALUE } from '../../format.js';
import { transport } from '../../transport/index.js';
import { formatFraction, formatMwh } from '../assets/asset-format.js';

type Side = NonNullable<TradingKpis['byCurrency'][number]['sell']>;

function Tile({ label, testId, detail, className = 'kpi__value', children }: { label: string; testId: string; detail?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className="kpi">
      <dt className="kpi__label">{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
        {detail !== undefined && <span className="kpi__detail analytics-kpi__detail">{detail}</span>}
      </dd>
    </div>
  );
}

/** A price, per MWh: beside the P&L tile's money amounts in the same currency, the unit tells them apart. */
const perMwh = (value: number, currency: string): string => `${formatPrice(value, currency)}/MWh`;

/** "Sell 52.10 EUR/MWh vs 55.00 EUR/MWh": the side's energy-weighted bid price against the market's over the same periods. */
function SideLine({ name, side, currency }: { name: string; side: Side | null; currency: string }) {
  if (!side) return null;
  const edge = side.averageBidPrice - side.averageMarketPrice;
  return (
    <span className="analytics-kpi__line">
      {name} {perMwh(side.averageBidPrice, currency)} <span className="muted">vs {perMwh(side.averageMarketPrice, currency)}</span>{' '}
      <span className="kpi__detail">
        ({edge >= 0 ? '+' : ''}
        {perMwh(edge, currency)}, {formatMwh(side.mwh)})
      </span>
    </span>
  );
}

/** The newer of two answers: the request's and the last `kpis` event's. */
const newest = (a: TradingKpis | null, b: TradingKpis | null): TradingKpis | null => (a && b ? (Date.parse(b.computedAt) >= Date.parse(a.computedAt) ? b : a) : (a ?? b));

/** How often the tiles look whether their trading day is over. */
const DAY_CHECK_MS = 60_000;

/**
 * The organisation's trading today in tiles, live: loaded once, then replaced by every `kpis`
 * event (the engine recomputes them after each bid change while a terminal follows the topic),
 * and loaded again once their trading day is over (no bid change announces a new day).
 */
export function TradingKpiTiles() {
  const loaded = useLoad(useCallback(() => engine.tradingKpis(), []));
  const [live, setLive] = useState<TradingKpis | null>(null);
  useEffect(() => transport.subscribe('kpis', (event) => setLive(event.data)), []);
  const kpis = newest(loaded.data, live);
  const now = useNow(DAY_CHECK_MS);
  const { reload } = loaded;
  // Once for each day that ends: an engine whose clock is behind the page's is not asked every minute.
  const reloadedAfter = useRef<string | null>(null);
  useEffect(() => {
    if (kpis && now >= Date.parse(kpis.dayEnd) && reloadedAfter.current !== kpis.dayEnd) {
      reloadedAfter.current = kpis.dayEnd;
      reload();
    }
  }, [kpis, now, reload]);
  const priced = kpis?.byCurrency.filter((entry) => entry.buy !== null || entry.sell !== null) ?? [];
  const accepted = kpis ? kpis.bids.accepted + kpis.bids.partiallyAccepted : 0;
  const decided = kpis ? accepted + kpis.bids.rejected : 0;

  return (
    <section className="panel" aria-labelledby="trading-kpis-heading">
      <header className="panel__header">
        <h2 id="trading-kpis-heading">Trading today</h2>
        <span className="panel__aside" data-testid="kpi-freshness">
          {kpis ? `your organisation · trading day ${kpis.day} (${kpis.timeZone}) · live · computed ${formatUtcTime(kpis.computedAt)}` : 'your organisation'}
        </span>
      </header>
      <FormError message={loaded.error} />
      {!kpis && !loaded.error && <p className="panel__empty">Loading today’s trading figures…</p>}
      {kpis && (
        <dl className="kpis analytics-kpis">
          <Tile label="Drafted" testId="kpi-drafted">
            {kpis.bids.drafted}
          </Tile>
          <Tile label="Submitted" testId="kpi-submitted">
            {kpis.bids.submitted}
          </Tile>
          <Tile label="Accepted" testId="kpi-accepted" detail={decided > 0 ? `+${String(kpis.bids.partiallyAccepted)} partly · ${String(kpis.bids.rejected)} rejected` : undefined}>
            {kpis.bids.accepted}
          </Tile>
          <Tile label="Acceptance rate" testId="kpi-acceptance" detail={kpis.acceptanceRate === null ? 'none decided yet' : `of ${String(decided)} decided`}>
            {kpis.acceptanceRate === null ? NO_VALUE : formatFraction(kpis.acceptanceRate)}
          </Tile>
          <Tile label="Volume submitted" testId="kpi-volume" detail={`${formatMwh(kpis.volume.clearedMwh)} cleared`}>
            {formatMwh(kpis.volume.submittedMwh)}
          </Tile>
          <Tile label="Avg bid vs market" testId="kpi-bid-vs-market" className="kpi__value analytics-kpi__lines" detail={priced.length === 0 ? 'no submitted bid with a market price yet' : undefined}>
            {priced.length === 0
              ? NO_VALUE
              : priced.map((entry) => (
                  <span key={entry.currency} className="analytics-kpi__currency">
                    <SideLine name="Sell" side={entry.sell} currency={entry.currency} />
                    <SideLine name="Buy" side={entry.buy} currency={entry.currency} />
                  </span>
                ))}
          </Tile>
          <Tile label="Estimated P&L" testId="kpi-pnl" className="kpi__value analytics-kpi__lines" detail={accepted === 0 ? 'no bid accepted today' : undefined}>
            {accepted === 0
              ? NO_VALUE
              : kpis.byCurrency.map((entry) => (
                  <span key={entry.currency} className={entry.estimatedPnl < 0 ? 'bad-text' : entry.estimatedPnl > 0 ? 'ok-text' : undefined}>
                    {formatPrice(entry.estimatedPnl, entry.currency)}
                  </span>
                ))}
          </Tile>
          <Tile label="Queued offline" testId="kpi-queued" className={kpis.queuedOffline > 0 ? 'kpi__value warn-text' : 'kpi__value'} detail={kpis.queuedOffline > 0 ? 'waiting for the shared database' : 'nothing waiting'}>
            {kpis.queuedOffline}
          </Tile>
        </dl>
      )}
    </section>
  );
}
