import { useCallback, type ReactNode } from 'react';
import type { MarketAnalytics } from '../../../../shared/api/analytics.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { DurationCurve } from '../../charts/DurationCurve.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatPrice, formatPriceAmount, NO_VALUE } from '../../format.js';
import { formatHours, formatPercent, formatZoneDateTime } from './analytics-format.js';
import type { AnalyticsPeriod } from './analytics-period.js';
import { NoHistory } from './NoHistory.js';

const WEIGHTS: Record<NonNullable<MarketAnalytics['volumeWeightedMean']['weight']>, string> = {
  volume: 'weighted by traded volume',
  load_forecast: 'weighted by the load forecast (no volume stored)',
};

function Stat({ label, detail, children }: { label: string; detail?: ReactNode; children: ReactNode }) {
  return (
    <div className="analytics-stat">
      <dt>{label}</dt>
      <dd>
        <span className="analytics-stat__value">{children}</span>
        {detail !== undefined && <span className="analytics-stat__detail">{detail}</span>}
      </dd>
    </div>
  );
}

function Statistics({ stats }: { stats: MarketAnalytics }) {
  const price = (value: number | null): string => (value === null ? NO_VALUE : formatPrice(value, stats.currency));
  const { percentiles, averages, volumeWeightedMean: vwap } = stats;
  return (
    <dl className="analytics-stats" aria-label={`Price statistics of ${stats.zoneId}`}>
      <Stat label="Mean">{price(stats.mean)}</Stat>
      <Stat label="VWAP" detail={vwap.weight === null ? 'no volume or load stored' : WEIGHTS[vwap.weight]}>
        {price(vwap.value)}
      </Stat>
      <Stat label="Volatility" detail={`std. dev. of prices${stats.volatility.changeStd === null ? '' : `; of hourly changes ${price(stats.volatility.changeStd)}`}`}>
        {price(stats.volatility.priceStd)}
      </Stat>
      <Stat label="Base" detail={`${String(stats.hours)} h`}>
        {price(averages.base)}
      </Stat>
      <Stat label="Peak" detail={averages.peakDefinition}>
        {price(averages.peak)}
      </Stat>
      <Stat label="Off-peak" detail={`${String(averages.offPeakHours)} h`}>
        {price(averages.offPeak)}
      </Stat>
      <Stat label="Min" detail={stats.min ? formatZoneDateTime(stats.min.hour, stats.timezone) : undefined}>
        <span className={stats.min && stats.min.price < 0 ? 'bad-text' : undefined}>{price(stats.min?.price ?? null)}</span>
      </Stat>
      <Stat label="Max" detail={stats.max ? formatZoneDateTime(stats.max.hour, stats.timezone) : undefined}>
        {price(stats.max?.price ?? null)}
      </Stat>
      <Stat label="Negative hours" detail={stats.hours > 0 ? `${formatPercent(stats.negativeHours / stats.hours)} of priced hours` : undefined}>
        <span className={stats.negativeHours > 0 ? 'bad-text' : undefined}>{formatHours(stats.negativeHours)}</span>
      </Stat>
      <Stat label="P5 · P25 · Median" detail={percentiles ? `${stats.currency}/MWh` : undefined}>
        {percentiles ? [percentiles.p5, percentiles.p25, percentiles.p50].map((value) => formatPriceAmount(value)).join(' · ') : NO_VALUE}
      </Stat>
      <Stat label="P75 · P95" detail={percentiles ? `${stats.currency}/MWh` : undefined}>
        {percentiles ? [percentiles.p75, percentiles.p95].map((value) => formatPriceAmount(value)).join(' · ') : NO_VALUE}
      </Stat>
      <Stat label="Coverage" detail={stats.hours < stats.periodHours ? `${String(stats.periodHours - stats.hours)} h without a price` : 'every hour priced'}>
        {stats.hours} / {stats.periodHours} h
      </Stat>
    </dl>
  );
}

/** The zone's day-ahead prices over the period in figures, and their duration curve. */
export function MarketStatisticsPanel({ zone, period }: { zone: MarketZone; period: AnalyticsPeriod }) {
  const result = useLoad(useCallback(() => engine.marketAnalytics({ zone: period.zoneId, from: period.from, to: period.to }), [period]));
  const stats = result.data?.zoneId === period.zoneId && result.data.from === period.from && result.data.to === period.to ? result.data : null;
  return (
    <Panel headingId="market-stats-heading" title="Market statistics" aside={`${zone.id} day-ahead · hourly · ${zone.currency}/MWh`}>
      <FormError message={result.error} />
      {!stats && !result.error && <p className="panel__empty">Computing the statistics…</p>}
      {stats && stats.hours === 0 && <NoHistory period={period} />}
      {stats && stats.hours > 0 && (
        <>
          <Statistics stats={stats} />
          <figure className="analytics-figure">
            <DurationCurve points={stats.durationCurve} totalHours={stats.hours} label={`Price duration curve of ${zone.id}: ${String(stats.hours)} hours from ${formatPrice(stats.max?.price ?? 0, stats.currency)} down to ${formatPrice(stats.min?.price ?? 0, stats.currency)}`} />
            <figcaption className="muted">Price duration curve: share of the hours priced at or above each price</figcaption>
          </figure>
        </>
      )}
    </Panel>
  );
}
