import { PriceGridLines } from './PriceGridLines.js';
import { formatPriceAmount } from '../format.js';
import { linearScale, niceAxis } from './svg-scale.js';

/** One delivery period of a forecast: its quantile bands, the point forecast, and the price it cleared at, once known. */
export interface FanPeriod {
  /** The period's start on the zone's clock, e.g. "14:00". */
  label: string;
  point: number;
  /** The outer band (5 % to 95 %) and the inner one (25 % to 75 %). */
  outer: [number, number];
  inner: [number, number];
  actual: number | null;
}

const WIDTH = 760;
const HEIGHT = 250;
const MARGIN = { top: 10, right: 10, bottom: 22, left: 56 };

const polyline = (points: readonly (readonly [number, number])[]): string => points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

/** Runs of consecutive periods that have an actual price: the line breaks where one is missing. */
function actualRuns(periods: readonly FanPeriod[]): { index: number; actual: number }[][] {
  const runs: { index: number; actual: number }[][] = [];
  let run: { index: number; actual: number }[] = [];
  periods.forEach((period, index) => {
    if (period.actual === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ index, actual: period.actual });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * A day's forecast as a fan: the 5–95 % band, the 25–75 % band inside it, the point forecast,
 * and the actual prices where they exist. Hand-drawn SVG rather than lightweight-charts: it has
 * no band series (stacked areas that paint the background below the lower quantile break when
 * prices turn negative and hide the grid), and 24 points need no zooming or streaming.
 */
export function FanChart({ periods, label }: { periods: readonly FanPeriod[]; label: string }) {
  if (periods.length === 0) return null;
  const values = periods.flatMap((period) => [period.outer[0], period.outer[1], period.point, ...(period.actual === null ? [] : [period.actual])]);
  const axis = niceAxis(Math.min(...values), Math.max(...values), 5);
  const step = (WIDTH - MARGIN.left - MARGIN.right) / periods.length;
  const x = (index: number): number => MARGIN.left + (index + 0.5) * step;
  const y = linearScale(axis.min, axis.max, HEIGHT - MARGIN.bottom, MARGIN.top);
  const band = (pick: (period: FanPeriod) => [number, number]): string =>
    polyline([...periods.map((period, i) => [x(i), y(pick(period)[1])] as const), ...periods.map((period, i) => [x(i), y(pick(period)[0])] as const).reverse()]);
  const labelEvery = periods.length > 12 ? 3 : 1;

  return (
    <svg className="fan-chart" viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} role="img" aria-label={label}>
      <PriceGridLines ticks={axis.ticks} y={y} left={MARGIN.left} right={WIDTH - MARGIN.right} />
      {periods.map((period, i) =>
        i % labelEvery === 0 ? (
          <text key={period.label + String(i)} className="svg-chart__tick" x={x(i)} y={HEIGHT - 6} textAnchor="middle">
            {period.label}
          </text>
        ) : null,
      )}
      <polygon className="fan-chart__outer" points={band((period) => period.outer)} />
      <polygon className="fan-chart__inner" points={band((period) => period.inner)} />
      <polyline className="fan-chart__point" points={polyline(periods.map((period, i) => [x(i), y(period.point)] as const))} />
      {actualRuns(periods).map((run) => (
        <polyline key={run[0]?.index} className="fan-chart__actual" points={polyline(run.map(({ index, actual }) => [x(index), y(actual)] as const))} />
      ))}
      {periods.map((period, i) =>
        period.actual === null ? null : <circle key={period.label + String(i)} className="fan-chart__actual-dot" cx={x(i)} cy={y(period.actual)} r={2.5} />,
      )}
      {periods.map((period, i) => (
        <rect key={`hover ${period.label} ${String(i)}`} className="fan-chart__hover" x={x(i) - step / 2} y={MARGIN.top} width={step} height={HEIGHT - MARGIN.top - MARGIN.bottom}>
          <title>
            {`${period.label} · forecast ${formatPriceAmount(period.point)} · 25–75 %: ${formatPriceAmount(period.inner[0])} to ${formatPriceAmount(period.inner[1])} · 5–95 %: ${formatPriceAmount(period.outer[0])} to ${formatPriceAmount(period.outer[1])}${period.actual === null ? '' : ` · actual ${formatPriceAmount(period.actual)}`}`}
          </title>
        </rect>
      ))}
    </svg>
  );
}
