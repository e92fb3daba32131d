import { useEffect, useRef, useState } from 'react';
import type { CurvePoint } from '../../../../shared/api/bids.js';
import type { PriceLimits } from '../../../../shared/api/zones.js';
import { formatAmount } from '../../../../shared/bids/bid-issues.js';
import { curveOutline, type Vertex } from './curve-outline.js';

const HEIGHT = 250;
const PLOT = { left: 56, right: 12, top: 24, bottom: 34 };

/** Round steps for axis labels: 1, 2 or 5 times a power of ten, about `count` of them over the span. */
function ticks(min: number, max: number, count: number): number[] {
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const first = Math.ceil(min / step) * step;
  return Array.from({ length: Math.floor((max - first) / step) + 1 }, (_, k) => Number((first + k * step).toPrecision(12)));
}

function padded(values: readonly number[], share: number, least: number): [number, number] {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const pad = Math.max((high - low) * share, least);
  return [low - pad, high + pad];
}

interface CurveChartProps {
  points: readonly CurvePoint[];
  kind: 'step' | 'linear';
  limits: PriceLimits | null;
  recentPrice: number | null;
  currency: string;
  label: string;
}

/**
 * A period's curve as the trader types it: volume (MW, + buy / − sell) over price. The price
 * axis spans the prices the trader chose and the market price; end points at the floor and the
 * cap (a full-range curve needs them) run off the edge, labelled, so the chosen part stays
 * readable instead of being squeezed into a sliver of the -500…4,000 range. Drawn as SVG: the
 * price axis must be to scale, which lightweight-charts' evenly spaced horizontal axis is not.
 */
export function CurveChart(props: CurveChartProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // Drawn at the frame's own width: a scaled viewBox would scale the labels with it.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} className="curve-chart-frame">
      {width > 0 && <CurveSvg {...props} width={width} />}
    </div>
  );
}

function CurveSvg({ points, kind, limits, recentPrice, currency, label, width: WIDTH }: CurveChartProps & { width: number }) {
  const outline = curveOutline(points, kind);
  if (!outline) {
    return (
      <div className="curve-chart curve-chart--empty" role="img" aria-label={label} data-vertices="0">
        <p className="muted">{points.length === 0 ? 'Enter prices and volumes: the curve draws as you type.' : 'The curve draws once every cell is a number and the prices rise.'}</p>
      </div>
    );
  }
  // End points at the floor or the cap are the exchange's requirement, not the trader's choice (as for the fat-finger guard).
  const [firstPrice, lastPrice] = [points[0]?.price, points[points.length - 1]?.price];
  const isEnd = (vertex: Vertex): boolean => (vertex.price === firstPrice && firstPrice === limits?.floor) || (vertex.price === lastPrice && lastPrice === limits?.cap);
  const chosen = outline.filter((vertex) => !isEnd(vertex)).map((vertex) => vertex.price);
  const [xMin, xMax] = padded([...(chosen.length > 0 ? chosen : outline.map((vertex) => vertex.price)), ...(recentPrice === null ? [] : [recentPrice])], 0.08, 5);
  const [yMin, yMax] = padded([0, ...outline.map((vertex) => vertex.volume)], 0.1, 1);
  const x = (price: number): number => PLOT.left + ((Math.min(Math.max(price, xMin), xMax) - xMin) / (xMax - xMin)) * (WIDTH - PLOT.left - PLOT.right);
  const y = (volume: number): number => PLOT.top + ((yMax - volume) / (yMax - yMin)) * (HEIGHT - PLOT.top - PLOT.bottom);
  // The curve goes on at its end volumes beyond its first and last price (as the clearing reads it).
  const [first, last] = [outline[0], outline[outline.length - 1]];
  const line = [...(first ? [{ price: xMin, volume: first.volume }] : []), ...outline, ...(last ? [{ price: xMax, volume: last.volume }] : [])];
  const path = line.map((vertex, index) => `${index === 0 ? 'M' : 'L'}${x(vertex.price).toFixed(1)},${y(vertex.volume).toFixed(1)}`).join(' ');
  const offScale = [first && first.price < xMin ? `← ${formatAmount(first.price)}` : null, last && last.price > xMax ? `${formatAmount(last.price)} →` : null];

  return (
    <svg className="curve-chart" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} role="img" aria-label={label} data-vertices={outline.length}>
      {ticks(yMin, yMax, 5).map((volume) => (
        <g key={`y${String(volume)}`}>
          <line className={volume === 0 ? 'curve-chart__zero' : 'curve-chart__grid'} x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(volume)} y2={y(volume)} />
          <text className="curve-chart__tick" x={PLOT.left - 6} y={y(volume) + 4} textAnchor="end">
            {formatAmount(volume)}
          </text>
        </g>
      ))}
      {ticks(xMin, xMax, Math.max(2, Math.floor(WIDTH / 90))).map((price) => (
        <text key={`x${String(price)}`} className="curve-chart__tick" x={x(price)} y={HEIGHT - PLOT.bottom + 14} textAnchor="middle">
          {formatAmount(price)}
        </text>
      ))}
      <text className="curve-chart__axis" x={WIDTH - PLOT.right} y={HEIGHT - 4} textAnchor="end">
        Price ({currency}/MWh)
      </text>
      <text className="curve-chart__axis" x={4} y={14}>
        MW (+ buy / − sell)
      </text>
      {recentPrice !== null && (
        <g>
          <line className="curve-chart__market" x1={x(recentPrice)} x2={x(recentPrice)} y1={PLOT.top} y2={HEIGHT - PLOT.bottom} />
          <text className="curve-chart__market-label" x={x(recentPrice) + 4} y={HEIGHT - PLOT.bottom - 6}>
            market {formatAmount(recentPrice)}
          </text>
        </g>
      )}
      <path className="curve-chart__line" d={path} />
      {points.map((point, index) => (
        <circle key={String(index)} className="curve-chart__point" cx={x(point.price)} cy={y(point.volume)} r={3} />
      ))}
      {offScale[0] && (
        <text className="curve-chart__tick" x={PLOT.left + 4} y={y(first?.volume ?? 0) + 14}>
          {offScale[0]}
        </text>
      )}
      {offScale[1] && (
        <text className="curve-chart__tick" x={WIDTH - PLOT.right - 4} y={y(last?.volume ?? 0) + 14} textAnchor="end">
          {offScale[1]}
        </text>
      )}
    </svg>
  );
}
