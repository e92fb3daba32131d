import { Panel } from '../../components/Panel.js';
import { formatUtcTime, NO_VALUE } from '../../format.js';
import { useRecentAlerts } from '../../state/recent-alerts.js';

/** Market alerts seen since signing in on this window, newest first. */
export function RecentAlerts() {
  const alerts = useRecentAlerts((state) => state.alerts);
  return (
    <Panel headingId="recent-alerts-heading" title="Recent alerts" aside={alerts.length > 0 ? `${String(alerts.length)} this session` : undefined}>
      {alerts.length === 0 ? (
        <p className="panel__empty">No market alerts since you signed in.</p>
      ) : (
        <ul className="alert-list" aria-labelledby="recent-alerts-heading">
          {alerts.map((alert) => (
            <li key={alert.id} className={`alert-list__item alert-list__item--${alert.severity}`}>
              <span className="alert-list__meta">
                <span className="num muted">{formatUtcTime(alert.at)}</span> <span className="alert-list__severity">{alert.severity}</span> <span className="mono">{alert.zoneId ?? NO_VALUE}</span>
              </span>
              <strong>{alert.title}</strong>
              {alert.message && <span className="muted">{alert.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
