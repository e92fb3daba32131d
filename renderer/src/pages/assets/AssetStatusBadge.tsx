import type { AssetStatus } from '../../../../shared/api/assets.js';
import { STATUS_LABELS } from './asset-draft.js';

export function AssetStatusBadge({ status }: { status: AssetStatus }) {
  return <span className={`badge badge--asset-${status}`}>{STATUS_LABELS[status]}</span>;
}
