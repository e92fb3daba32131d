import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StorageParameters } from '../api/assets.js';
import { assetProblems, siteProblems, STORAGE_PARAMETERS_REQUIRED } from './asset-checks.js';

const codes = (problems: { code: string; field: string }[]): string[] => problems.map((p) => `${p.code} ${p.field}`);
const battery = (overrides: Partial<StorageParameters> = {}): StorageParameters => ({ energyCapacityMwh: 4, roundTripEfficiency: 0.9, socMin: 0.05, socMax: 0.95, maxChargeMw: 2, maxDischargeMw: 2, ...overrides });

/** Values on their grids, as a form would send them: kW (0.001 MW), kWh, basis points. */
const onGrid = (scale: number, min: number, max: number) => fc.integer({ min, max }).map((n) => n / scale);
const validStorage = fc
  .record({
    capacityMw: onGrid(1000, 1, 100_000_000),
    energyCapacityMwh: onGrid(1000, 1, 1_000_000_000),
    roundTripEfficiency: onGrid(10_000, 1, 10_000),
    socs: fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 2 }).map((pair) => pair.sort((a, b) => a - b).map((bp) => bp / 10_000)),
    chargeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    dischargeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ capacityMw, energyCapacityMwh, roundTripEfficiency, socs: [socMin = 0, socMax = 1], chargeShare, dischargeShare }) => {
    const capacityKw = Math.round(capacityMw * 1000);
    const powerMw = (share: number) => Math.max(1, Math.floor(capacityKw * share)) / 1000;
    return { kind: 'storage' as const, capacityMw, storage: { energyCapacityMwh, roundTripEfficiency, socMin, socMax, maxChargeMw: powerMw(chargeShare), maxDischargeMw: powerMw(dischargeShare) } };
  });

describe('the asset form’s own checks', () => {
  it('accepts every storage asset on its grids with SoC in order and power within its rating', () => {
    fc.assert(fc.property(validStorage, (asset) => {
        expect(assetProblems(asset)).toEqual([]);
      }),
    );
  });

  it('refuses storage power above the rating, whatever the values', () => {
    fc.assert(
      fc.property(validStorage, fc.integer({ min: 1, max: 1_000_000 }), (asset, excessKw) => {
        const maxDischargeMw = (Math.round(asset.capacityMw * 1000) + excessKw) / 1000;
        expect(codes(assetProblems({ ...asset, storage: { ...asset.storage, maxDischargeMw } }))).toEqual(['POWER_ABOVE_CAPACITY body.storage.maxDischargeMw']);
      }),
    );
  });

  it('refuses a lowest state of charge at or above the highest', () => {
    fc.assert(
      fc.property(validStorage, (asset) => {
        const { socMin, socMax } = asset.storage;
        expect(codes(assetProblems({ ...asset, storage: { ...asset.storage, socMin: socMax, socMax: socMin } }))).toEqual(['SOC_RANGE_INVALID body.storage.socMax']);
      }),
    );
  });

  it('needs storage parameters for storage and refuses them for every other kind', () => {
    for (const storage of [undefined, null]) {
      expect(assetProblems({ kind: 'storage', capacityMw: 5, storage })).toEqual([{ code: 'STORAGE_PARAMETERS_REQUIRED', field: 'body.storage', message: STORAGE_PARAMETERS_REQUIRED, value: null }]);
    }
    for (const kind of ['solar', 'wind', 'flexible_load'] as const) {
      expect(assetProblems({ kind, capacityMw: 5 })).toEqual([]);
      expect(codes(assetProblems({ kind, capacityMw: 5, storage: battery() }))).toEqual(['STORAGE_PARAMETERS_NOT_ALLOWED body.storage']);
    }
  });

  it('refuses values off their grid, naming each field, instead of rounding them', () => {
    const problems = assetProblems({ kind: 'storage', capacityMw: 2.0005, storage: battery({ energyCapacityMwh: 4.0001, roundTripEfficiency: 0.90001, socMin: 0.000001, maxChargeMw: 1.9999 }) }, 'form');
    expect(codes(problems)).toEqual(['VALUE_OFF_GRID form.capacityMw', 'VALUE_OFF_GRID form.storage.energyCapacityMwh', 'VALUE_OFF_GRID form.storage.roundTripEfficiency', 'VALUE_OFF_GRID form.storage.socMin', 'VALUE_OFF_GRID form.storage.maxChargeMw']);
    expect(problems[0]?.message).toBe('2.0005 is not a whole number of kW');
    expect(codes(siteProblems({ gridCapacityMw: 0.0001 }))).toEqual(['VALUE_OFF_GRID body.gridCapacityMw']);
    expect(siteProblems({ gridCapacityMw: 0.1 + 0.2 })).toEqual([]);
  });
});
