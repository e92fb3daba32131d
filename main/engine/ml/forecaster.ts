import type { DayForecast, ModelArchitecture } from '../../../shared/api/ml.js';
import type { NetworkRecalibration } from '../../../shared/ml/network-recalibration.js';
import type { DailySeries } from './daily-series.js';

/**
 * What every forecasting model is to the rest of the engine: a kind that trains on a series and
 * reads back a saved model, and a trained forecaster that forecasts one day and saves itself.
 * The training job (in a worker thread), the registry, the routes and bench/epf use only this.
 */

/** One step of training, reported as it ends (an epoch for the networks, a calibration for LEAR). */
export interface TrainingStep {
  epoch: number;
  epochs: number;
  /** The training loss of this step, in the model's own loss (scaled units). */
  loss: number;
  /** MAE of the held-back validation days in prices' own units, where the model holds some back. */
  validationMae: number | null;
  /**
   * Where training stops early: the step it ends after unless the validation MAE improves first
   * (the best step so far plus the patience, at most `epochs`). Absent where every step runs.
   */
  stopsAfter?: number;
}

export interface TrainingHooks {
  onStep?(step: TrainingStep): void;
  /** Aborting stops training at the next step with TrainingCancelled. */
  signal?: AbortSignal;
}

export class TrainingCancelled extends Error {
  constructor() {
    super('Training was cancelled');
    this.name = 'TrainingCancelled';
  }
}

export interface TrainedForecaster {
  readonly architecture: ModelArchitecture;
  /** What it was trained with and the exogenous series it reads, in order, as its bytes hold them (a model file's header must say the same). */
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  readonly exogenous: readonly string[];
  /**
   * Day `target`'s 24 hours, using prices of the days before it only and exogenous series up to
   * and including it (day-ahead forecasts are published before the auction).
   */
  forecastDay(series: DailySeries, target: number): Promise<DayForecast>;
  /**
   * Moves the model on to days [.., until) of `series` without training it anew (LEAR refits its
   * windows; a network takes a few passes over its newest days, as `settings` say). Fails or is
   * cancelled with the model unchanged. Absent where there is nothing to learn (the naive rule).
   */
  recalibrate?(series: DailySeries, until: number, settings: NetworkRecalibration, hooks?: TrainingHooks): Promise<void>;
  /** The model as bytes (its file); the kind's `deserialize` gives back a forecaster that forecasts the same. */
  serialize(): Uint8Array;
  /** Frees what the model holds outside the JavaScript heap (tensors). */
  dispose(): void;
}

export interface ForecasterKind<H extends object> {
  readonly architecture: ModelArchitecture;
  readonly defaults: H;
  /** Fits on days [0, until) of `series` only. */
  train(series: DailySeries, until: number, hyperparameters: H, hooks?: TrainingHooks): Promise<TrainedForecaster>;
  deserialize(bytes: Uint8Array): TrainedForecaster;
}
