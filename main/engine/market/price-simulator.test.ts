import { describe, expect, it } from 'vitest';
import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import { PriceSimulator, REVERSION_PER_HOUR, type SimulatedTick } from './price-simulator.js';

const { zones } = loadZoneCatalogue();
const START = new Date('2026-05-04T00:00:00Z'); // a Monday in spring: long days, strong sun
const STEP_MS = 15 * 60_000;
const DAYS = 56;

function run(seed: number, days = DAYS): { ticks: SimulatedTick[][]; simulator: PriceSimulator } {
  const simulator = new PriceSimulator(zones, { seed, start: START });
  const ticks: SimulatedTick[][] = [];
  for (let i = 1; i <= (days * 24 * 60 * 60_000) / STEP_MS; i += 1) ticks.push(simulator.advanceTo(new Date(START.getTime() + i * STEP_MS)));
  return { ticks, simulator };
}

const seriesOf = (ticks: SimulatedTick[][], zoneId: string): SimulatedTick[] => ticks.map((step) => step.find((tick) => tick.zoneId === zoneId) as SimulatedTick);
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}
const changes = (values: number[]): number[] => values.slice(1).map((value, i) => value - (values[i] as number));
const localHour = (at: Date, timeZone: string): number => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));

describe('the price simulator (seeded, 8 weeks at 15 minutes)', () => {
  const { ticks, simulator } = run(20261126);
  const germany = seriesOf(ticks, 'DE_LU');

  it('repeats itself for a seed, and differs for another', () => {
    const again = seriesOf(run(20261126, 2).ticks, 'DE_LU').map((tick) => tick.price);
    expect(again).toEqual(germany.slice(0, again.length).map((tick) => tick.price));
    expect(seriesOf(run(7, 2).ticks, 'DE_LU').map((tick) => tick.price)).not.toEqual(again);
  });

  it('has a daily shape: evening peak above the night trough, a midday solar dip; weekends lower', () => {
    const byHour = (hour: number): number => mean(germany.filter((tick) => localHour(tick.at, 'Europe/Berlin') === hour).map((tick) => tick.price));
    expect(byHour(19)).toBeGreaterThan(byHour(3) * 1.3);
    expect(byHour(13)).toBeLessThan(byHour(8) - 30);
    const weekday = (tick: SimulatedTick): boolean => ![0, 6].includes(new Date(tick.at.getTime() + 2 * 3_600_000).getUTCDay());
    expect(mean(germany.filter(weekday).map((tick) => tick.price))).toBeGreaterThan(mean(germany.filter((tick) => !weekday(tick)).map((tick) => tick.price)) + 10);
  });

  it('reverts to its seasonal mean at the designed speed', () => {
    // Deviations from the seasonal mean form an AR(1) with coefficient exp(-kappa * dt); spikes aside.
    const deviations = germany.map((tick) => tick.price - simulator.expected('DE_LU', tick.at));
    // Pairs inside three stationary standard deviations: spikes and dips decay faster by design.
    const calm = deviations.slice(1).map((next, i) => [deviations[i] as number, next] as const).filter(([a, b]) => Math.abs(a) < 40 && Math.abs(b) < 40);
    expect(calm.length).toBeGreaterThan(deviations.length * 0.8);
    const x = calm.map(([a]) => a);
    const y = calm.map(([, b]) => b);
    const phi = x.reduce((sum, value, i) => sum + value * (y[i] as number), 0) / x.reduce((sum, value) => sum + value * value, 0);
    const designed = Math.exp((-REVERSION_PER_HOUR * STEP_MS) / 3_600_000);
    expect(phi).toBeLessThan(0.97);
    expect(Math.abs(phi - designed)).toBeLessThan(0.06);
    expect(Math.abs(mean(deviations))).toBeLessThan(15);
  });

  it('has negative prices and spikes, and never leaves the exchange’s limits', () => {
    const prices = germany.map((tick) => tick.price);
    const negative = prices.filter((price) => price < 0).length;
    expect(negative).toBeGreaterThan(0);
    expect(negative / prices.length).toBeLessThan(0.2);
    expect(Math.max(...prices)).toBeGreaterThan(250);
    for (const zone of zones) {
      for (const tick of seriesOf(ticks, zone.id)) {
        expect(tick.price).toBeGreaterThanOrEqual(zone.priceLimits.floor);
        expect(tick.price).toBeLessThanOrEqual(zone.priceLimits.cap);
        expect(Math.round(tick.price * 100)).toBeCloseTo(tick.price * 100, 6);
      }
    }
  });

  it('moves coupled neighbours together, and unrelated markets independently', () => {
    const moves = (zoneId: string): number[] => changes(seriesOf(ticks, zoneId).map((tick) => tick.price));
    expect(correlation(moves('DE_LU'), moves('NL'))).toBeGreaterThan(0.5);
    expect(correlation(moves('SE_3'), moves('NO_1'))).toBeGreaterThan(0.5);
    expect(Math.abs(correlation(moves('DE_LU'), moves('CAISO')))).toBeLessThan(0.15);
  });

  it('refuses to go back in time', () => {
    const simulator = new PriceSimulator(zones, { seed: 1, start: START });
    expect(() => simulator.advanceTo(START)).toThrow(/cannot go to/);
  });
});
