import { formatUtcTime } from '../format.js';
import { useStatusStore, type StatusSource } from '../state/status-store.js';
import { POLL_INTERVAL_MS } from '../state/use-status-polling.js';

const SOURCE_LABELS: Record<StatusSource, string> = {
  health: 'Health',
  meta: 'Name and version',
  zones: 'Market zones',
};

export function ErrorBanner() {
  const errors = useStatusStore((state) => state.errors);
  const healthReceivedAt = useStatusStore((state) => state.healthReceivedAt);
  const failures = (Object.keys(SOURCE_LABELS) as StatusSource[]).flatMap((source) => {
    const message = errors[source];
    return message === null ? [] : [{ source, message }];
  });
  if (failures.length === 0) return null;

  return (
    <div className="error-banner" role="alert">
      {failures.map(({ source, message }) => (
        <p key={source}>
          <strong>{SOURCE_LABELS[source]}:</strong> {message}
          {source === 'health' && healthReceivedAt !== null && (
            <span className="error-banner__note"> — showing the last report, received {formatUtcTime(healthReceivedAt)}; retrying every {POLL_INTERVAL_MS / 1000} s</span>
          )}
        </p>
      ))}
    </div>
  );
}
