import { HOURS_PER_DAY, type DailySeries } from '../../daily-series.js';
import { centreDesign, centreTarget, normaliseGram } from './centred-design.js';
import type { ScalingTransform } from '../../../../../shared/ml/scaling-transform.js';
import { aicAlpha } from './lasso-lars-ic.js';
import { lassoCoordinateDescent } from './lasso-coordinate-descent.js';
import { learFeatureCount, learTrainingSet, WEEKDAY_DUMMIES, writeLearFeatures } from './lear-features.js';
import { applyLearScaler, fitLearScaler, invertLearScaler, type LearScaler } from './lear-scaler.js';

/**
 * One calibration of LEAR (epftoolbox/models/_lear.py, LEAR.recalibrate and predict): on the
 * days of one window, scale inputs (all but the weekday dummies) and the 24 prices with the
 * Invariant scaler (or, with the `npit` transform, N-PIT: lear-scaler.ts), then for each hour
 * pick the penalty with LassoLarsIC (AIC) and fit the Lasso with it on the scaled, unnormalised
 * inputs with an intercept. 24 independent linear models.
 */

export interface LearSolverOptions {
  /** sklearn's max_iter of both LassoLarsIC and Lasso in LEAR: 2500. */
  maxIterations: number;
  /** sklearn's Lasso tol: 1e-4. */
  tolerance: number;
  /** See lasso-lars-ic.ts: true reproduces the published forecasts of windows shorter than the inputs. */
  scoreOnSwappedColumns: boolean;
}

export const EPFTOOLBOX_SOLVER: LearSolverOptions = { maxIterations: 2500, tolerance: 1e-4, scoreOnSwappedColumns: true };

/** One hour's model: intercept and the non-zero coefficients, in scaled units. */
export interface LearHourModel {
  intercept: number;
  columns: number[];
  coefficients: number[];
  /** The penalty AIC chose. */
  alpha: number;
  /** Mean squared error on the calibration days, in scaled units. */
  trainingMse: number;
}

export interface LearCalibration {
  window: number;
  /** Names of the exogenous series, in the order the columns use them. */
  exogenous: string[];
  scalerX: LearScaler;
  scalerY: LearScaler;
  hours: LearHourModel[];
}

/** Calibrates on the `window` days before `until` (days [until - window, until)). */
export function calibrateLear(series: DailySeries, until: number, window: number, transform: ScalingTransform = 'asinh', solver: LearSolverOptions = EPFTOOLBOX_SOLVER): LearCalibration {
  if (until > series.dates.length) throw new RangeError(`the series has ${String(series.dates.length)} days; cannot calibrate up to day ${String(until)}`);
  if (until - window < 0) throw new RangeError(`a ${String(window)} day window needs ${String(window)} days before the day forecast; there are ${String(until)}`);
  const { rows, columns, x, y } = learTrainingSet(series, until - window, until);
  const scaled = columns - WEEKDAY_DUMMIES;
  const scalerX = fitLearScaler(transform, x, columns, scaled);
  applyLearScaler(scalerX, x, columns);
  const scalerY = fitLearScaler(transform, y, HOURS_PER_DAY);
  applyLearScaler(scalerY, y, HOURS_PER_DAY);

  const design = centreDesign(x, rows, columns);
  const normalised = normaliseGram(design);
  const hours = Array.from({ length: HOURS_PER_DAY }, (_, h): LearHourModel => {
    const target = centreTarget(design, y, HOURS_PER_DAY, h);
    const { alpha } = aicAlpha(normalised, target, rows, solver);
    const { coef } = lassoCoordinateDescent({ gram: design.gram, xy: target.xy, yy: target.yy, rows }, { alpha, maxIterations: solver.maxIterations, tolerance: solver.tolerance });
    const support = [...coef.keys()].filter((c) => coef[c] !== 0);
    let intercept = target.mean;
    let rss = target.yy;
    for (const i of support) {
      intercept -= design.means[i]! * coef[i]!;
      let row = 0;
      for (const j of support) row += design.gram[i * columns + j]! * coef[j]!;
      rss += coef[i]! * (row - 2 * target.xy[i]!);
    }
    return { intercept, columns: support, coefficients: support.map((c) => coef[c]!), alpha, trainingMse: Math.max(rss, 0) / rows };
  });
  return { window, exogenous: series.exogenous.map((s) => s.name), scalerX, scalerY, hours };
}

/**
 * Day `day`'s 24 prices from a calibration. The series must reach that day (its exogenous values,
 * published the day before; its prices are not read) and carry the same exogenous series.
 */
export function predictLearDay(calibration: LearCalibration, series: DailySeries, day: number): Float64Array {
  if (day >= series.dates.length) throw new RangeError(`day ${String(day)} is not in the series (${String(series.dates.length)} days): its exogenous values are needed`);
  const columns = learFeatureCount(calibration.exogenous.length);
  if (series.exogenous.length !== calibration.exogenous.length) throw new RangeError(`the model was calibrated with ${String(calibration.exogenous.length)} exogenous series (${calibration.exogenous.join(', ')}); the series has ${String(series.exogenous.length)}`);
  const row = new Float64Array(columns);
  writeLearFeatures(series, day, row);
  applyLearScaler(calibration.scalerX, row, columns);
  return Float64Array.from(calibration.hours, (model, h) => {
    let z = model.intercept;
    model.columns.forEach((c, i) => (z += model.coefficients[i]! * row[c]!));
    return invertLearScaler(calibration.scalerY, h, z);
  });
}

/** epftoolbox's recalibrate_and_forecast_next_day: calibrate on the window before `day`, forecast it. */
export const recalibrateAndForecastDay = (series: DailySeries, day: number, window: number, transform: ScalingTransform = 'asinh', solver: LearSolverOptions = EPFTOOLBOX_SOLVER): Float64Array =>
  predictLearDay(calibrateLear(series, day, window, transform, solver), series, day);
