import { formatDeliveryDay } from '../../format.js';
import type { AnalyticsPeriod } from './analytics-period.js';

/** What a trader can do when a zone has no day-ahead prices in the period: the CLI's import, or wait for the auction. */
export function NoHistory({ period }: { period: AnalyticsPeriod }) {
  return (
    <p className="panel__empty">
      No day-ahead prices for {period.zoneId} from {formatDeliveryDay(period.firstDay)} to {formatDeliveryDay(period.lastDay)}. Import a price file with{' '}
      <code>optibid import prices FILE --zone {period.zoneId}</code>, or wait for the day-ahead results to be published.
    </p>
  );
}
