/**
 * A market's history as whole days of 24 hourly values: the layout of the epftoolbox benchmark
 * (and of its datasets), which every forecasting model here reads. Day d's hour h is at
 * index d * 24 + h. Days are consecutive: a gap in the data is filled before it gets here.
 */
export const HOURS_PER_DAY = 24;

export interface ExogenousSeries {
  /** What the series is: 'load forecast', 'wind forecast', … */
  readonly name: string;
  /** Published before the day's auction (a day-ahead forecast), so day d's values may be used to forecast day d. */
  readonly values: Float64Array;
}

export interface DailySeries {
  /** The local delivery day of each row, ISO `YYYY-MM-DD`, consecutive. */
  readonly dates: readonly string[];
  /** Prices, dates.length * 24 of them. */
  readonly prices: Float64Array;
  readonly exogenous: readonly ExogenousSeries[];
}

/** Day d's 24 values of a series laid out as DailySeries.prices (a view, not a copy). */
export const dayValues = (values: Float64Array, day: number): Float64Array => values.subarray(day * HOURS_PER_DAY, (day + 1) * HOURS_PER_DAY);

/** Day of the week of an ISO date: 0 Monday … 6 Sunday (the order of epftoolbox's dummies). */
export function weekdayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** Days [from, to) of a series, sharing its memory. */
export function sliceDays(series: DailySeries, from: number, to: number): DailySeries {
  const cut = (values: Float64Array): Float64Array => values.subarray(from * HOURS_PER_DAY, to * HOURS_PER_DAY);
  return {
    dates: series.dates.slice(from, to),
    prices: cut(series.prices),
    exogenous: series.exogenous.map((x) => ({ name: x.name, values: cut(x.values) })),
  };
}
