import { PriceGridLines } from './PriceGridLines.js';
import { linearScale, niceAxis } from './svg-scale.js';

const WIDTH = 360;
const HEIGHT = 150;
const MARGIN = { top: 8, right: 8, bottom: 20, left: 52 };
const SHARES = [0, 0.25, 0.5, 0.75, 1];

export interface DurationPoint {
  /** This many hours were priced at `price` or more. */
  hours: number;
  price: number;
}

/**
 * The price duration curve: hours sorted from the dearest to the cheapest, the x axis as the
 * share of the period's priced hours. Plain SVG: a few hundred points, no interaction needed.
 */
export function DurationCurve({ points, totalHours, label }: { points: readonly DurationPoint[]; totalHours: number; label: string }) {
  if (points.length < 2 || totalHours === 0) return null;
  const prices = points.map((point) => point.price);
  const axis = niceAxis(Math.min(...prices), Math.max(...prices), 4);
  const x = linearScale(0, totalHours, MARGIN.left, WIDTH - MARGIN.right);
  const y = linearScale(axis.min, axis.max, HEIGHT - MARGIN.bottom, MARGIN.top);
  const line = points.map((point) => `${x(point.hours).toFixed(1)},${y(point.price).toFixed(1)}`).join(' ');
  return (
    <svg className="duration-curve" viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} role="img" aria-label={label}>
      <PriceGridLines ticks={axis.ticks} y={y} left={MARGIN.left} right={WIDTH - MARGIN.right} />
      {SHARES.map((share) => (
        <text key={share} className="svg-chart__tick" x={x(share * totalHours)} y={HEIGHT - 6} textAnchor={share === 0 ? 'start' : share === 1 ? 'end' : 'middle'}>
          {`${String(share * 100)} %`}
        </text>
      ))}
      <polyline className="duration-curve__line" points={line} />
    </svg>
  );
}
