import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, ZoneId } from './zones.js';

/**
 * An asset the organisation bids for: solar, wind, storage or a flexible load, in one market
 * zone (its site's, when it has a site). Power in MW, energy in MWh (stored as kW / kWh);
 * efficiency and state-of-charge limits as fractions 0..1 (stored in basis points).
 */
export const ASSET_KINDS = ['solar', 'wind', 'storage', 'flexible_load'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const AssetKind = Type.Union(ASSET_KINDS.map((kind) => Type.Literal(kind)));

export const AssetStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('retired')]);
export type AssetStatus = Static<typeof AssetStatus>;

const Instant = Type.String({ format: 'date-time' });
const Fraction = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

/** Storage only, and required for storage: a battery without its energy capacity cannot be bid safely. */
export const StorageParameters = Type.Object(
  {
    energyCapacityMwh: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: 'Usable energy in MWh (to the kWh)' }),
    roundTripEfficiency: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'e.g. 0.88 (to the basis point)' }),
    socMin: Fraction('Lowest state of charge the operator allows, e.g. 0.1'),
    socMax: Fraction('Highest state of charge the operator allows, e.g. 0.9; above socMin'),
    maxChargeMw: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }),
    maxDischargeMw: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false, title: 'StorageParameters' },
);
export type StorageParameters = Static<typeof StorageParameters>;

const ASSET_FIELDS = {
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  kind: AssetKind,
  siteId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'The site it is connected at; its zone must be the site’s' }),
  zoneId: ZoneId,
  capacityMw: Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'Rated power in MW (to the kW)' }),
  status: AssetStatus,
  storage: Type.Union([StorageParameters, Type.Null()], { description: 'Required for storage, null for every other kind' }),
};

/**
 * In a body `storage` may be left out (as null): a wind farm's form has no storage section, and a
 * storage asset sent without it gets the clear STORAGE_PARAMETERS_REQUIRED, not a schema error.
 */
const BODY_FIELDS = { ...ASSET_FIELDS, storage: Type.Optional(ASSET_FIELDS.storage) };

export const AssetBody = Type.Object(BODY_FIELDS, { additionalProperties: false, title: 'AssetBody' });
export type AssetBody = Static<typeof AssetBody>;

export const AssetUpdateBody = Type.Object({ ...BODY_FIELDS, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false, title: 'AssetUpdateBody' });
export type AssetUpdateBody = Static<typeof AssetUpdateBody>;

export const Asset = Type.Object({ id: Type.String({ format: 'uuid' }), ...ASSET_FIELDS, version: Type.Integer({ minimum: 1 }), createdAt: Instant, updatedAt: Instant }, { title: 'Asset' });
export type Asset = Static<typeof Asset>;

export const AssetList = Type.Object({ assets: Type.Array(Asset) }, { title: 'AssetList' });
export type AssetList = Static<typeof AssetList>;

export const AssetParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const AssetListQuery = Type.Object(
  { kind: Type.Optional(AssetKind), zoneId: Type.Optional(ZoneId), siteId: Type.Optional(Type.String({ format: 'uuid' })), status: Type.Optional(AssetStatus) },
  { additionalProperties: false },
);

export const AssetPerformanceQuery = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false, description: 'Delivery days, both included (at most 366)' });

/** One delivery day of an asset's bids: what was offered, what cleared, and what it was worth. */
export const AssetPerformanceDay = Type.Object({
  deliveryDate: IsoDate,
  bids: Type.Integer({ minimum: 0 }),
  bidVolumeMwh: Type.Number({ description: 'Energy offered or bid (absolute, over all its bids’ periods)' }),
  clearedVolumeMwh: Type.Union([Type.Number(), Type.Null()], { description: 'Null until the day’s results are known' }),
  marketValue: Type.Union([Type.Number(), Type.Null()], { description: 'Cleared energy times the clearing price, in the zone currency; sales positive' }),
});
export type AssetPerformanceDay = Static<typeof AssetPerformanceDay>;

export const AssetPerformance = Type.Object(
  { assetId: Type.String({ format: 'uuid' }), currency: Type.String(), from: IsoDate, to: IsoDate, days: Type.Array(AssetPerformanceDay), totals: Type.Omit(AssetPerformanceDay, ['deliveryDate']) },
  { title: 'AssetPerformance' },
);
export type AssetPerformance = Static<typeof AssetPerformance>;
