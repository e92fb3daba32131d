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
 * the bid's organisation. Results heard while the shared database is out of reach leave the bids
 * submitted (logged); the next publication for that day decides them.
 */
export class BidSettlement {
  private stop: (() => void) | null = null;
  private settling: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly zones: ReadonlyMap<string, MarketZone>,
    private readonly store: Store,
    private readonly offline: OfflineBids | null,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stop = this.events.observe('day-ahead-result', (result) => {
      this.settling = this.settling.then(() =>
        this.settle(result).catch((error: unknown) => {
          this.logger.warn({ err: error, zoneId: result.zoneId, deliveryDay: result.deliveryDay }, 'Bids could not be decided on the published results; they stay submitted');
        }),
      );
    });
  }

  async close(): Promise<void> {
    this.stop?.();
    await this.settling;
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
