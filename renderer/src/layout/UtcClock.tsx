import { useEffect, useState } from 'react';
import { formatUtcTime } from '../format.js';

/** The time in UTC, ticking: gate closures and delivery periods are read against it. */
export function UtcClock() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="status-bar__detail num">{formatUtcTime(now)}</span>;
}
