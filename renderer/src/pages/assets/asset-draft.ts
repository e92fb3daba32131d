import { AssetBody, StorageParameters, type Asset, type AssetKind, type AssetStatus, type AssetUpdateBody } from '../../../../shared/api/assets.js';
import type { Site } from '../../../../shared/api/sites.js';
import { assetProblems } from '../../../../shared/assets/asset-checks.js';
import { numberOf, readNumber } from './number-field.js';
import { nameProblem } from './site-draft.js';

export const KIND_LABELS: Readonly<Record<AssetKind, string>> = { solar: 'Solar', wind: 'Wind', storage: 'Storage', flexible_load: 'Flexible load' };
export const STATUS_LABELS: Readonly<Record<AssetStatus, string>> = { active: 'Active', inactive: 'Inactive', retired: 'Retired' };

export type StorageKey = keyof StorageParameters;
export const STORAGE_KEYS: readonly StorageKey[] = ['energyCapacityMwh', 'roundTripEfficiency', 'socMin', 'socMax', 'maxChargeMw', 'maxDischargeMw'];

/** The asset form as typed: numbers stay text until checked; the storage fields are kept while another kind is chosen. */
export interface AssetDraft {
  name: string;
  kind: AssetKind;
  /** '' for an asset at no site. */
  siteId: string;
  zoneId: string;
  capacityMw: string;
  status: AssetStatus;
  storage: Record<StorageKey, string>;
}

const NO_STORAGE: Record<StorageKey, string> = { energyCapacityMwh: '', roundTripEfficiency: '', socMin: '', socMax: '', maxChargeMw: '', maxDischargeMw: '' };

export const newAssetDraft = (zoneId: string): AssetDraft => ({ name: '', kind: 'solar', siteId: '', zoneId, capacityMw: '', status: 'active', storage: NO_STORAGE });

export function assetDraftOf(asset: Asset): AssetDraft {
  const { storage } = asset;
  return {
    name: asset.name,
    kind: asset.kind,
    siteId: asset.siteId ?? '',
    zoneId: asset.zoneId,
    capacityMw: String(asset.capacityMw),
    status: asset.status,
    storage: storage ? { ...NO_STORAGE, ...Object.fromEntries(STORAGE_KEYS.map((key) => [key, String(storage[key])])) } : NO_STORAGE,
  };
}

/** The zone an asset takes: its site's when it has one (the engine refuses any other). */
export const zoneOfDraft = (draft: AssetDraft, sites: readonly Site[]): string => sites.find((site) => site.id === draft.siteId)?.zoneId ?? draft.zoneId;

/**
 * Stand-ins for numbers not (yet) typed right, chosen to pass every shared check, so the checks
 * still judge the fields that are typed: a state of charge out of order shows while the energy
 * capacity is still empty. A stand-in never reaches the engine (its field has its own problem).
 */
const STAND_INS: Readonly<Record<StorageKey | 'capacityMw', number>> = {
  capacityMw: 100_000,
  energyCapacityMwh: 1,
  roundTripEfficiency: 1,
  socMin: 0,
  socMax: 1,
  maxChargeMw: 0.001,
  maxDischargeMw: 0.001,
};

/**
 * What is wrong with the draft by the engine's field names ("body.storage.socMax"), so its own
 * field errors land in the same places; empty when the asset can be sent. Each number is read
 * against the contract's schema, then the shared checks the engine runs judge the rest (grids,
 * state-of-charge order, power within the rating); a field keeps its first problem.
 */
export function assetDraftProblems(draft: AssetDraft, zoneIds: ReadonlySet<string>, sites: readonly Site[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = nameProblem(draft.name, AssetBody.properties.name.maxLength ?? Number.POSITIVE_INFINITY);
  if (name) problems['body.name'] = name;
  if (draft.siteId !== '' && !sites.some((site) => site.id === draft.siteId)) problems['body.siteId'] = 'choose a site';
  if (!zoneIds.has(zoneOfDraft(draft, sites))) problems['body.zoneId'] = 'choose a zone';

  const capacity = readNumber(draft.capacityMw, AssetBody.properties.capacityMw);
  if (capacity.problem !== null) problems['body.capacityMw'] = capacity.problem;
  const isStorage = draft.kind === 'storage';
  const storage = { ...STAND_INS };
  for (const key of STORAGE_KEYS) {
    const read = readNumber(draft.storage[key], StorageParameters.properties[key]);
    if (read.value !== null) storage[key] = read.value;
    else if (isStorage) problems[`body.storage.${key}`] = read.problem;
  }
  const { capacityMw: _capacity, ...parameters } = storage;
  for (const problem of assetProblems({ kind: draft.kind, capacityMw: capacity.value ?? STAND_INS.capacityMw, storage: isStorage ? parameters : null })) problems[problem.field] ??= problem.message;
  return problems;
}

const storageOf = (draft: AssetDraft): StorageParameters => ({
  energyCapacityMwh: numberOf(draft.storage.energyCapacityMwh),
  roundTripEfficiency: numberOf(draft.storage.roundTripEfficiency),
  socMin: numberOf(draft.storage.socMin),
  socMax: numberOf(draft.storage.socMax),
  maxChargeMw: numberOf(draft.storage.maxChargeMw),
  maxDischargeMw: numberOf(draft.storage.maxDischargeMw),
});

/** The body to send for a draft without problems; storage only for a storage asset. */
export const assetBodyOf = (draft: AssetDraft, sites: readonly Site[]): AssetBody => ({
  name: draft.name.trim(),
  kind: draft.kind,
  siteId: draft.siteId === '' ? null : draft.siteId,
  zoneId: zoneOfDraft(draft, sites),
  capacityMw: numberOf(draft.capacityMw),
  status: draft.status,
  storage: draft.kind === 'storage' ? storageOf(draft) : null,
});

/** A stored asset as the replacement that changes only `changes` (retiring), from the version it was read at. */
export function assetUpdateOf(asset: Asset, changes: Partial<Pick<AssetBody, 'status'>>): AssetUpdateBody {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...body } = asset;
  return { ...body, ...changes };
}
