import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MarketZone } from '../api/zones.js';
import { spreadZonesProblem, thresholdProblem, thresholdRange } from './alert-rule-checks.js';

const { zones } = JSON.parse(readFileSync(new URL('../../resources/market-zones.json', import.meta.url), 'utf8')) as { zones: MarketZone[] };
const zone = (id: string): MarketZone => {
  const found = zones.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no zone ${id} in the catalogue`);
  return found;
};

describe('alert rule checks', () => {
  it('bounds a threshold by what the zones’ price limits make possible', () => {
    expect(thresholdRange('price_above', zone('DE_LU'), null)).toEqual({ min: -500, max: 4000, what: "DE_LU's price limits", currency: 'EUR' });
    expect(thresholdRange('change_over_window', zone('PJM'), null)).toMatchObject({ min: 0.01, max: 2000, currency: 'USD' });
    expect(thresholdRange('spread', zone('CAISO'), zone('ERCOT'))).toMatchObject({ min: -150 - 5000, max: 1000 + 250 });
    expect(thresholdRange('spread', zone('FR'), null)).toBeNull();
    expect(thresholdRange('data_gap', zone('FR'), null)).toBeNull();
  });

  it('says what is wrong with a threshold, or nothing', () => {
    const range = { min: -500, max: 4000, what: "FR's price limits", currency: 'EUR' };
    expect(thresholdProblem(-500, range)).toBeNull();
    expect(thresholdProblem(12.34, range)).toBeNull();
    expect(thresholdProblem(4000.01, range)).toBe("4000.01 is outside FR's price limits (-500 to 4000 EUR/MWh)");
    expect(thresholdProblem(12.345, range)).toBe('12.345 is not a whole number of cents');
    expect(thresholdProblem(Number.NaN, range)).toBe('must be a number');
    expect(thresholdProblem(99_999, null)).toBeNull();
    expect(thresholdProblem(0.001, null)).toBe('0.001 is not a whole number of cents');
  });

  it('makes a spread of two zones in one currency only', () => {
    expect(spreadZonesProblem(zone('DE_LU'), zone('FR'))).toBeNull();
    expect(spreadZonesProblem(zone('FR'), zone('FR'))?.code).toBe('SPREAD_NEEDS_TWO_ZONES');
    expect(spreadZonesProblem(zone('FR'), zone('PJM'))).toEqual({ code: 'CURRENCY_MISMATCH', message: 'FR trades in EUR and PJM in USD: a spread needs one currency' });
  });
});
