import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayStart, nextDay, wallClockMs } from '../../../../shared/market/time-zone.js';
import { prepareStore } from '../../db/open-stores.js';
import type { IntervalPrice } from '../../db/repositories/market-data-repository.js';
import { loadZoneCatalogue } from '../../db/zone-catalogue.js';
import type { Store } from '../../db/store.js';
import { AppError } from '../../http/app-error.js';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { dayValues } from '../daily-series.js';
import { assembleSeries, type SeriesRequest } from './series-assembly.js';

const BERLIN = { id: 'DE_LU', timezone: 'Europe/Berlin' };
const QUARTER_MS = 15 * 60_000;

/**
 * Quarter hours of DE_LU delivery days, priced so each hour's mean is known by hand: the q-th
 * quarter (0..3) of wall hour h costs h + q / 100 (minor units h * 100 + q), and the second
 * occurrence of a repeated hour costs 0.5 more. Load 50 GW + h MW; onshore wind 10 GW; solar
 * 1 MW per hour of the day.
 */
function quarterHours(days: readonly string[], skip: (day: string, hour: number, quarter: number) => boolean = () => false): IntervalPrice[] {
  const rows: IntervalPrice[] = [];
  for (const day of days) {
    const seen = new Map<number, number>();
    for (let at = dayStart(BERLIN.timezone, day); at < dayStart(BERLIN.timezone, nextDay(day)); at += QUARTER_MS) {
      const wall = new Date(wallClockMs(BERLIN.timezone, at));
      const hour = wall.getUTCHours();
      const quarter = wall.getUTCMinutes() / 15;
      const occurrence = quarter === 0 ? (seen.get(hour) ?? -1) + 1 : (seen.get(hour) ?? 0);
      seen.set(hour, occurrence);
      if (skip(day, hour, quarter)) continue;
      rows.push({
        zoneId: BERLIN.id,
        market: 'day_ahead',
        resolutionMinutes: 15,
        intervalStart: new Date(at),
        priceMinor: hour * 100 + occurrence * 50 + quarter,
        source: 'import',
        receivedAt: new Date(at),
        fundamentals: { loadForecastKw: 50_000_000 + hour * 1000, loadActualKw: null, generationKw: null, solarForecastKw: hour * 1000, windOnshoreForecastKw: 10_000_000, windOffshoreForecastKw: null },
      });
    }
  }
  return rows;
}

/** The hourly mean of quarterHours: h + 0.015 (the mean of 0, 1, 2 and 3 cents). */
const hourMean = (hour: number): number => hour + 0.015;
const request = (first: string, last: string, overrides: Partial<SeriesRequest> = {}): SeriesRequest => ({ zone: BERLIN, first, last, forecastLastDay: false, exogenous: 'available', ...overrides });

describe.each(dialects)('training data from stored day-ahead prices on $dialect', ({ open }) => {
  let db: DialectFixture;
  const read = <T>(query: (store: Store) => Promise<T>): Promise<T> => query(db.store);
  const refusal = async (promise: Promise<unknown>): Promise<AppError> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  beforeEach(async () => {
    db = await open();
    await prepareStore(db.store, loadZoneCatalogue());
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('averages quarter hours to hours on local days; the 25-hour day averages its repeated hour, the 23-hour day repeats the hour before the skipped one', async () => {
    await db.store.marketData.insertIntervals(quarterHours(['2025-10-25', '2025-10-26', '2025-10-27', '2026-03-28', '2026-03-29', '2026-03-30']));
    const autumn = await assembleSeries(read, request('2025-10-25', '2025-10-27'));
    expect(autumn.dates).toEqual(['2025-10-25', '2025-10-26', '2025-10-27']);
    expect(autumn.prices).toHaveLength(3 * 24);
    for (const day of [0, 2]) expect([...dayValues(autumn.prices, day)].map((v) => v.toFixed(3))).toEqual(Array.from({ length: 24 }, (_, h) => hourMean(h).toFixed(3)));
    // 02:00-03:00 happens twice on 26 October: its eight quarter hours, the second four 0.5 dearer.
    const clocksBack = [...dayValues(autumn.prices, 1)];
    expect(clocksBack[2]).toBeCloseTo(hourMean(2) + 0.25, 9);
    expect(clocksBack.filter((_, h) => h !== 2)).toEqual(Array.from({ length: 24 }, (_, h) => hourMean(h)).filter((_, h) => h !== 2).map((v) => expect.closeTo(v, 9) as unknown));

    const spring = await assembleSeries(read, request('2026-03-28', '2026-03-30'));
    const clocksForward = [...dayValues(spring.prices, 1)];
    // 29 March 2026 has no 02:00: that hour is filled with 01:00's mean.
    expect(clocksForward[2]).toBeCloseTo(hourMean(1), 9);
    expect(clocksForward[3]).toBeCloseTo(hourMean(3), 9);
    expect(clocksForward[23]).toBeCloseTo(hourMean(23), 9);
  });

  it('takes the exogenous series complete over the days, in MW, wind as onshore plus offshore; leaves out one with a long gap', async () => {
    const rows = quarterHours(['2025-10-25', '2025-10-26', '2025-10-27']).map((row) =>
      // Solar goes unpublished for six hours of the 26th.
      row.intervalStart.getTime() >= Date.parse('2025-10-26T08:00:00Z') && row.intervalStart.getTime() < Date.parse('2025-10-26T14:00:00Z') ? { ...row, fundamentals: { ...row.fundamentals, solarForecastKw: null } } : row,
    );
    await db.store.marketData.insertIntervals(rows);
    const series = await assembleSeries(read, request('2025-10-25', '2025-10-27'));
    expect(series.exogenous.map((x) => x.name)).toEqual(['load forecast', 'wind forecast']);
    expect(series.exogenous[0]!.values[24 + 5]).toBe(50_005);
    expect(series.exogenous[1]!.values[30]).toBe(10_000);

    const refused = await refusal(assembleSeries(read, request('2025-10-25', '2025-10-27', { exogenous: ['load forecast', 'solar forecast'] })));
    expect(refused.toEnvelope().error).toMatchObject({ code: 'EXOGENOUS_MISSING', details: { series: 'solar forecast', missingDays: ['2025-10-26'] } });
  });

  it('reads the finest resolution stored for each hour, and the mean of the quarters there are', async () => {
    const rows = quarterHours(['2025-10-27'], (_, hour, quarter) => hour === 7 && quarter >= 2);
    const hourly: IntervalPrice = { ...rows[0]!, resolutionMinutes: 60, intervalStart: new Date(Date.parse('2025-10-27T05:00:00Z')), priceMinor: 99_999 };
    await db.store.marketData.insertIntervals([...rows, hourly]);
    const series = await assembleSeries(read, request('2025-10-27', '2025-10-27'));
    // 06:00 local has an hourly price too: its four quarters win. 07:00 has only its first two quarters.
    expect(series.prices[6]).toBeCloseTo(hourMean(6), 9);
    expect(series.prices[7]).toBeCloseTo(7.005, 9);
  });

  it('bridges a gap of up to three hours with a straight line, and refuses a longer one naming its day', async () => {
    await db.store.marketData.insertIntervals(quarterHours(['2025-10-25', '2025-10-26', '2025-10-27'], (day, hour) => (day === '2025-10-25' && hour >= 9 && hour <= 11) || (day === '2025-10-27' && hour >= 4 && hour <= 7)));
    const bridged = await assembleSeries(read, request('2025-10-25', '2025-10-26'));
    // 09:00-11:59 missing: a line from 08:00 to 12:00.
    expect(bridged.prices[10]).toBeCloseTo(hourMean(8) + (2 / 4) * (hourMean(12) - hourMean(8)), 9);

    const refused = await refusal(assembleSeries(read, request('2025-10-25', '2025-10-27')));
    expect(refused.toEnvelope().error).toMatchObject({ code: 'PRICE_HISTORY_GAPS', type: 'validation_error', details: { zone: 'DE_LU', missingDays: ['2025-10-27'], missingDayCount: 1 } });
    expect(refused.message).toContain('2025-10-27');
  });

  it('leaves the day to forecast without prices, even stored ones, and still needs its exogenous values', async () => {
    await db.store.marketData.insertIntervals(quarterHours(['2025-10-25', '2025-10-26', '2025-10-27']));
    const series = await assembleSeries(read, request('2025-10-25', '2025-10-27', { forecastLastDay: true, exogenous: ['wind forecast'] }));
    expect([...dayValues(series.prices, 2)].every(Number.isNaN)).toBe(true);
    expect(series.prices[47]).toBeCloseTo(hourMean(23), 9);
    expect(series.exogenous).toHaveLength(1);
    expect(series.exogenous[0]!.values[2 * 24 + 12]).toBe(10_000);

    const withoutTarget = await refusal(assembleSeries(read, request('2025-10-26', '2025-10-28', { forecastLastDay: true, exogenous: ['load forecast'] })));
    expect(withoutTarget.toEnvelope().error).toMatchObject({ code: 'EXOGENOUS_MISSING', details: { missingDays: ['2025-10-28'] } });
  });
});
