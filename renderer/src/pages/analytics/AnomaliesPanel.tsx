import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_ANOMALY_THRESHOLD, type Anomaly, type AnomalyReport } from '../../../../shared/api/analytics.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import type { ChartPoint } from '../../charts/chart-data.js';
import type { PriceFlag } from '../../charts/MarkedPriceCanvas.js';
import { MarkedPriceChart } from '../../charts/MarkedPriceChart.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatPriceAmount, NO_VALUE } from '../../format.js';
import { formatScore, formatZoneDateTime } from './analytics-format.js';
import type { AnalyticsPeriod } from './analytics-period.js';
import { NoHistory } from './NoHistory.js';

/** |robust z| from which an hour is flagged: the engine's default and a stricter and a looser one. */
const THRESHOLDS = [4, DEFAULT_ANOMALY_THRESHOLD, 8, 12] as const;

const KIND_LABELS: Record<Anomaly['kind'], string> = { spike: 'Spike', drop: 'Drop', stale: 'Stale', gap: 'Gap' };

const flagText = (anomaly: Anomaly): string => (anomaly.kind === 'spike' || anomaly.kind === 'drop' ? `${KIND_LABELS[anomaly.kind]} z ${formatScore(anomaly.score)}` : `${KIND_LABELS[anomaly.kind]} ${String(anomaly.hours)} h`);

const answers = (period: AnalyticsPeriod, data: { zoneId: string; from: string; to: string } | null): boolean =>
  data !== null && data.zoneId === period.zoneId && Date.parse(data.from) === Date.parse(period.from) && Date.parse(data.to) === Date.parse(period.to);

const count = (n: number, noun: string): string => `${String(n)} ${noun}${n === 1 ? '' : 's'}`;

function countsText(report: AnomalyReport): string {
  const { spike, drop, stale, gap } = report.counts;
  return [count(spike, 'spike'), count(drop, 'drop'), count(stale, 'stale run'), count(gap, 'gap')].join(' · ');
}

function AnomalyTable({ report, zone, focused, onFocus }: { report: AnomalyReport; zone: MarketZone; focused: string | null; onFocus: (anomaly: Anomaly) => void }) {
  if (report.anomalies.length === 0) return <p className="panel__empty">No anomaly in these days at |z| ≥ {report.method.threshold}: every hour is within its seasonal range, none stale, none missing.</p>;
  return (
    <div className="analytics-scroll analytics-scroll--anomalies">
      <table className="grid" aria-label={`Anomalies of ${zone.id}`}>
        <thead>
          <tr>
            <th scope="col">Time ({zone.timezone})</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Value ({zone.currency}/MWh)
            </th>
            <th scope="col" className="num">
              Expected ({zone.currency}/MWh)
            </th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Lasts
            </th>
            <th scope="col">
              <span className="visually-hidden">Chart</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {report.anomalies.map((anomaly) => {
            const key = `${anomaly.kind} ${anomaly.time}`;
            return (
              <tr key={key} className={focused === key ? 'grid__row--selected' : undefined}>
                <th scope="row" className="tabular">
                  {formatZoneDateTime(anomaly.time, zone.timezone)}
                </th>
                <td>
                  <span className={`anomaly-kind anomaly-kind--${anomaly.kind}`}>{KIND_LABELS[anomaly.kind]}</span>
                </td>
                <td className="num">{anomaly.value === null ? NO_VALUE : formatPriceAmount(anomaly.value)}</td>
                <td className="num muted">{anomaly.expected === null ? NO_VALUE : formatPriceAmount(anomaly.expected)}</td>
                <td className="num">{anomaly.kind === 'spike' || anomaly.kind === 'drop' ? `z ${formatScore(anomaly.score)}` : NO_VALUE}</td>
                <td className="num">{anomaly.hours} h</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => onFocus(anomaly)} aria-label={`Show the ${anomaly.kind} of ${formatZoneDateTime(anomaly.time, zone.timezone)} on the chart`}>
                    Show
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.truncated && <p className="panel__empty">The first {report.anomalies.length} are listed; raise the threshold or shorten the period to see the rest.</p>}
    </div>
  );
}

/**
 * The zone's hourly day-ahead prices over the period with the anomaly detector's findings marked
 * on them (spikes, drops, stale runs, gaps), and the same findings as a table; a row's Show
 * centres the chart on it.
 */
export function AnomaliesPanel({ zone, period }: { zone: MarketZone; period: AnalyticsPeriod }) {
  const [threshold, setThreshold] = useState<number>(DEFAULT_ANOMALY_THRESHOLD);
  const [focused, setFocused] = useState<{ key: string; time: number } | null>(null);
  const prices = useLoad(useCallback(() => engine.candles({ zone: period.zoneId, market: 'day_ahead', resolution: '1h', from: period.from, to: period.to }), [period]));
  const found = useLoad(useCallback(() => engine.anomalies({ zone: period.zoneId, from: period.from, to: period.to, threshold }), [period, threshold]));
  const report = answers(period, found.data) && found.data?.method.threshold === threshold ? found.data : null;
  const series = answers(period, prices.data) ? prices.data : null;
  const points = useMemo<ChartPoint[]>(() => series?.candles.map((candle) => ({ time: Date.parse(candle.start), value: candle.mean })) ?? [], [series]);
  const flags = useMemo<PriceFlag[]>(() => report?.anomalies.map((anomaly) => ({ kind: anomaly.kind, time: Date.parse(anomaly.time), hours: anomaly.hours, text: flagText(anomaly) })) ?? [], [report]);
  const empty = series !== null && series.candles.length === 0;

  return (
    <Panel headingId="anomalies-heading" title="Prices and anomalies" aside={report ? countsText(report) : `${zone.id} day-ahead, hourly`}>
      <div className="chart-toolbar">
        <label className="inline-field">
          Flag spikes and drops from |z| ≥
          <select value={threshold} onChange={(event) => setThreshold(Number(event.target.value))}>
            {THRESHOLDS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        {report && (
          <details className="analytics-method">
            <summary>How they are found</summary>
            <p>{report.method.baseline}</p>
            <p>
              A price repeated unchanged for {report.method.staleHours} hours or more is stale; an hour of the period already begun without a price is a gap.
            </p>
          </details>
        )}
        {focused && (
          <button type="button" className="button button--small chart-toolbar__end" onClick={() => setFocused(null)}>
            Show the whole period
          </button>
        )}
      </div>
      <FormError message={prices.error ?? found.error} />
      {empty ? (
        <NoHistory period={period} />
      ) : (
        <>
          <div className="chart-frame chart-frame--short">
            <MarkedPriceChart data={points} flags={flags} timeZone={zone.timezone} label={`Hourly day-ahead prices of ${zone.id} with anomalies`} focus={focused?.time ?? null} />
            {(!series || !report) && !prices.error && !found.error && <p className="chart-frame__empty">Looking for anomalies…</p>}
          </div>
          {report && <AnomalyTable report={report} zone={zone} focused={focused?.key ?? null} onFocus={(anomaly) => setFocused({ key: `${anomaly.kind} ${anomaly.time}`, time: Date.parse(anomaly.time) })} />}
        </>
      )}
    </Panel>
  );
}
