import { Type, type Static } from '@sinclair/typebox';
import { ZoneId } from './zones.js';

/**
 * A site: a grid connection point in one market zone, where the organisation's assets sit.
 * Capacities travel the API in MW (stored as integer kW, like every volume).
 */
const Instant = Type.String({ format: 'date-time' });

export const SITE_LIMITS = { nameLength: 200 } as const;

const SITE_FIELDS = {
  name: Type.String({ minLength: 1, maxLength: SITE_LIMITS.nameLength, pattern: '\\S' }),
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  zoneId: ZoneId,
  gridCapacityMw: Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'Grid connection capacity in MW (to the kW)' }),
};

export const SiteBody = Type.Object(SITE_FIELDS, { additionalProperties: false, title: 'SiteBody' });
export type SiteBody = Static<typeof SiteBody>;

/** A replacement (PUT) names the version it was made from; a stale one answers 409 with the current site. */
export const SiteUpdateBody = Type.Object({ ...SITE_FIELDS, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false, title: 'SiteUpdateBody' });
export type SiteUpdateBody = Static<typeof SiteUpdateBody>;

export const Site = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    ...SITE_FIELDS,
    assetCount: Type.Integer({ minimum: 0 }),
    installedCapacityMw: Type.Number({
      minimum: 0,
      description: 'Summed rated power of the site’s assets in MW; above gridCapacityMw is allowed (storage and solar often share a connection) and shown, not refused',
    }),
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'Site' },
);
export type Site = Static<typeof Site>;

export const SiteList = Type.Object({ sites: Type.Array(Site) }, { title: 'SiteList' });
export type SiteList = Static<typeof SiteList>;

export const SiteParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const SiteListQuery = Type.Object({ zoneId: Type.Optional(ZoneId) }, { additionalProperties: false });
