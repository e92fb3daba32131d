import { lazy, Suspense } from 'react';
import type { EnergyChartProps } from './EnergyCanvas.js';

const EnergyCanvas = lazy(() => import('./EnergyCanvas.js').then((module) => ({ default: module.EnergyCanvas })));

/** Energy bid and cleared per day, the chart library loaded on first use like the price chart. */
export function EnergyChart(props: EnergyChartProps) {
  return (
    <Suspense fallback={<div className="price-chart" role="img" aria-label={props.label} aria-busy="true" />}>
      <EnergyCanvas {...props} />
    </Suspense>
  );
}
