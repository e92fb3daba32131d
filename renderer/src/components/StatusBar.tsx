import type { ServiceHealth } from '../../../shared/api/health.js';
import { formatDuration, formatUtcTime, NO_VALUE } from '../format.js';
import { useStatusStore } from '../state/status-store.js';

type DatabaseState = 'online' | 'offline' | 'unknown';

function databaseState(database: ServiceHealth | undefined, stale: boolean): DatabaseState {
  // A report the engine no longer confirms says nothing about the database now.
  if (!database || stale) return 'unknown';
  return database.status === 'ok' ? 'online' : 'offline';
}

export function StatusBar() {
  const health = useStatusStore((state) => state.health);
  const receivedAt = useStatusStore((state) => state.healthReceivedAt);
  const stale = useStatusStore((state) => state.errors.health !== null);
  const database = health?.services.find((service) => service.name === 'database');
  const dbState = databaseState(database, stale);
  const overall = stale ? 'unknown' : (health?.status ?? 'unknown');

  return (
    <dl className="status-bar">
      <div className="status-bar__item">
        <dt>Engine</dt>
        <dd className={`state state--${overall}`}>
          {stale ? 'not answering' : (health?.status ?? 'connecting')}
        </dd>
      </div>
      <div className="status-bar__item">
        <dt>Database</dt>
        <dd className={`state state--${dbState}`} data-testid="database-status" data-state={dbState}>
          <span>{dbState}</span>
          {database?.dialect && <span className="status-bar__detail">{database.dialect}</span>}
        </dd>
      </div>
      <div className="status-bar__item">
        <dt>Uptime</dt>
        <dd className="num">{health ? formatDuration(health.uptimeSeconds) : NO_VALUE}</dd>
      </div>
      <div className="status-bar__item">
        <dt>Updated</dt>
        <dd className={stale ? 'num state--stale' : 'num'}>{formatUtcTime(receivedAt)}</dd>
      </div>
    </dl>
  );
}
