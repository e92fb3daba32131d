import type { Bid, BidDraft, BidWarningThresholds } from '../../../shared/api/bids.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { validateBid, type BidAssetFacts, type BidValidation } from '../../../shared/bids/validate-bid.js';
import { bpToFraction, kwToMw, minorToPrice } from '../../../shared/units.js';
import type { BidAssetRow, BidRecord } from '../db/repositories/bid-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import { AppError } from '../http/app-error.js';
import { draftOf, toApiBid } from './bid-mapping.js';
import { thresholdsOf } from './bid-warning-thresholds.js';

const invalid = (code: string, field: string, message: string, value: unknown): AppError => new AppError('validation_error', code, message, [{ field, message, value, code }]);

function assetFacts(row: BidAssetRow): BidAssetFacts {
  const capacityMw = kwToMw(row.capacityKw);
  const s = row.storage;
  return {
    id: row.id,
    kind: row.kind,
    zoneId: row.zoneId,
    capacityMw,
    status: row.status,
    // Limits the operator left open are the physical ones: empty to full, the rated power both ways.
    storage: s && {
      energyCapacityMwh: kwToMw(s.energyCapacityKwh),
      roundTripEfficiency: bpToFraction(s.roundTripEfficiencyBp),
      socMin: bpToFraction(s.socMinBp ?? 0),
      socMax: bpToFraction(s.socMaxBp ?? 10_000),
      maxChargeMw: s.maxChargeKw === null ? capacityMw : kwToMw(s.maxChargeKw),
      maxDischargeMw: s.maxDischargeKw === null ? capacityMw : kwToMw(s.maxDischargeKw),
    },
  };
}

/**
 * What the rules read about one organisation besides the draft — its assets, its thresholds and
 * each zone's latest price — read once per request however many bids it checks.
 */
export class BidFacts {
  private readonly assets = new Map<string, Promise<BidAssetRow | null>>();
  private readonly prices = new Map<string, Promise<number | null>>();
  private thresholds: Promise<BidWarningThresholds> | null = null;

  constructor(
    private readonly r: Pick<Repositories, 'bids' | 'marketData' | 'organizations'>,
    readonly organizationId: string,
  ) {}

  asset(id: string): Promise<BidAssetRow | null> {
    let found = this.assets.get(id);
    if (!found) {
      found = this.r.bids.assetOf(this.organizationId, id);
      this.assets.set(id, found);
    }
    return found;
  }

  /** The zone's latest price: the live tick, else the latest day-ahead price; null when there is none. */
  recentPrice(zoneId: string): Promise<number | null> {
    let found = this.prices.get(zoneId);
    if (!found) {
      found = (async () => {
        const [tick] = await this.r.marketData.latest('tick', [zoneId]);
        const latest = tick ?? (await this.r.marketData.latest('day_ahead', [zoneId]))[0];
        return latest ? minorToPrice(latest.priceMinor) : null;
      })();
      this.prices.set(zoneId, found);
    }
    return found;
  }

  warningThresholds(): Promise<BidWarningThresholds> {
    this.thresholds ??= thresholdsOf(this.r, this.organizationId);
    return this.thresholds;
  }
}

/** The zone catalogue and the shared rules, applied to a draft with the organisation's facts. */
export class BidRules {
  private readonly zones: ReadonlyMap<string, MarketZone>;

  constructor(zones: readonly MarketZone[]) {
    this.zones = new Map(zones.map((zone) => [zone.id, zone]));
  }

  zone(id: string, field: string): MarketZone {
    const zone = this.zones.get(id);
    if (!zone) throw invalid('ZONE_NOT_FOUND', field, `Market zone ${id} does not exist`, id);
    return zone;
  }

  /**
   * Runs the rules on a draft at `now`. An unknown zone or an asset that is not the
   * organisation's is refused outright (400, the field named with `prefix`): the rules cannot run.
   */
  async check(draft: BidDraft, facts: BidFacts, now: Date, prefix: string): Promise<{ zone: MarketZone; validation: BidValidation }> {
    const zone = this.zone(draft.zoneId, `${prefix}zoneId`);
    const row = draft.assetId === null ? null : await facts.asset(draft.assetId.toLowerCase());
    if (draft.assetId !== null && !row) throw invalid('ASSET_NOT_FOUND', `${prefix}assetId`, `Your organisation has no asset ${draft.assetId}`, draft.assetId);
    const recentPrice = await facts.recentPrice(zone.id);
    const thresholds = await facts.warningThresholds();
    const validation = validateBid(draft, { zone, asset: row && assetFacts(row), now: now.getTime(), recentPrice, thresholds });
    return { zone, validation };
  }

  /** The API's bid, with the warnings the fat-finger guard sees in it at `now`. */
  async view(record: BidRecord, facts: BidFacts, now: Date): Promise<Bid> {
    const { validation } = await this.check(draftOf(record), facts, now, 'bid.');
    return toApiBid(record, validation.warnings);
  }
}
