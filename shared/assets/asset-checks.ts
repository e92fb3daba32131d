import type { AssetKind, StorageParameters } from '../api/assets.js';
import { fractionToBp, mwhToKwh, mwToKw } from '../units.js';

/**
 * The checks of a site or an asset that need nothing but the form's own values, as pure rules
 * so the asset form and the engine give the same answers as the trader types. The engine adds
 * what needs the database (zones, the site, names taken).
 */

/** One thing wrong with one field, e.g. `body.storage.socMax`. */
export interface FieldProblem {
  code: string;
  field: string;
  message: string;
  value: unknown;
}

export const STORAGE_PARAMETERS_REQUIRED = 'A storage asset needs its energy capacity (MWh), round-trip efficiency, state-of-charge and power limits';

/** What the checks read of an asset body; `storage` may be left out (the same as null). */
export interface AssetFields {
  kind: AssetKind;
  capacityMw: number;
  storage?: StorageParameters | null;
}

/** A value off its integer grid (kW, kWh, basis points): refused with its field, never rounded. */
function offGrid(field: string, value: number, toInteger: (value: number) => number): FieldProblem[] {
  try {
    toInteger(value);
    return [];
  } catch (error) {
    return [{ code: 'VALUE_OFF_GRID', field, message: error instanceof Error ? error.message : String(error), value }];
  }
}

function storageProblems(storage: StorageParameters, capacityMw: number, at: string): FieldProblem[] {
  const problems = [
    ...offGrid(`${at}.energyCapacityMwh`, storage.energyCapacityMwh, mwhToKwh),
    ...offGrid(`${at}.roundTripEfficiency`, storage.roundTripEfficiency, fractionToBp),
    ...offGrid(`${at}.socMin`, storage.socMin, fractionToBp),
    ...offGrid(`${at}.socMax`, storage.socMax, fractionToBp),
    ...offGrid(`${at}.maxChargeMw`, storage.maxChargeMw, mwToKw),
    ...offGrid(`${at}.maxDischargeMw`, storage.maxDischargeMw, mwToKw),
  ];
  if (storage.socMin >= storage.socMax) {
    problems.push({ code: 'SOC_RANGE_INVALID', field: `${at}.socMax`, message: `The highest state of charge (${String(storage.socMax)}) must be above the lowest (${String(storage.socMin)})`, value: storage.socMax });
  }
  // The inverter is the asset's rating: a battery cannot charge or discharge faster than the
  // capacity it is connected and bid with, so a larger limit is a typing error, not a spec.
  for (const key of ['maxChargeMw', 'maxDischargeMw'] as const) {
    if (storage[key] > capacityMw) {
      problems.push({ code: 'POWER_ABOVE_CAPACITY', field: `${at}.${key}`, message: `${String(storage[key])} MW is above the asset's rated power of ${String(capacityMw)} MW`, value: storage[key] });
    }
  }
  return problems;
}

/** What is wrong with an asset's own values, under `at` (e.g. "body"); empty when nothing is. */
export function assetProblems(asset: AssetFields, at = 'body'): FieldProblem[] {
  const storage = asset.storage ?? null;
  const problems = offGrid(`${at}.capacityMw`, asset.capacityMw, mwToKw);
  if (asset.kind === 'storage' && storage === null) {
    problems.push({ code: 'STORAGE_PARAMETERS_REQUIRED', field: `${at}.storage`, message: STORAGE_PARAMETERS_REQUIRED, value: storage });
  } else if (asset.kind !== 'storage' && storage !== null) {
    problems.push({ code: 'STORAGE_PARAMETERS_NOT_ALLOWED', field: `${at}.storage`, message: `A ${asset.kind} asset has no storage parameters: leave them out or make it a storage asset`, value: storage });
  } else if (storage !== null) {
    problems.push(...storageProblems(storage, asset.capacityMw, `${at}.storage`));
  }
  return problems;
}

/** What is wrong with a site's own values; empty when nothing is. */
export const siteProblems = (site: { gridCapacityMw: number }, at = 'body'): FieldProblem[] => offGrid(`${at}.gridCapacityMw`, site.gridCapacityMw, mwToKw);
