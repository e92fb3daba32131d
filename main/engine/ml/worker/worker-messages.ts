import type { DayForecast, ModelArchitecture } from '../../../../shared/api/ml.js';
import type { NetworkRecalibration } from '../../../../shared/ml/network-recalibration.js';
import type { DailySeries } from '../daily-series.js';
import type { TrainingStep } from '../forecaster.js';

/**
 * What the engine asks of a forecasting worker thread (one task per worker) and what the worker
 * answers. Everything here crosses threads by structured clone: typed arrays, plain data.
 */

interface KindTask {
  /** Where the worker imports the kinds table from (ForecasterKinds.moduleUrl). */
  kindsModule: string;
}

/** Fit on days [0, until) of the series, then forecast each later day of it (the held-back days). */
export interface TrainTask extends KindTask {
  task: 'train';
  architecture: ModelArchitecture;
  hyperparameters: object;
  series: DailySeries;
  until: number;
}

/** Move a saved model on to days [.., until) of the series (TrainedForecaster.recalibrate) and save it again. */
export interface RecalibrateTask extends KindTask {
  task: 'recalibrate';
  architecture: ModelArchitecture;
  bytes: Uint8Array;
  series: DailySeries;
  until: number;
  settings: NetworkRecalibration;
}

/** Forecast the target days (indexes into each model's series, which share their dates) with each model. */
export interface ForecastTask extends KindTask {
  task: 'forecast';
  models: { architecture: ModelArchitecture; bytes: Uint8Array; series: DailySeries }[];
  targets: number[];
}

/** Read a saved model back, to know it is one (and what it is) before it is registered. */
export interface VerifyTask extends KindTask {
  task: 'verify';
  architecture: ModelArchitecture;
  bytes: Uint8Array;
}

export type WorkerTask = TrainTask | RecalibrateTask | ForecastTask | VerifyTask;

/** What a worker thread starts with: its task, and the flag the engine sets to stop it at its next step. */
export interface WorkerData {
  task: WorkerTask;
  /** An Int32Array's memory, shared with the engine: CANCEL_REQUESTED at index 0 asks the task to stop. */
  cancelFlag: SharedArrayBuffer;
}

export const CANCEL_REQUESTED = 1;

export type WorkerOutcome =
  | { type: 'trained'; bytes: Uint8Array; heldBack: DayForecast[] }
  | { type: 'recalibrated'; bytes: Uint8Array }
  | { type: 'forecasts'; forecasts: DayForecast[][] }
  /** What the saved model says it was trained with and reads (TrainedForecaster). */
  | { type: 'verified'; hyperparameters: Record<string, unknown>; exogenous: string[] }
  | { type: 'cancelled' }
  /** `modelIndex`: in a forecast task, the place in its list of the model that failed. */
  | { type: 'failed'; message: string; modelIndex?: number };

export type WorkerReport = { type: 'step'; step: TrainingStep } | WorkerOutcome;
