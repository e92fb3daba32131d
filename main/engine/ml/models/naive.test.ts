import { describe, expect, it } from 'vitest';
import { QUANTILE_LEVELS } from '../../../../shared/api/ml.js';
import { HOURS_PER_DAY, type DailySeries } from '../daily-series.js';
import { naiveKind } from './naive.js';

/** Four weeks from Monday 2018-01-01, each hour of day d priced d * 100 + h. */
function fourWeeks(): DailySeries {
  const dates = Array.from({ length: 28 }, (_, d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10));
  const prices = Float64Array.from({ length: 28 * HOURS_PER_DAY }, (_, i) => Math.floor(i / HOURS_PER_DAY) * 100 + (i % HOURS_PER_DAY));
  return { dates, prices, exogenous: [] };
}

describe('the naive benchmark', () => {
  it('copies last week for Mondays and weekends and yesterday otherwise, with its own errors as quantiles', async () => {
    const series = fourWeeks();
    const model = await naiveKind.train(series, 21, naiveKind.defaults);
    const monday = await model.forecastDay(series, 21); // 2018-01-22
    expect(monday.point[3]).toBe(1400 + 3);
    const tuesday = await model.forecastDay(series, 22);
    expect(tuesday.point[3]).toBe(2100 + 3);
    const saturday = await model.forecastDay(series, 26);
    expect(saturday.point[0]).toBe(1900);
    // Training days 7..20: errors of 700 (Mondays and weekends) or 100 (the rest), 6 of 14 at 700.
    expect(tuesday.quantiles.map((q) => q.level)).toEqual([...QUANTILE_LEVELS]);
    expect(tuesday.quantiles[0]!.values[3]).toBe(2103 + 100);
    expect(tuesday.quantiles[6]!.values[3]).toBe(2103 + 700);
  });

  it('saves and reads back to the same forecasts, and refuses another file', async () => {
    const series = fourWeeks();
    const model = await naiveKind.train(series, 21, { quantileDays: 7 });
    const copy = naiveKind.deserialize(model.serialize());
    expect(await copy.forecastDay(series, 23)).toEqual(await model.forecastDay(series, 23));
    expect(() => naiveKind.deserialize(new TextEncoder().encode('{"architecture":"lear"}'))).toThrow('not a naive model file');
  });

  it('refuses to train on less than a week and a day', async () => {
    await expect(naiveKind.train(fourWeeks(), 7, naiveKind.defaults)).rejects.toThrow('at least 8 days');
  });
});
