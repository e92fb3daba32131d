import { Type, type Static } from '@sinclair/typebox';
import type { ScalingTransform } from '../../../../shared/ml/scaling-transform.js';
import { HOURS_PER_DAY, weekdayOf, type DailySeries } from '../daily-series.js';
import { fitNpitColumn, npitColumnFromJson, NpitColumnJson, npitColumnToJson, npitScale, npitUnscale, type NpitColumn } from '../scaling/npit-scaler.js';

/**
 * How the networks scale each series (the prices, each exogenous series) before they learn, one
 * column a series, fitted on the days they learn from:
 * - asinh, the variance-stabilising transform of the epftoolbox benchmark (Uniejewski et al.
 *   2018): centred on its median, divided by its median absolute deviation / 0.6745 and passed
 *   through asinh, so the spikes of a few hours (NP 2018, PJM 2014) do not dominate the loss;
 * - npit: through the training days' empirical distribution and the normal quantile
 *   (../scaling/npit-scaler.ts), so a training span that straddles a change of price level
 *   still gives each series a standard normal spread.
 * Both are increasing: quantiles and medians map back exactly.
 */
export type ColumnScaler = { readonly transform: 'asinh'; readonly median: number; readonly scale: number } | { readonly transform: 'npit'; readonly column: NpitColumn };

export interface SeriesScaler {
  readonly price: ColumnScaler;
  readonly exogenous: readonly { readonly name: string; readonly scaler: ColumnScaler }[];
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

function fitColumn(transform: ScalingTransform, values: Float64Array): ColumnScaler {
  if (values.length === 0) throw new RangeError('no values to scale');
  if (transform === 'npit') return { transform, column: fitNpitColumn(Float64Array.from(values)) };
  const centre = median(Float64Array.from(values).sort());
  const mad = median(values.map((v) => Math.abs(v - centre)).sort()) / MAD_TO_SIGMA;
  // A column that is constant over most of its values (a flat load forecast, a test series) has no
  // MAD: it is then only centred, never divided by zero.
  return { transform, median: centre, scale: mad > 1e-9 ? mad : 1 };
}

/** The scaler of days [from, until) of a series: what the model learns from (it may know no later day); asinh unless told (a model from before `scaling` existed has none). */
export function fitScaler(series: DailySeries, until: number, from = 0, transform: ScalingTransform = 'asinh'): SeriesScaler {
  const [start, end] = [from * HOURS_PER_DAY, until * HOURS_PER_DAY];
  return {
    price: fitColumn(transform, series.prices.subarray(start, end)),
    exogenous: series.exogenous.map((x) => ({ name: x.name, scaler: fitColumn(transform, x.values.subarray(start, end)) })),
  };
}

const scale = (scaler: ColumnScaler, value: number): number => (scaler.transform === 'asinh' ? Math.asinh((value - scaler.median) / scaler.scale) : npitScale(scaler.column, value));

/** A value in the scaler's units back to the series' own. */
export const unscale = (value: number, scaler: ColumnScaler): number => (scaler.transform === 'asinh' ? Math.sinh(value) * scaler.scale + scaler.median : npitUnscale(scaler.column, value));

const scaleColumn = (values: Float64Array, scaler: ColumnScaler): Float32Array => Float32Array.from(values, (v) => scale(scaler, v));

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
    exogenous: series.exogenous.map((x, i) => scaleColumn(x.values, scaler.exogenous[i]!.scaler)),
    weekdays: Uint8Array.from(series.dates, weekdayOf),
  };
}

/**
 * A column in a model file. Files written before N-PIT existed carry asinh columns without
 * `transform`, each exogenous one with its name beside median and scale: they read as asinh.
 */
const columnJson = <T extends object>(extra: T) =>
  Type.Union([
    Type.Object({ ...extra, transform: Type.Optional(Type.Literal('asinh')), median: Type.Number(), scale: Type.Number() }),
    Type.Object({ ...extra, transform: Type.Literal('npit'), ...NpitColumnJson.properties }),
  ]);
const PriceColumnJson = columnJson({});
const ExogenousColumnJson = columnJson({ name: Type.String() });
export const SeriesScalerJson = Type.Object({ price: PriceColumnJson, exogenous: Type.Array(ExogenousColumnJson) });
export type SeriesScalerJson = Static<typeof SeriesScalerJson>;

const columnToJson = (scaler: ColumnScaler): Static<typeof PriceColumnJson> =>
  scaler.transform === 'asinh' ? { transform: 'asinh', median: scaler.median, scale: scaler.scale } : { transform: 'npit', ...npitColumnToJson(scaler.column) };

function columnFromJson(json: Static<typeof PriceColumnJson>, what: string): ColumnScaler {
  if (json.transform !== 'npit') return { transform: 'asinh', median: json.median, scale: json.scale };
  return { transform: 'npit', column: npitColumnFromJson(json, what) };
}

export const seriesScalerToJson = (scaler: SeriesScaler): SeriesScalerJson => ({
  price: columnToJson(scaler.price),
  exogenous: scaler.exogenous.map(({ name, scaler: column }) => ({ name, ...columnToJson(column) })),
});

/** `what` names the model file in the error when an N-PIT column is not one. */
export const seriesScalerFromJson = (json: SeriesScalerJson, what: string): SeriesScaler => ({
  price: columnFromJson(json.price, what),
  exogenous: json.exogenous.map((column) => ({ name: column.name, scaler: columnFromJson(column, what) })),
});
