import { AreaSeries, CandlestickSeries, createChart, LineSeries, LineType, type IChartApi, type ISeriesApi, type SeriesType, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { ChartDatum, LiveSource } from './chart-data.js';
import { baseChartOptions, themeColour, zoneTimeOptions } from './chart-options.js';
import { FrameBatcher } from './frame-batcher.js';

/** Candles (OHLC), an area under a live price, or steps (a price per delivery period). */
export type ChartKind = 'candles' | 'area' | 'steps';

export interface PriceChartProps {
  kind: ChartKind;
  /** Oldest first. A new array replaces what is drawn (a reload); live updates never do. */
  data: readonly ChartDatum[];
  timeZone: string;
  /** The chart's accessible name. */
  label: string;
  live?: LiveSource;
  /** Called once per drawn batch of live updates with the newest datum. */
  onLive?: (newest: ChartDatum) => void;
  showSeconds?: boolean;
}

interface Drawn {
  chart: IChartApi;
  series: ISeriesApi<SeriesType>;
}

const PRICE_FORMAT = { type: 'price', precision: 2, minMove: 0.01 } as const;

function addSeries(chart: IChartApi, kind: ChartKind): ISeriesApi<SeriesType> {
  const accent = themeColour('--accent');
  if (kind === 'candles') {
    const [up, down] = [themeColour('--ok'), themeColour('--bad')];
    return chart.addSeries(CandlestickSeries, { upColor: up, downColor: down, borderUpColor: up, borderDownColor: down, wickUpColor: up, wickDownColor: down, priceFormat: PRICE_FORMAT });
  }
  if (kind === 'area') return chart.addSeries(AreaSeries, { lineColor: accent, lineWidth: 2, topColor: `${accent}55`, bottomColor: `${accent}05`, priceFormat: PRICE_FORMAT });
  return chart.addSeries(LineSeries, { color: accent, lineWidth: 2, lineType: LineType.WithSteps, priceFormat: PRICE_FORMAT });
}

const toSeconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;
const toSeriesData = (datum: ChartDatum) => ({ ...datum, time: toSeconds(datum.time) });

/**
 * A price chart (lightweight-charts) made once per kind and kept: a new `data` array is drawn
 * with setData, live updates go through series.update, buffered and applied once per animation
 * frame so a burst of ticks costs one repaint. The chart fills its container and goes with it.
 */
export function ChartCanvas({ kind, data, timeZone, label, live, onLive, showSeconds = false }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const onLiveRef = useRef(onLive);
  useEffect(() => {
    onLiveRef.current = onLive;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, baseChartOptions());
    drawn.current = { chart, series: addSeries(chart, kind) };
    return () => {
      drawn.current = null;
      chart.remove();
    };
  }, [kind]);

  useEffect(() => {
    drawn.current?.chart.applyOptions(zoneTimeOptions(timeZone, showSeconds));
  }, [kind, timeZone, showSeconds]);

  useEffect(() => {
    const target = drawn.current;
    const element = container.current;
    if (!target || !element) return;
    target.series.setData(data.map(toSeriesData));
    target.chart.timeScale().fitContent();
    let bars = data.length;
    let lastSeconds = data.length > 0 ? toSeconds(data[data.length - 1]?.time ?? 0) : Number.NEGATIVE_INFINITY;
    element.dataset.bars = String(bars);
    if (!live) return;
    const batcher = new FrameBatcher<ChartDatum>((items) => {
      let newest: ChartDatum | null = null;
      for (const item of items) {
        const seconds = toSeconds(item.time);
        // The chart updates its last bar or appends; anything older than what is drawn is stale.
        if (seconds < lastSeconds) continue;
        if (seconds > lastSeconds) bars += 1;
        target.series.update(toSeriesData(item));
        lastSeconds = seconds;
        newest = item;
      }
      if (!newest) return;
      element.dataset.bars = String(bars);
      element.dataset.lastTime = new Date(newest.time).toISOString();
      onLiveRef.current?.(newest);
    });
    const stop = live((datum) => batcher.push(datum));
    return () => {
      stop();
      batcher.cancel();
    };
  }, [kind, data, live]);

  return <div ref={container} className="price-chart" role="img" aria-label={label} />;
}
