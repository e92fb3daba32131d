import type { Logger } from 'pino';
import type { DayAheadResultEvent } from '../../../shared/api/market-data.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { mtuMinutesOn } from '../../../shared/market/market-time-unit.js';
import { clearBidAsPriceTaker } from '../../../shared/bids/clear-bid.js';
import { fractionToBp, mwToKw, priceToMinor } from '../../../shared/units.js';
import { recordAudit } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { BidDecision, BidRecord } from '../db/repositories/bid-repository.js';
import type { Store } from '../db/store.js';
import type { EventHub } from '../stream/event-hub.js';
import type { OfflineBids } from '../sync/offline-bids.js';
import { draftOf } from './bid-mapping.js';
import { auditSummary, bidUpdateOf } from './bid-writes.js';

const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

/** What settlement needs to know of a shared database that can go away. */
export interface SharedDatabaseReach {
  /** Whether an error says the database could not be reached (rather than that something is wrong). */
  unreachable(error: unknown): boolean;
  /** Calls `listener` each time the database is back; returns the unsubscribe. */
  onReturn(listener: () => void): () => void;
}

/** A price-taker outcome in storage units. */
function decisionOf(record: BidRecord, prices: ReadonlyMap<number, number>): BidDecision | null {
  const outcome = clearBidAsPriceTaker(draftOf(record), record.curveKind, prices);
  if (!outcome) return null;
  return {
    status: outcome.status,
    reason: outcome.reason,
    results: outcome.results.map((r) => ({ period: r.period, clearedVolumeKw: mwToKw(r.clearedVolume), clearingPriceMinor: priceToMinor(r.clearingPrice) })),
    acceptedBlockRatiosBp: Object.fromEntries(Object.entries(outcome.acceptedBlockRatios).map(([id, ratio]) => [id, fractionToBp(ratio)])),
  };
}

/**
 * Decides submitted day-ahead bids when their zone's results are published: against the
 * clearing prices as a price-taker (shared/bids/clear-bid.ts; the reason names that basis), once
 * per bid — the write is conditional on the bid still being that submitted version, so several
 * terminals hearing the same results decide it once. Each decision is audited and announced to
 * the bid's organisation. Results heard while the shared database is out of reach are kept, and
 * decide their bids when it returns (or when the next results arrive): a day's results are
 * published once, and a bid must not stay submitted for want of a second publication.
 */
export class BidSettlement {
  private stops: (() => void)[] = [];
  private settling: Promise<unknown> = Promise.resolve();
  /** Results that could not be applied for want of the shared database, by zone and day (the latest heard). */
  private readonly kept = new Map<string, DayAheadResultEvent>();

  constructor(
    private readonly zones: ReadonlyMap<string, MarketZone>,
    private readonly store: Store,
    private readonly offline: OfflineBids | null,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** With a shared database: how to tell it is out of reach, and to hear it return. */
    private readonly reach: SharedDatabaseReach | null = null,
  ) {}

  start(): void {
    this.stops.push(
      this.events.observe('day-ahead-result', (result) => {
        this.later(result);
        this.retryKept();
      }),
    );
    if (this.reach) this.stops.push(this.reach.onReturn(() => this.retryKept()));
  }

  async close(): Promise<void> {
    for (const stop of this.stops) stop();
    this.stops = [];
    await this.settling;
  }

  /** Settles `result` after the settlements under way; keeps it when the shared database cannot be reached. */
  private later(result: DayAheadResultEvent): void {
    const key = `${result.zoneId} ${result.deliveryDay}`;
    this.settling = this.settling.then(async () => {
      try {
        await this.settle(result);
        if (this.kept.get(key) === result) this.kept.delete(key);
      } catch (error) {
        if (this.reach?.unreachable(error)) {
          this.kept.set(key, result);
          this.logger.info({ zoneId: result.zoneId, deliveryDay: result.deliveryDay }, 'Results heard while the shared database is out of reach: their bids are decided when it returns');
        } else {
          this.logger.warn({ err: error, zoneId: result.zoneId, deliveryDay: result.deliveryDay }, 'Bids could not be decided on the published results; they stay submitted');
        }
      }
    });
  }

  private retryKept(): void {
    for (const result of this.kept.values()) this.later(result);
  }

  /** Decides the zone's submitted bids of that delivery day; resolves with how many were decided. */
  async settle(result: DayAheadResultEvent): Promise<number> {
    const zone = this.zones.get(result.zoneId);
    // Period n of the results is period n of the bids only in the zone's own market time unit.
    if (!zone || result.resolutionMinutes !== mtuMinutesOn(zone.mtu, result.deliveryDay)) return 0;
    const prices = new Map(result.periods.map((period, index) => [index + 1, period.price]));
    let decided = 0;
    for (const { id, organizationId } of await this.store.bids.submittedDayAhead(result.zoneId, result.deliveryDay)) {
      const now = this.clock.now();
      const after = await this.store.transaction(async (r) => {
        const before = await r.bids.get(organizationId, id);
        const decision = before && decisionOf(before, prices);
        if (!before || !decision || !(await r.bids.markDecided(id, before.version, decision, now))) return null;
        const record = await r.bids.get(organizationId, id);
        if (record) {
          await recordAudit(r, this.clock, { actorId: null, organizationId, action: 'bid.decide', resourceType: 'bid', resourceId: id, before: auditSummary(before), after: { ...auditSummary(record), reason: decision.reason } }, NO_REQUEST);
        }
        return record;
      });
      if (!after) continue;
      decided += 1;
      this.events.publish('bid-update', bidUpdateOf(after, 'status', now), { kind: 'organization', organizationId });
      await this.offline?.keep(after);
    }
    return decided;
  }
}
