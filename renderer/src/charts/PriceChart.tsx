import { lazy, Suspense } from 'react';
import type { PriceChartProps } from './ChartCanvas.js';

const ChartCanvas = lazy(() => import('./ChartCanvas.js').then((module) => ({ default: module.ChartCanvas })));

/** The price chart, its library loaded on first use: the signed-in frame does not wait for it. */
export function PriceChart(props: PriceChartProps) {
  return (
    <Suspense fallback={<div className="price-chart" role="img" aria-label={props.label} aria-busy="true" />}>
      <ChartCanvas {...props} />
    </Suspense>
  );
}
