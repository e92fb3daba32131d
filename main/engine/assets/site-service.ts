import { randomUUID } from 'node:crypto';
import type { Site, SiteBody, SiteList, SiteUpdateBody } from '../../../shared/api/sites.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { siteProblems } from '../../../shared/assets/asset-checks.js';
import { kwToMw, mwToKw } from '../../../shared/units.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import { organizationAccess } from '../auth/organization-access.js';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';
import type { SiteRecord, SiteView } from '../db/repositories/site-repository.js';
import type { Store } from '../db/store.js';
import type { ReferenceData } from './reference-data.js';
import { AppError } from '../http/app-error.js';
import { invalidBody, nameTaken, resourceNotFound, versionConflict, zoneNamed } from './asset-errors.js';

const toApi = (site: SiteView): Site => ({
  id: site.id,
  name: site.name,
  latitude: site.latitude,
  longitude: site.longitude,
  zoneId: site.zoneId,
  gridCapacityMw: kwToMw(site.gridCapacityKw),
  assetCount: site.assetCount,
  installedCapacityMw: kwToMw(site.installedCapacityKw),
  version: site.version,
  createdAt: site.createdAt.toISOString(),
  updatedAt: site.updatedAt.toISOString(),
});

/** What the audit log keeps of a site. */
const summary = (site: SiteRecord): Record<string, unknown> => ({ name: site.name, zoneId: site.zoneId, latitude: site.latitude, longitude: site.longitude, gridCapacityKw: site.gridCapacityKw, version: site.version });

/**
 * The organisation's sites (grid connection points). Every member reads them; traders and
 * above change them. Another organisation's site answers "not found". Every write is audited
 * in its transaction; a replacement names the version it was made from.
 */
export class SiteService {
  private readonly store: Store;

  constructor(
    private readonly data: ReferenceData,
    /** The zone catalogue by id. */
    private readonly zones: ReadonlyMap<string, MarketZone>,
    private readonly clock: Clock,
  ) {
    this.store = data.store;
  }

  async list(caller: Caller, zoneId?: string): Promise<SiteList> {
    return this.data.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller);
      return { sites: (await store.sites.listOf(organizationId, zoneId)).map(toApi) };
    });
  }

  async get(caller: Caller, id: string): Promise<Site> {
    return this.data.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller);
      const site = await store.sites.get(id, organizationId);
      if (!site) throw resourceNotFound('site', id);
      return toApi(site);
    });
  }

  async create(caller: Caller, body: SiteBody, context: RequestContext): Promise<Site> {
    const { organizationId } = await organizationAccess(this.store, caller, 'trader');
    const now = this.clock.now();
    const site: SiteRecord = { id: randomUUID(), organizationId, ...this.valuesOf(body), version: 1, createdAt: now, updatedAt: now };
    return this.data.write(organizationId, async (r) => {
      if (await r.sites.nameTaken(organizationId, site.name, null)) throw nameTaken('site', site.name);
      await r.sites.insert(site);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'site.create', resourceType: 'site', resourceId: site.id, after: summary(site) }, context);
      return toApi(await this.read(r, site.id, organizationId));
    });
  }

  /** Replaces the whole site. A site with assets keeps its zone: its assets bid in it. */
  async replace(caller: Caller, id: string, body: SiteUpdateBody, context: RequestContext): Promise<Site> {
    const { organizationId } = await organizationAccess(this.store, caller, 'trader');
    const values = this.valuesOf(body);
    return this.data.write(organizationId, async (r) => {
      const before = await this.read(r, id, organizationId);
      if (before.version !== body.version) throw versionConflict('site', body.version, toApi(before));
      if (await r.sites.nameTaken(organizationId, values.name, id)) throw nameTaken('site', values.name);
      if (values.zoneId !== before.zoneId && before.assetCount > 0) {
        throw new AppError('conflict', 'SITE_HAS_ASSETS', `The site has ${String(before.assetCount)} assets in ${before.zoneId}: move or delete them before moving the site to ${values.zoneId}`, [
          { field: 'body.zoneId', message: 'cannot change while the site has assets', value: values.zoneId },
        ]);
      }
      const site: SiteRecord = { ...before, ...values, version: before.version + 1, updatedAt: this.clock.now() };
      if (!(await r.sites.replace(site))) throw versionConflict('site', body.version, toApi(await this.read(r, id, organizationId)));
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'site.update', resourceType: 'site', resourceId: id, before: summary(before), after: summary(site) }, context);
      return toApi(await this.read(r, id, organizationId));
    });
  }

  async delete(caller: Caller, id: string, context: RequestContext): Promise<void> {
    const { organizationId } = await organizationAccess(this.store, caller, 'trader');
    await this.data.write(organizationId, async (r) => {
      const before = await this.read(r, id, organizationId);
      if (before.assetCount > 0) {
        throw new AppError('conflict', 'SITE_HAS_ASSETS', `The site has ${String(before.assetCount)} assets: delete them or move them to another site first`, { assetCount: before.assetCount });
      }
      if (!(await r.sites.delete(id, organizationId))) throw resourceNotFound('site', id);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'site.delete', resourceType: 'site', resourceId: id, before: summary(before) }, context);
    });
  }

  private async read(r: Repositories, id: string, organizationId: string): Promise<SiteView> {
    const site = await r.sites.get(id, organizationId);
    if (!site) throw resourceNotFound('site', id);
    return site;
  }

  /** The body's values as stored (kW), checked: on the kW grid, in a zone that exists. */
  private valuesOf(body: SiteBody): Pick<SiteRecord, 'name' | 'latitude' | 'longitude' | 'zoneId' | 'gridCapacityKw'> {
    const problems = siteProblems(body);
    if (problems.length > 0) throw invalidBody(problems);
    const zone = zoneNamed(this.zones, body.zoneId);
    return { name: body.name.trim(), latitude: body.latitude, longitude: body.longitude, zoneId: zone.id, gridCapacityKw: mwToKw(body.gridCapacityMw) };
  }
}
