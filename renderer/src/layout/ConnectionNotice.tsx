import { useEffect, useState } from 'react';
import { useLiveStatus } from '../state/live-status.js';
import { transport } from '../transport/index.js';

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Tells the trader the live link to the engine is down: while it retries, and with a Retry button once it gave up. */
export function ConnectionNotice() {
  const connection = useLiveStatus((state) => state.connection);
  const seconds = useSecondsUntil(connection.state === 'reconnecting' ? connection.retryAt : null);
  if (connection.state === 'failed') {
    return (
      <div className="notice notice--error" role="alert" data-testid="connection-lost">
        <strong>Connection to the engine lost.</strong>
        <span>
          {connection.attempts} attempts to reconnect failed; prices and statuses on screen are no longer live. Is the terminal’s engine still running?
        </span>
        <button type="button" className="button button--primary" onClick={() => transport.retry()}>
          Retry
        </button>
      </div>
    );
  }
  if (connection.state === 'reconnecting') {
    return (
      <div className="notice notice--warning" role="status" data-testid="connection-retrying">
        <strong>Connection to the engine interrupted.</strong>
        <span>
          Reconnecting, attempt {connection.attempt} of {connection.maxAttempts}
          {seconds !== null && seconds > 0 ? ` in ${seconds} s` : ''}…
        </span>
      </div>
    );
  }
  return null;
}
