import { useNow } from '../components/use-now.js';
import { formatUtcTime } from '../format.js';

/** The time in UTC, ticking: gate closures and delivery periods are read against it. */
export function UtcClock() {
  const now = useNow(1000);
  return <span className="status-bar__detail num">{formatUtcTime(now)}</span>;
}
