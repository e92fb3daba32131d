import type { MarketAlert } from '../../../../shared/api/market-data.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../format.js';

/**
 * What the trader's rules fired last: kept as notifications, so also what fired while they were
 * away; with `error` (the notifications could not be read, as offline), the ones fired while the
 * page is open, under the reason.
 */
export function RecentAlerts({ alerts, error }: { alerts: readonly MarketAlert[] | null; error: string | null }) {
  return (
    <Panel headingId="recent-alerts-heading" title="Recent alerts" aside="fired by your rules, newest first">
      {error && <p className="panel__body form-error">{error}</p>}
      {alerts && alerts.length === 0 && !error && <p className="panel__body muted">None yet. When a rule fires, its alert shows here and as a toast.</p>}
      {alerts && alerts.length > 0 && (
        <table className="grid" aria-labelledby="recent-alerts-heading">
          <thead>
            <tr>
              <th scope="col" className="num">
                Fired
              </th>
              <th scope="col">Alert</th>
              <th scope="col">Severity</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <tr key={alert.id}>
                <td className="num">{formatDateTime(alert.at)}</td>
                <th scope="row">
                  {alert.title}
                  <span className="row-detail">{alert.message}</span>
                </th>
                <td className={`severity severity--${alert.severity}`}>{alert.severity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
