import { Type, type Static } from '@sinclair/typebox';
import type { ScalingTransform } from '../../../../../shared/ml/scaling-transform.js';
import { applyInvariantScaler, fitInvariantScaler, invertInvariantScaler, type InvariantScaler } from './invariant-scaler.js';
import { applyNpitScaler, fitNpitScaler, invertNpitScaler, NpitColumnJson, npitColumnFromJson, npitColumnToJson, type NpitScaler } from '../../scaling/npit-scaler.js';

/**
 * The scaling a LEAR calibration fits on its window and applies to its inputs and prices, by
 * transform: epftoolbox's asinh-median (invariant-scaler.ts) or N-PIT (npit-scaler.ts). One place
 * dispatches on it and stores it, so the calibration and the model file need not know which.
 */
export type LearScaler = ({ readonly transform: 'asinh' } & InvariantScaler) | ({ readonly transform: 'npit' } & NpitScaler);

/** Fits columns [0, scaled) of a row-major matrix with `columns` columns. */
export function fitLearScaler(transform: ScalingTransform, matrix: Float64Array, columns: number, scaled = columns): LearScaler {
  return transform === 'asinh' ? { transform, ...fitInvariantScaler(matrix, columns, scaled) } : { transform, ...fitNpitScaler(matrix, columns, scaled) };
}

/** Scales the fitted columns of each row in place. */
export function applyLearScaler(scaler: LearScaler, matrix: Float64Array, columns: number): void {
  if (scaler.transform === 'asinh') applyInvariantScaler(scaler, matrix, columns);
  else applyNpitScaler(scaler, matrix, columns);
}

/** Column c's scaled value back to the original units. */
export const invertLearScaler = (scaler: LearScaler, c: number, z: number): number => (scaler.transform === 'asinh' ? invertInvariantScaler(scaler, c, z) : invertNpitScaler(scaler, c, z));

const Floats = Type.Array(Type.Number());
/** A scaler in a model file. Files written before N-PIT existed carry no `transform`: asinh. */
export const LearScalerJson = Type.Union([
  Type.Object({ transform: Type.Optional(Type.Literal('asinh')), median: Floats, mad: Floats }),
  Type.Object({ transform: Type.Literal('npit'), columns: Type.Array(NpitColumnJson) }),
]);
export type LearScalerJson = Static<typeof LearScalerJson>;

export function learScalerToJson(scaler: LearScaler): LearScalerJson {
  if (scaler.transform === 'asinh') return { transform: 'asinh', median: [...scaler.median], mad: [...scaler.mad] };
  return { transform: 'npit', columns: scaler.columns.map(npitColumnToJson) };
}

export function learScalerFromJson(json: LearScalerJson): LearScaler {
  if (json.transform !== 'npit') return { transform: 'asinh', median: Float64Array.from(json.median), mad: Float64Array.from(json.mad) };
  return { transform: 'npit', columns: json.columns.map((column) => npitColumnFromJson(column, 'LEAR')) };
}
