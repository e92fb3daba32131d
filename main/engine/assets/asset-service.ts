import { randomUUID } from 'node:crypto';
import type { Asset, AssetBody, AssetList, AssetPerformance, AssetUpdateBody, StorageParameters } from '../../../shared/api/assets.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { assetProblems } from '../../../shared/assets/asset-checks.js';
import { bpToFraction, fractionToBp, kwhToMwh, kwToMw, mwhToKwh, mwToKw } from '../../../shared/units.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import { organizationAccess } from '../auth/organization-access.js';
import type { Clock } from '../clock.js';
import type { AssetFilter, AssetRecord, StoredStorage } from '../db/repositories/asset-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Store } from '../db/store.js';
import type { ReferenceData } from './reference-data.js';
import { AppError } from '../http/app-error.js';
import { invalidBody, invalidField, nameTaken, resourceNotFound, versionConflict, zoneNamed } from './asset-errors.js';
import { assetPerformance, performanceRange } from './asset-performance.js';

const storageToApi = (s: StoredStorage): StorageParameters => ({
  energyCapacityMwh: kwhToMwh(s.energyCapacityKwh),
  roundTripEfficiency: bpToFraction(s.roundTripEfficiencyBp),
  socMin: bpToFraction(s.socMinBp),
  socMax: bpToFraction(s.socMaxBp),
  maxChargeMw: kwToMw(s.maxChargeKw),
  maxDischargeMw: kwToMw(s.maxDischargeKw),
});

const storageToStored = (s: StorageParameters): StoredStorage => ({
  energyCapacityKwh: mwhToKwh(s.energyCapacityMwh),
  roundTripEfficiencyBp: fractionToBp(s.roundTripEfficiency),
  socMinBp: fractionToBp(s.socMin),
  socMaxBp: fractionToBp(s.socMax),
  maxChargeKw: mwToKw(s.maxChargeMw),
  maxDischargeKw: mwToKw(s.maxDischargeMw),
});

const toApi = (asset: AssetRecord): Asset => ({
  id: asset.id,
  name: asset.name,
  kind: asset.kind,
  siteId: asset.siteId,
  zoneId: asset.zoneId,
  capacityMw: kwToMw(asset.capacityKw),
  status: asset.status,
  storage: asset.storage ? storageToApi(asset.storage) : null,
  version: asset.version,
  createdAt: asset.createdAt.toISOString(),
  updatedAt: asset.updatedAt.toISOString(),
});

/** What the audit log keeps of an asset. */
const summary = (asset: AssetRecord): Record<string, unknown> => ({
  name: asset.name,
  kind: asset.kind,
  siteId: asset.siteId,
  zoneId: asset.zoneId,
  capacityKw: asset.capacityKw,
  status: asset.status,
  storage: asset.storage,
  version: asset.version,
});

type AssetValues = Pick<AssetRecord, 'name' | 'kind' | 'siteId' | 'zoneId' | 'capacityKw' | 'status' | 'storage'>;

/**
 * The organisation's assets. Every member reads them; traders and above change them. Another
 * organisation's asset (or site) answers "not found". The form's own rules come from
 * shared/assets/asset-checks.ts; this adds what needs the database: the zone, the site and its
 * zone, names taken, and bids that keep an asset from being deleted.
 */
export class AssetService {
  private readonly store: Store;

  constructor(
    private readonly data: ReferenceData,
    /** The zone catalogue by id. */
    private readonly zones: ReadonlyMap<string, MarketZone>,
    private readonly clock: Clock,
  ) {
    this.store = data.store;
  }

  async list(caller: Caller, filter: AssetFilter): Promise<AssetList> {
    return this.data.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller);
      return { assets: (await store.assets.listOf(organizationId, filter)).map(toApi) };
    });
  }

  async get(caller: Caller, id: string): Promise<Asset> {
    return this.data.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller);
      return toApi(await this.read(store, id, organizationId));
    });
  }

  async create(caller: Caller, body: AssetBody, context: RequestContext): Promise<Asset> {
    const { organizationId } = await organizationAccess(this.store, caller, 'trader');
    const values = this.valuesOf(body);
    const now = this.clock.now();
    const asset: AssetRecord = { id: randomUUID(), organizationId, ...values, version: 1, createdAt: now, updatedAt: now };
    await this.data.write(organizationId, async (r) => {
      await this.checkReferences(r, organizationId, values, null);
      await r.assets.insert(asset);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'asset.create', resourceType: 'asset', resourceId: asset.id, after: summary(asset) }, context);
    });
    return toApi(asset);
  }

  async replace(caller: Caller, id: string, body: AssetUpdateBody, context: RequestContext): Promise<Asset> {
    const { organizationId } = await organizationAccess(this.store, caller, 'trader');
    const values = this.valuesOf(body);
    return this.data.write(organizationId, async (r) => {
      const before = await this.read(r, id, organizationId);
      if (before.version !== body.version) throw versionConflict('asset', body.version, toApi(before));
      await this.checkReferences(r, organizationId, values, id);
      const asset: AssetRecord = { ...before, ...values, version: before.version + 1, updatedAt: this.clock.now() };
      if (!(await r.assets.replace(asset))) throw versionConflict('asset', body.version, toApi(await this.read(r, id, organizationId)));
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'asset.update', resourceType: 'asset', resourceId: id, before: summary(before), after: summary(asset) }, context);
      return toApi(asset);
    });
  }

  /** Deletes an asset no bid names; one with bids is kept for their record (retire it instead). */
  async delete(caller: Caller, id: string, context: RequestContext): Promise<void> {
    const { organizationId } = await organizationAccess(this.store, caller, 'trader');
    await this.data.write(organizationId, async (r) => {
      const before = await this.read(r, id, organizationId);
      const bids = await r.assets.bidCount(id);
      if (bids > 0) {
        throw new AppError('conflict', 'ASSET_HAS_BIDS', `The asset has ${String(bids)} bids, which keep it for their record: set its status to 'retired' instead`, { bidCount: bids });
      }
      if (!(await r.assets.delete(id, organizationId))) throw resourceNotFound('asset', id);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'asset.delete', resourceType: 'asset', resourceId: id, before: summary(before) }, context);
    });
  }

  /** Per delivery day from `from` to `to`: bids, energy bid, cleared and its market value. */
  async performance(caller: Caller, id: string, from: string, to: string): Promise<AssetPerformance> {
    const range = performanceRange(from, to);
    return this.data.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller);
      const asset = await this.read(store, id, organizationId);
      return assetPerformance(store.assetPerformance, asset, zoneNamed(this.zones, asset.zoneId), this.zones, range);
    });
  }

  private async read(r: Pick<Repositories, 'assets'>, id: string, organizationId: string): Promise<AssetRecord> {
    const asset = await r.assets.get(id, organizationId);
    if (!asset) throw resourceNotFound('asset', id);
    return asset;
  }

  /**
   * The site must be the organisation's and in the asset's zone (an asset bids in its site's
   * zone). Its assets' rated power may add up to more than its grid connection: storage beside
   * solar often shares one, so that is allowed here and shown on the site (installedCapacityMw).
   */
  private async checkReferences(r: Repositories, organizationId: string, values: AssetValues, exceptId: string | null): Promise<void> {
    if (values.siteId !== null) {
      const site = await r.sites.get(values.siteId, organizationId);
      if (!site) throw invalidField('SITE_NOT_FOUND', 'body.siteId', `Your organisation has no site ${values.siteId}`, values.siteId);
      if (site.zoneId !== values.zoneId) {
        throw invalidField('ASSET_ZONE_MISMATCH', 'body.zoneId', `The asset is in ${values.zoneId} but its site ${site.name} is in ${site.zoneId}: an asset bids in its site's zone`, values.zoneId);
      }
    }
    if (await r.assets.nameTaken(organizationId, values.name, exceptId)) throw nameTaken('asset', values.name);
  }

  /** The body's values as stored (kW, kWh, basis points), checked by the form's rules and against the zone catalogue. */
  private valuesOf(body: AssetBody): AssetValues {
    const problems = assetProblems(body);
    if (problems.length > 0) throw invalidBody(problems);
    const zone = zoneNamed(this.zones, body.zoneId);
    const storage = body.storage ?? null;
    return {
      name: body.name.trim(),
      kind: body.kind,
      siteId: body.siteId,
      zoneId: zone.id,
      capacityKw: mwToKw(body.capacityMw),
      status: body.status,
      storage: storage && storageToStored(storage),
    };
  }
}
