import type { ServiceHealth } from '../../../shared/api/health.js';
import { formatLatency, formatUtcTime, NO_VALUE } from '../format.js';
import { SERVICE_LABELS } from '../service-labels.js';
import { StatusBadge } from './StatusBadge.js';

function LastError({ service }: { service: ServiceHealth }) {
  const { lastError } = service;
  if (lastError === null) return <span className="muted">{NO_VALUE}</span>;
  // The engine keeps the last error after a recovery; it is history then, not a problem now.
  const past = service.status === 'ok';
  return (
    <span className={past ? 'last-error last-error--past' : 'last-error'} title={lastError.message}>
      <span className="last-error__type">{lastError.type}</span> {lastError.message} <span className="muted">at {formatUtcTime(lastError.at)}</span>
    </span>
  );
}

function ServiceRow({ service }: { service: ServiceHealth }) {
  const features = service.featuresAffected.join('; ');
  return (
    <tr>
      <th scope="row" title={service.name}>
        {SERVICE_LABELS[service.name]}
      </th>
      <td>
        <StatusBadge status={service.status} />
      </td>
      <td>{service.required ? 'yes' : 'no'}</td>
      <td className="num">{formatLatency(service.latencyMs)}</td>
      <td className="num">{formatUtcTime(service.checkedAt)}</td>
      <td className="cell-wrap">
        <LastError service={service} />
      </td>
      <td className={`cell-wrap features features--${service.status}`}>{features === '' ? NO_VALUE : features}</td>
      <td className="mono cell-clip" title={service.target ?? undefined}>
        {service.target ?? NO_VALUE}
      </td>
    </tr>
  );
}

export function ServicesTable({ services, labelledBy }: { services: ServiceHealth[]; labelledBy: string }) {
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Status</th>
          <th scope="col">Required</th>
          <th scope="col" className="num">
            Latency
          </th>
          <th scope="col" className="num">
            Checked
          </th>
          <th scope="col">Last error</th>
          <th scope="col">Features affected</th>
          <th scope="col">Target</th>
        </tr>
      </thead>
      <tbody>
        {services.map((service) => (
          <ServiceRow key={service.name} service={service} />
        ))}
      </tbody>
    </table>
  );
}
