import { HOURS_PER_DAY, weekdayOf, type DailySeries } from '../daily-series.js';

/**
 * The variance-stabilising transform of the epftoolbox benchmark (Uniejewski et al. 2018): each
 * series is centred on its median, divided by its median absolute deviation / 0.6745 and passed
 * through asinh, so the spikes of a few hours (NP 2018, PJM 2014) do not dominate a squared or
 * absolute loss. asinh is monotone: quantiles and medians map back exactly through sinh.
 */
export interface ColumnScale {
  median: number;
  scale: number;
}

export interface SeriesScaler {
  price: ColumnScale;
  exogenous: (ColumnScale & { name: string })[];
}

/** A series as the networks read it: scaled prices and exogenous values, and each day's weekday. */
export interface ScaledSeries {
  readonly dates: readonly string[];
  readonly prices: Float32Array;
  readonly exogenous: readonly Float32Array[];
  /** 0 Monday … 6 Sunday. */
  readonly weekdays: Uint8Array;
}

const MAD_TO_SIGMA = 0.6745;

function median(sorted: Float64Array): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function columnScale(values: Float64Array): ColumnScale {
  if (values.length === 0) throw new RangeError('no values to scale');
  const centre = median(Float64Array.from(values).sort());
  const mad = median(values.map((v) => Math.abs(v - centre)).sort()) / MAD_TO_SIGMA;
  // A column that is constant over most of its values (a flat load forecast, a test series) has no
  // MAD: it is then only centred, never divided by zero.
  return { median: centre, scale: mad > 1e-9 ? mad : 1 };
}

/** The scaler of days [from, until) of a series: what the model learns from (it may know no later day). */
export function fitScaler(series: DailySeries, until: number, from = 0): SeriesScaler {
  const [start, end] = [from * HOURS_PER_DAY, until * HOURS_PER_DAY];
  return {
    price: columnScale(series.prices.subarray(start, end)),
    exogenous: series.exogenous.map((x) => ({ name: x.name, ...columnScale(x.values.subarray(start, end)) })),
  };
}

const scaleColumn = (values: Float64Array, { median: centre, scale }: ColumnScale): Float32Array => Float32Array.from(values, (v) => Math.asinh((v - centre) / scale));

export const unscale = (value: number, { median: centre, scale }: ColumnScale): number => Math.sinh(value) * scale + centre;

/** The series in the scaler's units; its exogenous series must be those the scaler was fitted on, in order. */
export function scaleSeries(scaler: SeriesScaler, series: DailySeries): ScaledSeries {
  const names = series.exogenous.map((x) => x.name);
  const expected = scaler.exogenous.map((x) => x.name);
  if (names.join('\u0000') !== expected.join('\u0000')) {
    throw new RangeError(`the model reads exogenous series [${expected.join(', ')}]; the series has [${names.join(', ')}]`);
  }
  return {
    dates: series.dates,
    prices: scaleColumn(series.prices, scaler.price),
    exogenous: series.exogenous.map((x, i) => scaleColumn(x.values, scaler.exogenous[i]!)),
    weekdays: Uint8Array.from(series.dates, weekdayOf),
  };
}
