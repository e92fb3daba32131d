import { createChart, HistogramSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { baseChartOptions, themeColour } from './chart-options.js';

/** One delivery day's energy: offered (bid) and, once results are known, cleared; MWh. */
export interface EnergyDay {
  /** YYYY-MM-DD, drawn as the calendar day (no clock, so no time zone to get wrong). */
  day: string;
  bid: number;
  cleared: number | null;
}

export interface EnergyChartProps {
  days: readonly EnergyDay[];
  /** The chart's accessible name. */
  label: string;
}

interface Drawn {
  chart: IChartApi;
  bid: ISeriesApi<'Histogram'>;
  cleared: ISeriesApi<'Histogram'>;
}

const ENERGY_FORMAT = { type: 'price', precision: 3, minMove: 0.001 } as const;

/**
 * Bars of energy bid and cleared per day, the cleared bar drawn over its day's bid bar: what
 * cleared reads as the filled share of what was offered. A day without results has no cleared bar.
 */
export function EnergyCanvas({ days, label }: EnergyChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, { ...baseChartOptions(), timeScale: { ...baseChartOptions().timeScale, timeVisible: false } });
    const bid = chart.addSeries(HistogramSeries, { color: themeColour('--idle'), priceFormat: ENERGY_FORMAT, priceLineVisible: false, lastValueVisible: false });
    const cleared = chart.addSeries(HistogramSeries, { color: themeColour('--accent'), priceFormat: ENERGY_FORMAT, priceLineVisible: false, lastValueVisible: false });
    drawn.current = { chart, bid, cleared };
    return () => {
      drawn.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const target = drawn.current;
    if (!target) return;
    // A day without bids is a gap on the axis rather than a zero-height bar.
    target.bid.setData(days.map(({ day, bid }) => (bid === 0 ? { time: day } : { time: day, value: bid })));
    target.cleared.setData(days.flatMap(({ day, cleared }) => (cleared === null ? [] : [{ time: day, value: cleared }])));
    target.chart.timeScale().fitContent();
    if (container.current) container.current.dataset.bars = String(days.length);
  }, [days]);

  return <div ref={container} className="price-chart" role="img" aria-label={label} />;
}
