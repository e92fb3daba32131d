import { useCallback, useMemo, useState } from 'react';
import type { Asset, AssetPerformance } from '../../../../shared/api/assets.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { localDate, shiftDay } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import type { EnergyDay } from '../../charts/EnergyCanvas.js';
import { EnergyChart } from '../../charts/EnergyChart.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatDeliveryDay, formatPrice } from '../../format.js';
import { formatFraction, formatMwh } from './asset-format.js';

const NO_RESULTS = 'no results yet';
/** The range first shown: the last four weeks and the next two days, which day-ahead bids are drafted for. */
const DAYS_BACK = 27;
const DAYS_AHEAD = 2;

const valueClass = (value: number | null): string => (value === null ? 'num muted' : value < 0 ? 'num bad-text' : 'num');

function Totals({ performance }: { performance: AssetPerformance }) {
  const { totals, currency } = performance;
  const cleared = totals.clearedVolumeMwh;
  return (
    <dl className="kpis kpis--compact" aria-label="Totals over the range">
      <div className="kpi">
        <dt className="kpi__label">Bids in the market</dt>
        <dd className="kpi__value">{totals.bids}</dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Energy bid</dt>
        <dd className="kpi__value">{formatMwh(totals.bidVolumeMwh)}</dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Energy cleared</dt>
        <dd className={cleared === null ? 'kpi__value muted' : 'kpi__value'}>
          {cleared === null ? NO_RESULTS : formatMwh(cleared)}
          {cleared !== null && totals.bidVolumeMwh > 0 && <span className="kpi__detail"> {formatFraction(cleared / totals.bidVolumeMwh)} of bid</span>}
        </dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Market value</dt>
        <dd className={totals.marketValue === null ? 'kpi__value muted' : totals.marketValue < 0 ? 'kpi__value bad-text' : 'kpi__value'}>
          {totals.marketValue === null ? NO_RESULTS : formatPrice(totals.marketValue, currency)}
        </dd>
      </div>
    </dl>
  );
}

function DaysTable({ performance }: { performance: AssetPerformance }) {
  const { currency } = performance;
  return (
    <details className="periods">
      <summary>Per delivery day ({performance.days.length})</summary>
      <table className="grid" aria-label="Performance per delivery day">
        <thead>
          <tr>
            <th scope="col">Delivery day</th>
            <th scope="col" className="num">
              Bids
            </th>
            <th scope="col" className="num">
              Bid
            </th>
            <th scope="col" className="num">
              Cleared
            </th>
            <th scope="col" className="num">
              Value ({currency})
            </th>
          </tr>
        </thead>
        <tbody>
          {performance.days.map((day) => (
            <tr key={day.deliveryDate}>
              <th scope="row" className="tabular">
                {formatDeliveryDay(day.deliveryDate)} <span className="muted">{day.deliveryDate.slice(0, 4)}</span>
              </th>
              <td className="num">{day.bids}</td>
              <td className="num">{formatMwh(day.bidVolumeMwh)}</td>
              <td className={valueClass(day.clearedVolumeMwh)}>{day.clearedVolumeMwh === null ? (day.bids > 0 ? NO_RESULTS : '—') : formatMwh(day.clearedVolumeMwh)}</td>
              <td className={valueClass(day.marketValue)}>{day.marketValue === null ? (day.bids > 0 ? NO_RESULTS : '—') : formatPrice(day.marketValue, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** What the asset's bids offered and cleared per delivery day over a chosen range, and what that was worth. */
export function AssetPerformancePanel({ asset, zone }: { asset: Asset; zone: MarketZone }) {
  const [range, setRange] = useState(() => {
    const today = localDate(zone.timezone, Date.now());
    return { from: shiftDay(today, -DAYS_BACK), to: shiftDay(today, DAYS_AHEAD) };
  });
  const rangeError = range.from > range.to ? 'The first day must not be after the last.' : null;
  const result = useLoad(useCallback(() => (rangeError ? Promise.resolve(null) : engine.assetPerformance(asset.id, range.from, range.to)), [asset.id, range, rangeError]));
  const performance = result.data?.from === range.from && result.data.to === range.to ? result.data : null;
  const days = useMemo<EnergyDay[]>(() => performance?.days.map((day) => ({ day: day.deliveryDate, bid: day.bidVolumeMwh, cleared: day.clearedVolumeMwh })) ?? [], [performance]);
  const awaiting = performance !== null && performance.totals.bids > 0 && performance.days.some((day) => day.bids > 0 && day.clearedVolumeMwh === null);

  return (
    <Panel headingId="performance-heading" title="Performance" aside={`MWh per delivery day in ${zone.timezone} · value in ${zone.currency}, sales positive`}>
      <div className="chart-toolbar">
        <label className="inline-field">
          From
          <input type="date" value={range.from} onChange={(event) => event.target.value && setRange({ ...range, from: event.target.value })} />
        </label>
        <label className="inline-field">
          To
          <input type="date" value={range.to} onChange={(event) => event.target.value && setRange({ ...range, to: event.target.value })} />
        </label>
        <span className="chart-legend" aria-hidden="true">
          <span className="chart-legend__swatch chart-legend__swatch--bid" /> bid <span className="chart-legend__swatch chart-legend__swatch--cleared" /> cleared
        </span>
      </div>
      <FormError message={rangeError ?? result.error} />
      {performance && <Totals performance={performance} />}
      <div className="chart-frame chart-frame--short">
        <EnergyChart days={days} label={`${asset.name}: energy bid and cleared per delivery day`} />
        {!performance && !result.error && !rangeError && <p className="chart-frame__empty">Loading performance…</p>}
        {performance?.totals.bids === 0 && <p className="chart-frame__empty">No bid of this asset reached the market in this range.</p>}
      </div>
      {awaiting && (
        <p className="chart-caption" role="note">
          Days with bids but no cleared bar have no results yet: nothing cleared is counted until the day's results are in.
        </p>
      )}
      {performance && performance.totals.bids > 0 && <DaysTable performance={performance} />}
    </Panel>
  );
}
