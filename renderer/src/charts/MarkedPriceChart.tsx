import { lazy, Suspense } from 'react';
import type { MarkedPriceChartProps } from './MarkedPriceCanvas.js';

const MarkedPriceCanvas = lazy(() => import('./MarkedPriceCanvas.js').then((module) => ({ default: module.MarkedPriceCanvas })));

/** The price line with flagged hours, its library loaded on first use as PriceChart's is. */
export function MarkedPriceChart(props: MarkedPriceChartProps) {
  return (
    <Suspense fallback={<div className="price-chart" role="img" aria-label={props.label} aria-busy="true" />}>
      <MarkedPriceCanvas {...props} />
    </Suspense>
  );
}
