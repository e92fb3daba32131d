import { useCallback, useMemo, useState } from 'react';
import type { CandleResolution, CandleSeries } from '../../../../shared/api/market-data.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { bucketsInRange, CandleGrid, MAX_CANDLES } from '../../../../shared/market/candle-grid.js';
import { DAY_MS, dayStart, localDate, nextDay } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import type { ChartBar, LiveSource } from '../../charts/chart-data.js';
import { PriceChart } from '../../charts/PriceChart.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatDateTime } from '../../format.js';
import { transport } from '../../transport/index.js';
import { candlesCsv, downloadFile } from './candles-csv.js';
import { LiveCandles } from './live-candles.js';

type Market = 'tick' | 'day_ahead';
type Preset = '1D' | '1W' | '1M' | '1Y';

const RESOLUTIONS: readonly CandleResolution[] = ['1m', '15m', '1h', '1d'];
const PRESET_MS: Record<Preset, number> = { '1D': DAY_MS, '1W': 7 * DAY_MS, '1M': 30 * DAY_MS, '1Y': 365 * DAY_MS };
const MARKETS: Record<Market, string> = { tick: 'Live ticks', day_ahead: 'Day-ahead' };

/** A preset range ending now (live prices keep extending it), or the zone's delivery days from one to another. */
type Range = { preset: Preset; from: number; to: number } | { preset: 'custom'; fromDay: string; toDay: string; from: number; to: number };

function presetRange(preset: Preset): Range {
  // The end rounded up to the minute, so the current minute's candle is in.
  const to = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
  return { preset, from: to - PRESET_MS[preset], to };
}

function customRange(zone: MarketZone, fromDay: string, toDay: string): Range {
  return { preset: 'custom', fromDay, toDay, from: dayStart(zone.timezone, fromDay), to: dayStart(zone.timezone, nextDay(toDay)) };
}

const fileTime = (at: number): string => new Date(at).toISOString().slice(0, 16).replace(':', '');

/** Historical candles of the selected zone: market, range and resolution to choose, live ticks added to the last candle, CSV of what is shown. */
export function CandleHistory({ zone }: { zone: MarketZone }) {
  const [market, setMarket] = useState<Market>('tick');
  const [range, setRange] = useState<Range>(() => presetRange('1D'));
  const [chosen, setChosen] = useState<CandleResolution>('15m');
  const fits = (resolution: CandleResolution): boolean => bucketsInRange(range.from, range.to, resolution) <= MAX_CANDLES;
  // A range too long for the chosen resolution shows the finest that fits instead.
  const resolution = fits(chosen) ? chosen : (RESOLUTIONS.find(fits) ?? '1d');
  const rangeError = range.from >= range.to ? 'The first day must not be after the last.' : null;

  const series = useLoad(
    useCallback(
      (): Promise<CandleSeries | null> =>
        rangeError ? Promise.resolve(null) : engine.candles({ zone: zone.id, market, resolution, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() }),
      [zone.id, market, resolution, range, rangeError],
    ),
  );
  const shown = series.data;
  const current = shown?.zoneId === zone.id && shown.market === market && shown.resolution === resolution && Date.parse(shown.from) === range.from && Date.parse(shown.to) === range.to;
  const grid = useMemo(() => (shown ? new CandleGrid(shown.timezone, shown.resolution, Date.parse(shown.from), Date.parse(shown.to)) : null), [shown]);
  const liveCandles = useMemo(() => (shown && grid ? new LiveCandles(grid, shown.candles) : null), [shown, grid]);
  const bars = useMemo<ChartBar[]>(() => shown?.candles.map(({ start, open, high, low, close }) => ({ time: Date.parse(start), open, high, low, close })) ?? [], [shown]);
  const followsLive = market === 'tick' && range.preset !== 'custom';
  const live = useCallback<LiveSource>(
    (push) =>
      transport.subscribe('price-update', (event) => {
        // A snapshot repeats the newest price, which the loaded candles already hold.
        if (event.snapshot || !liveCandles) return;
        for (const point of event.data.prices) {
          if (point.zoneId !== zone.id || point.market !== 'tick') continue;
          const candle = liveCandles.add(point.price, Date.parse(point.at));
          if (candle) push({ time: Date.parse(candle.start), open: candle.open, high: candle.high, low: candle.low, close: candle.close });
        }
      }),
    [liveCandles, zone.id],
  );

  const exportCsv = (): void => {
    if (!shown || !liveCandles) return;
    const csv = candlesCsv({ zoneId: shown.zoneId, market: shown.market, resolution: shown.resolution, currency: shown.currency, candles: liveCandles.all });
    downloadFile(`optibid-${shown.zoneId}-${shown.market}-${shown.resolution}-${fileTime(Date.parse(shown.from))}-${fileTime(Date.parse(shown.to))}.csv`, csv, 'text/csv');
  };

  const today = localDate(zone.timezone, Date.now());
  const fromDay = range.preset === 'custom' ? range.fromDay : localDate(zone.timezone, range.from);
  const toDay = range.preset === 'custom' ? range.toDay : today;
  const count = current ? shown.candles.length : null;

  return (
    <Panel headingId="candles-heading" title={`${zone.id} · ${zone.name}`} aside={`${zone.currency}/MWh · times in ${zone.timezone}`}>
      <div className="chart-toolbar" role="toolbar" aria-label="Chart settings">
        <div className="segmented" role="group" aria-label="Market">
          {(Object.keys(MARKETS) as Market[]).map((option) => (
            <button key={option} type="button" className="segmented__option" aria-pressed={market === option} onClick={() => setMarket(option)}>
              {MARKETS[option]}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Range">
          {(Object.keys(PRESET_MS) as Preset[]).map((preset) => (
            <button key={preset} type="button" className="segmented__option" aria-pressed={range.preset === preset} onClick={() => setRange(presetRange(preset))}>
              {preset}
            </button>
          ))}
        </div>
        <label className="inline-field">
          From
          <input type="date" value={fromDay} max={today} onChange={(event) => event.target.value && setRange(customRange(zone, event.target.value, toDay))} />
        </label>
        <label className="inline-field">
          To
          <input type="date" value={toDay} max={today} onChange={(event) => event.target.value && setRange(customRange(zone, fromDay, event.target.value))} />
        </label>
        <div className="segmented" role="group" aria-label="Resolution">
          {RESOLUTIONS.map((option) => (
            <button
              key={option}
              type="button"
              className="segmented__option"
              aria-pressed={resolution === option}
              disabled={!fits(option)}
              title={fits(option) ? `${option} candles` : `More than ${String(MAX_CANDLES)} candles over this range`}
              onClick={() => setChosen(option)}
            >
              {option}
            </button>
          ))}
        </div>
        <button type="button" className="button button--small chart-toolbar__end" onClick={exportCsv} disabled={!current || count === 0}>
          Export CSV
        </button>
      </div>
      <FormError message={rangeError ?? series.error} />
      <div className="chart-frame">
        <PriceChart kind="candles" data={bars} timeZone={zone.timezone} label={`${zone.id} ${MARKETS[market]} candles`} live={followsLive && current ? live : undefined} />
        {!current && !series.error && !rangeError && <p className="chart-frame__empty">Loading candles…</p>}
        {current && count === 0 && (
          <p className="chart-frame__empty">
            No {MARKETS[market].toLowerCase()} prices for {zone.id} in this range.
          </p>
        )}
      </div>
      <p className="chart-caption" data-testid="candle-summary" aria-live="polite">
        {current ? `${String(count)} candles · ${shown.resolution} · ${formatDateTime(shown.from)} to ${formatDateTime(shown.to)}${followsLive ? ' · live' : ''}` : 'Loading…'}
      </p>
    </Panel>
  );
}
