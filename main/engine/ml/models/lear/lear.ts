import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LearHyperparameters } from '../../../../../shared/ml/lear-hyperparameters.js';
import type { ScalingTransform } from '../../../../../shared/ml/scaling-transform.js';
import { HOURS_PER_DAY, type DailySeries } from '../../daily-series.js';
import { residualOffsets, withResidualQuantiles } from '../../evaluation/residual-quantiles.js';
import { TrainingCancelled, type ForecasterKind, type TrainedForecaster, type TrainingHooks } from '../../forecaster.js';
import { calibrateLear, predictLearDay, type LearCalibration } from './lear-calibration.js';
import { LEAR_LOOKBACK_DAYS } from './lear-features.js';
import { LearScalerJson, learScalerFromJson, learScalerToJson } from './lear-scaler.js';

/**
 * LEAR as a forecaster of the terminal: one calibration per window and transform on the days
 * before the end of training (the mean of them with several), quantile bands from out-of-sample errors.
 * The benchmark recalibrates every day (recalibrateAndForecastDay); a trained model here keeps
 * its coefficients, as the registry needs, until the trader recalibrates it (`recalibrate`).
 */

/** Days of in-sample errors the bands come from when no day could be left out of sample. */
const IN_SAMPLE_DAYS = 28;

const ArtifactSchema = Type.Object({
  architecture: Type.Literal('lear'),
  hyperparameters: LearHyperparameters,
  exogenous: Type.Array(Type.String()),
  calibrations: Type.Array(
    Type.Object({
      window: Type.Integer(),
      scalerX: LearScalerJson,
      scalerY: LearScalerJson,
      hours: Type.Array(Type.Object({ intercept: Type.Number(), columns: Type.Array(Type.Integer()), coefficients: Type.Array(Type.Number()), alpha: Type.Number(), trainingMse: Type.Number() }), { minItems: 24, maxItems: 24 }),
    }),
    { minItems: 1 },
  ),
  offsets: Type.Array(Type.Array(Type.Number())),
});
type Artifact = Static<typeof ArtifactSchema>;

const toArtifactCalibration = (c: LearCalibration): Artifact['calibrations'][number] => ({
  window: c.window,
  scalerX: learScalerToJson(c.scalerX),
  scalerY: learScalerToJson(c.scalerY),
  hours: c.hours,
});

const fromArtifactCalibration = (c: Artifact['calibrations'][number], exogenous: string[]): LearCalibration => ({
  window: c.window,
  exogenous,
  scalerX: learScalerFromJson(c.scalerX),
  scalerY: learScalerFromJson(c.scalerY),
  hours: c.hours,
});

/** The mean of the calibrations' forecasts of `day`. */
function ensembleDay(calibrations: readonly LearCalibration[], series: DailySeries, day: number): Float64Array {
  const mean = new Float64Array(HOURS_PER_DAY);
  for (const calibration of calibrations) predictLearDay(calibration, series, day).forEach((v, h) => (mean[h]! += v / calibrations.length));
  return mean;
}

function checkSeries(series: DailySeries, exogenous: readonly string[]): void {
  const names = series.exogenous.map((s) => s.name);
  if (names.join('\u0000') !== exogenous.join('\u0000')) throw new RangeError(`the model was trained with the exogenous series [${exogenous.join(', ')}]; this series has [${names.join(', ')}]`);
}

const meanTrainingMse = (calibrations: readonly LearCalibration[]): number => calibrations.flatMap((c) => c.hours).reduce((sum, h) => sum + h.trainingMse, 0) / (calibrations.length * HOURS_PER_DAY);

/** The calibrations a model holds: each window with each transform, in that order. */
const calibrationsOf = (hp: LearHyperparameters): { window: number; transform: ScalingTransform }[] => hp.calibrationWindows.flatMap((window) => hp.transforms.map((transform) => ({ window, transform })));

function checkCalibrationEnd(series: DailySeries, until: number, windows: readonly number[]): void {
  const longest = Math.max(...windows);
  if (!Number.isInteger(until) || until > series.dates.length) throw new RangeError(`cannot calibrate up to day ${String(until)} of a ${String(series.dates.length)} day series`);
  if (until < longest) throw new RangeError(`LEAR with a ${String(longest)} day window needs at least ${String(longest)} days of history; got ${String(until)}`);
}

function forecaster(trained: Artifact): TrainedForecaster {
  let artifact = trained;
  let calibrations = artifact.calibrations.map((c) => fromArtifactCalibration(c, artifact.exogenous));
  return {
    architecture: 'lear',
    hyperparameters: trained.hyperparameters,
    exogenous: trained.exogenous,
    async forecastDay(series, target) {
      checkSeries(series, artifact.exogenous);
      return withResidualQuantiles([...ensembleDay(calibrations, series, target)], artifact.offsets);
    },
    /**
     * Each window calibrated anew on the days before `until`, as the benchmark does every day;
     * the bands keep the out-of-sample errors measured at training (measuring them again would
     * cost a calibration per day of them). LEAR takes no settings: its windows and transforms are its own.
     */
    async recalibrate(series, until, _settings, hooks = {}) {
      checkSeries(series, artifact.exogenous);
      checkCalibrationEnd(series, until, artifact.hyperparameters.calibrationWindows);
      const planned = calibrationsOf(artifact.hyperparameters);
      const moved: LearCalibration[] = [];
      for (const { window, transform } of planned) {
        await yieldToEventLoop();
        if (hooks.signal?.aborted) throw new TrainingCancelled();
        moved.push(calibrateLear(series, until, window, transform));
        hooks.onStep?.({ epoch: moved.length, epochs: planned.length, loss: meanTrainingMse(moved), validationMae: null });
      }
      calibrations = moved;
      artifact = { ...artifact, calibrations: moved.map(toArtifactCalibration) };
    },
    serialize: () => new TextEncoder().encode(JSON.stringify(artifact)),
    dispose: () => undefined,
  };
}

/** Residuals (actual - forecast) of each calibration's own training days, the last `days` of them. */
function inSampleResiduals(series: DailySeries, until: number, calibrations: readonly LearCalibration[], days: number): Float64Array {
  const first = until - days;
  const residuals = new Float64Array(days * HOURS_PER_DAY);
  for (let day = first; day < until; day++) {
    const forecast = ensembleDay(calibrations, series, day);
    for (let h = 0; h < HOURS_PER_DAY; h++) residuals[(day - first) * HOURS_PER_DAY + h] = series.prices[day * HOURS_PER_DAY + h]! - forecast[h]!;
  }
  return residuals;
}

async function trainLear(series: DailySeries, until: number, hyperparameters: LearHyperparameters, hooks: TrainingHooks): Promise<TrainedForecaster> {
  checkCalibrationEnd(series, until, hyperparameters.calibrationWindows);
  const longest = Math.max(...hyperparameters.calibrationWindows);
  const outOfSample = Math.min(hyperparameters.quantileDays, until - longest);
  const steps = outOfSample + 1;
  const calibrate = (end: number): LearCalibration[] => calibrationsOf(hyperparameters).map(({ window, transform }) => calibrateLear(series, end, window, transform));

  // Out-of-sample errors: each of the last `outOfSample` days forecast by calibrations that end the day before it.
  const residuals = new Float64Array(outOfSample * HOURS_PER_DAY);
  let absoluteError = 0;
  for (let i = 0; i < outOfSample; i++) {
    await yieldToEventLoop();
    if (hooks.signal?.aborted) throw new TrainingCancelled();
    const day = until - outOfSample + i;
    const calibrations = calibrate(day);
    const forecast = ensembleDay(calibrations, series, day);
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const error = series.prices[day * HOURS_PER_DAY + h]! - forecast[h]!;
      residuals[i * HOURS_PER_DAY + h] = error;
      absoluteError += Math.abs(error);
    }
    hooks.onStep?.({ epoch: i + 1, epochs: steps, loss: meanTrainingMse(calibrations), validationMae: absoluteError / ((i + 1) * HOURS_PER_DAY) });
  }

  await yieldToEventLoop();
  if (hooks.signal?.aborted) throw new TrainingCancelled();
  const calibrations = calibrate(until);
  const validationMae = outOfSample > 0 ? absoluteError / (outOfSample * HOURS_PER_DAY) : null;
  hooks.onStep?.({ epoch: steps, epochs: steps, loss: meanTrainingMse(calibrations), validationMae });
  // In-sample errors understate a Lasso's (most of all on short windows): used only when no day is left out of sample.
  const offsets = residualOffsets(outOfSample > 0 ? residuals : inSampleResiduals(series, until, calibrations, Math.min(IN_SAMPLE_DAYS, until - LEAR_LOOKBACK_DAYS)));
  return forecaster({ architecture: 'lear', hyperparameters, exogenous: series.exogenous.map((s) => s.name), calibrations: calibrations.map(toArtifactCalibration), offsets });
}

export const learKind: ForecasterKind<LearHyperparameters> = {
  architecture: 'lear',
  defaults: Value.Create(LearHyperparameters),
  train: (series, until, hyperparameters, hooks = {}) => trainLear(series, until, hyperparameters, hooks),
  deserialize(bytes) {
    // A file written before `transforms` existed holds asinh calibrations only: the default says so.
    const artifact: unknown = Value.Default(ArtifactSchema, JSON.parse(new TextDecoder().decode(bytes)));
    if (!Value.Check(ArtifactSchema, artifact)) throw new TypeError('not a LEAR model file');
    return forecaster(artifact);
  },
};
