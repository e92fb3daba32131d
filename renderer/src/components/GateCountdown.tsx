import type { GateClosureRule } from '../../../shared/api/zones.js';
import { nextGateClosure } from '../../../shared/market/gate-closure.js';
import { formatDateTime, formatDeliveryDay, formatDuration } from '../format.js';

/** Time left to the next day-ahead gate closure of a zone, and the delivery day it closes. */
export function GateCountdown({ rule, now }: { rule: GateClosureRule; now: number }) {
  const closure = nextGateClosure(rule, now);
  return (
    <span title={`Gate closes ${formatDateTime(new Date(closure.at).toISOString())} (${rule.time} ${rule.timezone})`}>
      <span className="num">in {formatDuration((closure.at - now) / 1000)}</span> <span className="muted gate-countdown__day">for {formatDeliveryDay(closure.deliveryDay)}</span>
    </span>
  );
}
