import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { MarketZone } from '../../../shared/api/zones.js';
import { localDate } from '../../../shared/market/time-zone.js';
import { engine } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { useLoad } from '../components/use-load.js';
import { useNow } from '../components/use-now.js';
import { formatDeliveryDay } from '../format.js';
import { useSelectedZone } from '../state/selected-zone.js';
import { AnomaliesPanel } from './analytics/AnomaliesPanel.js';
import { DEFAULT_PERIOD_DAYS, isPeriodDays, PERIOD_DAYS, periodEnding } from './analytics/analytics-period.js';
import { CrossMarketPanel } from './analytics/CrossMarketPanel.js';
import { ForecastingView } from './analytics/ForecastingView.js';
import { MarketStatisticsPanel } from './analytics/MarketStatisticsPanel.js';
import { TradingKpiTiles } from './analytics/TradingKpiTiles.js';
import './analytics/analytics.css';

type View = 'market' | 'forecasting';
const VIEWS: Record<View, string> = { market: 'Market analytics', forecasting: 'Forecasting' };

function MarketView({ zones, zone, days }: { zones: readonly MarketZone[]; zone: MarketZone; days: number }) {
  // The period moves on at the zone's midnight; a minute's clock is enough to notice it.
  const now = useNow(60_000);
  const today = localDate(zone.timezone, now);
  const period = useMemo(() => periodEnding(zone, days, today), [zone, days, today]);
  const key = `${zone.id} ${period.from}`;
  return (
    <>
      <p className="analytics-period muted" data-testid="analytics-period">
        {days} delivery days of {zone.id}: {formatDeliveryDay(period.firstDay)} to {formatDeliveryDay(period.lastDay)} {period.lastDay.slice(0, 4)} ({zone.timezone})
      </p>
      <div className="analytics-columns analytics-columns--chart">
        <AnomaliesPanel key={key} zone={zone} period={period} />
        <MarketStatisticsPanel zone={zone} period={period} />
      </div>
      <CrossMarketPanel zones={zones} selected={zone} period={period} />
    </>
  );
}

/**
 * Analytics: today's trading KPIs (live) above two views of the selected zone, kept in the URL
 * with the period: its market (statistics, anomalies on the price chart, correlation with other
 * zones) and its forecasting models (training with live progress, forecast fans, comparisons).
 */
export function Analytics() {
  const catalogue = useLoad(useCallback(() => engine.zones(), []));
  const zones = catalogue.data?.zones ?? null;
  const { zoneId, select } = useSelectedZone();
  const [params] = useSearchParams();
  const view: View = params.get('view') === 'forecasting' ? 'forecasting' : 'market';
  const asked = Number(params.get('days'));
  const days = isPeriodDays(asked) ? asked : DEFAULT_PERIOD_DAYS;
  const selected = zones?.find((zone) => zone.id === zoneId) ?? zones?.[0] ?? null;
  const search = (changes: Record<string, string>): string => `?${new URLSearchParams({ view, days: String(days), ...changes }).toString()}`;

  return (
    <div className="page-grid analytics-page">
      <div className="chart-toolbar analytics-toolbar" role="toolbar" aria-label="Analytics settings">
        <label className="inline-field">
          Zone
          <select value={selected?.id ?? ''} onChange={(event) => select(event.target.value)} disabled={!zones}>
            {zones?.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.id} · {zone.name}
              </option>
            ))}
          </select>
        </label>
        <nav className="tabs analytics-tabs" aria-label="Analytics views">
          {(Object.keys(VIEWS) as View[]).map((option) => (
            <Link key={option} to={search({ view: option })} className={option === view ? 'tab tab--active' : 'tab'} aria-current={option === view ? 'page' : undefined} replace>
              {VIEWS[option]}
            </Link>
          ))}
        </nav>
        {view === 'market' && (
          <nav className="segmented chart-toolbar__end" aria-label="Period">
            {PERIOD_DAYS.map((option) => (
              <Link key={option} to={search({ days: String(option) })} className="segmented__option" aria-current={option === days ? 'page' : undefined} replace>
                {option} days
              </Link>
            ))}
          </nav>
        )}
      </div>
      <FormError message={catalogue.error} />
      <TradingKpiTiles />
      {!zones && !catalogue.error && <p className="muted">Loading the zones…</p>}
      {zones && !selected && <p className="muted">The zone catalogue is empty.</p>}
      {zones && selected && (view === 'market' ? <MarketView zones={zones} zone={selected} days={days} /> : <ForecastingView key={selected.id} zone={selected} />)}
    </div>
  );
}
