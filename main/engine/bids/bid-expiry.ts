import type { Logger } from 'pino';
import { recordAudit } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { Store } from '../db/store.js';
import type { EventHub } from '../stream/event-hub.js';
import { auditSummary, bidUpdateOf } from './bid-writes.js';

export const DEFAULT_EXPIRY_INTERVAL_MS = 5_000;
const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

/**
 * Drafts whose gate has closed become 'expired': every few seconds for all organisations, and
 * on demand for one before its bids are read or changed, so a stale draft never shows as
 * editable. Each expiry is a conditional write on the version the sweep saw, so the timer and a
 * read expiring the same draft at once expire it once.
 */
export class BidExpiry {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Whether the database answers now: while it does not, sweeps wait (and do not log a failure every few seconds). */
    private readonly reachable: () => boolean = () => true,
    private readonly intervalMs = DEFAULT_EXPIRY_INTERVAL_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (!this.reachable()) return;
      // One sweep at a time: a slow database never piles them up.
      this.sweeping = this.sweeping.then(() =>
        this.expireDue(null).catch((error: unknown) => {
          this.logger.warn({ err: error }, 'Expiring drafts past their gate failed; the next sweep retries');
        }),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /** Expires the drafts whose gate has closed (one organisation's, or every one's); resolves with how many. */
  async expireDue(organizationId: string | null): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const due of await this.store.bids.dueDrafts(now, organizationId)) {
      const reason = `Gate closed at ${due.gateClosureAt.toISOString()} before it was submitted`;
      const record = await this.store.transaction(async (r) => {
        if (!(await r.bids.markExpired(due.id, due.version, reason, now))) return null;
        const after = await r.bids.get(due.organizationId, due.id);
        if (!after) return null;
        await recordAudit(r, this.clock, { actorId: null, organizationId: due.organizationId, action: 'bid.expire', resourceType: 'bid', resourceId: due.id, after: { ...auditSummary(after), reason } }, NO_REQUEST);
        return after;
      });
      if (!record) continue;
      expired += 1;
      this.events.publish('bid-update', bidUpdateOf(record, 'status', now), { kind: 'organization', organizationId: record.organizationId });
    }
    return expired;
  }
}
