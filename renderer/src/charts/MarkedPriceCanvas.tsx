import { createChart, createSeriesMarkers, HistogramSeries, LineSeries, type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { ChartPoint } from './chart-data.js';
import { baseChartOptions, themeColour, zoneTimeOptions } from './chart-options.js';

/** A flagged instant of the price line: a spike or a drop at one hour, a stale run or a gap over several. */
export interface PriceFlag {
  kind: 'spike' | 'drop' | 'stale' | 'gap';
  /** Start of the (first) hour, epoch milliseconds. */
  time: number;
  hours: number;
  text: string;
}

export interface MarkedPriceChartProps {
  /** Hourly prices, oldest first. */
  data: readonly ChartPoint[];
  flags: readonly PriceFlag[];
  timeZone: string;
  /** The chart's accessible name. */
  label: string;
  /** A flag's instant to centre the view on and label (one picked in the table); null shows everything. */
  focus: number | null;
}

interface Drawn {
  chart: IChartApi;
  line: ISeriesApi<'Line'>;
  /** Bars over the hours of stale runs and gaps, on their own hidden scale: a shaded band behind the line. */
  shade: ISeriesApi<'Histogram'>;
  lineMarkers: ISeriesMarkersPluginApi<Time>;
  shadeMarkers: ISeriesMarkersPluginApi<Time>;
}

const HOUR_MS = 3_600_000;
const FOCUS_MS = 2 * 86_400_000;
const PRICE_FORMAT = { type: 'price', precision: 2, minMove: 0.01 } as const;
const toSeconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

/** A spike's or a drop's arrow; labelled only when focused, as neighbouring labels would overlap (the table has them all). */
function lineMarker(flag: PriceFlag, focused: boolean): SeriesMarker<Time> {
  const spike = flag.kind === 'spike';
  return { time: toSeconds(flag.time), position: spike ? 'aboveBar' : 'belowBar', shape: spike ? 'arrowDown' : 'arrowUp', color: themeColour('--bad'), text: focused ? flag.text : '' };
}

const shadeColour = (kind: PriceFlag['kind']): string => `${themeColour(kind === 'gap' ? '--idle' : '--warn')}40`;

/**
 * Hourly prices as a line (lightweight-charts) with the anomaly detector's findings on it:
 * spikes and drops as arrows at their hour, stale runs and gaps as shaded bands with a label.
 */
export function MarkedPriceCanvas({ data, flags, timeZone, label, focus }: MarkedPriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, baseChartOptions());
    // A quarter of hours is 2,000+ bars: the default half-pixel minimum would cut the period's start off.
    chart.timeScale().applyOptions({ minBarSpacing: 0.05 });
    const shade = chart.addSeries(HistogramSeries, { priceScaleId: 'shade', lastValueVisible: false, priceLineVisible: false });
    // The bands stop short of the top, where their labels go.
    chart.priceScale('shade').applyOptions({ visible: false, scaleMargins: { top: 0.14, bottom: 0 } });
    const line = chart.addSeries(LineSeries, { color: themeColour('--accent'), lineWidth: 2, priceFormat: PRICE_FORMAT });
    drawn.current = { chart, line, shade, lineMarkers: createSeriesMarkers(line, []), shadeMarkers: createSeriesMarkers(shade, []) };
    return () => {
      drawn.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    drawn.current?.chart.applyOptions(zoneTimeOptions(timeZone, false));
  }, [timeZone]);

  useEffect(() => {
    const target = drawn.current;
    const element = container.current;
    if (!target || !element) return;
    target.line.setData(data.map((point) => ({ time: toSeconds(point.time), value: point.value })));
    target.chart.timeScale().fitContent();
    element.dataset.points = String(data.length);
  }, [data]);

  useEffect(() => {
    const target = drawn.current;
    const element = container.current;
    if (!target || !element) return;
    const bands = flags.filter((flag) => flag.kind === 'stale' || flag.kind === 'gap');
    const shaded = bands.flatMap((flag) => Array.from({ length: flag.hours }, (_, hour) => ({ time: flag.time + hour * HOUR_MS, color: shadeColour(flag.kind) })));
    // One bar per hour, in time order (the chart refuses anything else); a gap's hours have no price to draw a marker on.
    const byTime = new Map(shaded.map((bar) => [bar.time, bar]));
    target.shade.setData([...byTime.values()].sort((a, b) => a.time - b.time).map((bar) => ({ time: toSeconds(bar.time), value: 1, color: bar.color })));
    target.lineMarkers.setMarkers(flags.filter((flag) => flag.kind === 'spike' || flag.kind === 'drop').map((flag) => lineMarker(flag, flag.time === focus)));
    // A band's label over its middle hour, clear of the chart's edge when the band starts the period.
    target.shadeMarkers.setMarkers(bands.map((flag) => ({ time: toSeconds(flag.time + Math.floor(flag.hours / 2) * HOUR_MS), position: 'inBar', shape: 'square', color: themeColour(flag.kind === 'gap' ? '--idle' : '--warn'), text: flag.text })));
    // Without a focus, the whole period: the shaded hours of a gap may reach past the prices.
    if (focus === null) target.chart.timeScale().fitContent();
    element.dataset.flags = String(flags.length);
  }, [flags, focus]);

  useEffect(() => {
    const target = drawn.current;
    if (!target || focus === null || data.length === 0) return;
    target.chart.timeScale().setVisibleRange({ from: toSeconds(focus - FOCUS_MS), to: toSeconds(focus + FOCUS_MS) });
  }, [focus, data]);

  return <div ref={container} className="price-chart" role="img" aria-label={label} />;
}
