import { ComingLater } from '../components/ComingLater.js';
import { LatestPrices } from './market/LatestPrices.js';

/** Live prices of every zone today; the chart, KPIs and alerts come with the rest of the market-data issue. */
export function Dashboard() {
  return (
    <div className="page-grid">
      <LatestPrices />
      <ComingLater />
    </div>
  );
}
