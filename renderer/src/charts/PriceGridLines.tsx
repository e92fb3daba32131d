import { formatPriceAmount } from '../format.js';

interface PriceGridLinesProps {
  ticks: readonly number[];
  /** The price's vertical position. */
  y: (price: number) => number;
  /** Where the plot starts and ends horizontally; the labels sit left of `left`. */
  left: number;
  right: number;
}

/** The horizontal grid of an SVG price chart: a line and a price label per tick, the zero line marked. */
export function PriceGridLines({ ticks, y, left, right }: PriceGridLinesProps) {
  return ticks.map((tick) => (
    <g key={tick}>
      <line className={tick === 0 ? 'svg-chart__zero' : 'svg-chart__grid'} x1={left} x2={right} y1={y(tick)} y2={y(tick)} />
      <text className="svg-chart__tick" x={left - 4} y={y(tick) + 3} textAnchor="end">
        {formatPriceAmount(tick)}
      </text>
    </g>
  ));
}
