import type { ServiceStatus } from '../../../shared/api/health.js';
import { STATUS_LABELS } from '../service-labels.js';

export function StatusBadge({ status }: { status: ServiceStatus }) {
  return <span className={`badge badge--${status}`}>{STATUS_LABELS[status]}</span>;
}
