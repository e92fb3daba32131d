import type { ModelStatus } from '../../../../shared/api/ml.js';

const LABELS: Record<ModelStatus, string> = { queued: 'Queued', training: 'Training', ready: 'Ready', failed: 'Failed', cancelled: 'Cancelled' };

/** A model's or a training job's state, coloured as the other badges are: ready ok, running amber, failed red, cancelled grey. */
export function ModelStatusBadge({ status }: { status: ModelStatus }) {
  return <span className={`badge model-status model-status--${status}`}>{LABELS[status]}</span>;
}
