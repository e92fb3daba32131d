import type { Static, TObject } from '@sinclair/typebox';
import type { ModelArchitecture } from '../../../shared/api/ml.js';
import { DnnHyperparameters } from '../../../shared/ml/dnn-hyperparameters.js';
import { DeepArHyperparameters } from '../../../shared/ml/deepar-hyperparameters.js';
import { LearHyperparameters } from '../../../shared/ml/lear-hyperparameters.js';
import { NaiveHyperparameters } from '../../../shared/ml/naive-hyperparameters.js';
import { NBeatsHyperparameters } from '../../../shared/ml/nbeats-hyperparameters.js';
import { TftHyperparameters } from '../../../shared/ml/tft-hyperparameters.js';
import type { ForecasterKind } from './forecaster.js';
import { LEAR_LOOKBACK_DAYS } from './models/lear/lear-features.js';
import { NAIVE_LOOKBACK_DAYS, naiveKind } from './models/naive.js';
import { deepArHistoryDays, dnnConflicts, dnnHistoryDays, nbeatsHistoryDays, networkTrainingDays, tftHistoryDays } from './models/network-history.js';

/**
 * The forecasting models this terminal trains: architecture -> kind. Adding a model is one entry
 * in `forecasterKinds` below; an architecture without one answers MODEL_NOT_AVAILABLE.
 */

/** A kind as the service sees it, its hyperparameter type erased: they are checked against `hyperparameters` before they reach it. */
export interface RegisteredKind {
  /** TypeBox schema of the hyperparameters, with defaults: a request's are checked and completed against it. */
  readonly hyperparameters: TObject;
  /** Fewest days of prices training needs (before the days the service holds back to measure it). */
  minimumTrainingDays(hyperparameters: object): number;
  /** Days before the target day a forecast reads (prices, and exogenous series up to the target). */
  inputDays(hyperparameters: object): number;
  /** What is wrong between hyperparameters that each passed the schema (a window shorter than the days it holds back); none where not given. */
  conflicts?(hyperparameters: object): HyperparameterConflict[];
  /** Whether the model reads the exogenous series (load, wind, solar forecasts): a model that does needs them for every day it forecasts. */
  readsExogenous(hyperparameters: object): boolean;
  /** How its models are moved on to newer days (TrainedForecaster.recalibrate); null where there is nothing to learn. */
  readonly recalibration: RecalibrationNeeds | null;
  /** The kind itself, imported where it runs (the worker thread): a network's module brings tfjs with it. */
  load(): Promise<ForecasterKind<object>>;
}

/** A hyperparameter that cannot be used with the others: its name and why. */
export interface HyperparameterConflict {
  name: string;
  message: string;
}

/** What a recalibration reads: the days of prices up to the last one it learns. */
export type RecalibrationNeeds<H = object> =
  /** LEAR: each window refitted on its own days (the longest's are all it reads); it takes no settings. */
  | { by: 'windows'; days(hyperparameters: H): number }
  /** A network: passes over its newest `recentDays` (NetworkRecalibration), each day read with the history before it. */
  | { by: 'settings'; historyDays(hyperparameters: H): number };

export interface ForecasterKinds {
  /** The module exporting this table as `forecasterKinds`: the worker thread imports the table from there. */
  readonly moduleUrl: string;
  readonly byArchitecture: Partial<Record<ModelArchitecture, RegisteredKind>>;
}

/**
 * One entry of a table, typed against its own schema where it is written; as a RegisteredKind its
 * hyperparameter type is erased (the service passes only hyperparameters that passed the schema).
 */
export function registeredKind<S extends TObject>(entry: {
  hyperparameters: S;
  minimumTrainingDays(hyperparameters: Static<S>): number;
  inputDays(hyperparameters: Static<S>): number;
  conflicts?(hyperparameters: Static<S>): HyperparameterConflict[];
  readsExogenous(hyperparameters: Static<S>): boolean;
  recalibration: RecalibrationNeeds<Static<S>> | null;
  load(): Promise<ForecasterKind<Static<S>>>;
}): RegisteredKind {
  return entry;
}


export const forecasterKinds: ForecasterKinds = {
  moduleUrl: import.meta.url,
  byArchitecture: {
    naive: registeredKind({ hyperparameters: NaiveHyperparameters, minimumTrainingDays: () => NAIVE_LOOKBACK_DAYS + 1, inputDays: () => NAIVE_LOOKBACK_DAYS, readsExogenous: () => false, recalibration: null, load: async () => naiveKind }),
    // A calibration window counts the days its features look back over (epftoolbox's layout).
    lear: registeredKind({
      hyperparameters: LearHyperparameters,
      minimumTrainingDays: (hp) => Math.max(...hp.calibrationWindows),
      inputDays: () => LEAR_LOOKBACK_DAYS,
      readsExogenous: () => true,
      recalibration: { by: 'windows', days: (hp) => Math.max(...hp.calibrationWindows) },
      load: async () => (await import('./models/lear/lear.js')).learKind,
    }),
    // The networks read every exogenous series the zone has, and load tfjs only in the worker.
    tft: registeredKind({
      hyperparameters: TftHyperparameters,
      minimumTrainingDays: (hp) => networkTrainingDays(tftHistoryDays(hp), hp),
      inputDays: tftHistoryDays,
      readsExogenous: () => true,
      recalibration: { by: 'settings', historyDays: tftHistoryDays },
      load: async () => (await import('./models/tft/tft.js')).tftKind,
    }),
    nbeats: registeredKind({
      hyperparameters: NBeatsHyperparameters,
      minimumTrainingDays: (hp) => networkTrainingDays(nbeatsHistoryDays(hp), hp),
      inputDays: nbeatsHistoryDays,
      readsExogenous: () => true,
      recalibration: { by: 'settings', historyDays: nbeatsHistoryDays },
      load: async () => (await import('./models/nbeats/nbeats.js')).nbeatsKind,
    }),
    deepar: registeredKind({
      hyperparameters: DeepArHyperparameters,
      minimumTrainingDays: (hp) => networkTrainingDays(deepArHistoryDays(hp), hp),
      inputDays: deepArHistoryDays,
      readsExogenous: () => true,
      recalibration: { by: 'settings', historyDays: deepArHistoryDays },
      load: async () => (await import('./models/deepar/deepar.js')).deeparKind,
    }),
    dnn: registeredKind({
      hyperparameters: DnnHyperparameters,
      minimumTrainingDays: (hp) => networkTrainingDays(dnnHistoryDays(hp), hp),
      inputDays: dnnHistoryDays,
      conflicts: dnnConflicts,
      readsExogenous: (hp) => hp.exogenousLagDays.length > 0,
      recalibration: { by: 'settings', historyDays: dnnHistoryDays },
      load: async () => (await import('./models/dnn/dnn.js')).dnnKind,
    }),
  },
};
