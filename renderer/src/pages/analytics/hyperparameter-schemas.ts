import type { ModelArchitecture } from '../../../../shared/api/ml.js';
import { DnnHyperparameters } from '../../../../shared/ml/dnn-hyperparameters.js';
import { DeepArHyperparameters } from '../../../../shared/ml/deepar-hyperparameters.js';
import { LearHyperparameters } from '../../../../shared/ml/lear-hyperparameters.js';
import { NaiveHyperparameters } from '../../../../shared/ml/naive-hyperparameters.js';
import { NBeatsHyperparameters } from '../../../../shared/ml/nbeats-hyperparameters.js';
import { TftHyperparameters } from '../../../../shared/ml/tft-hyperparameters.js';
import type { HyperparameterSchema } from './hyperparameter-fields.js';

/**
 * The hyperparameter schema of each architecture whose schema this build has (shared/ml/<model>-
 * hyperparameters.ts, the one the engine checks against): the train form draws its fields from
 * it. An architecture without one trains with its defaults. One line per model, added with it.
 */
export const HYPERPARAMETER_SCHEMAS: Partial<Record<ModelArchitecture, HyperparameterSchema>> = {
  naive: NaiveHyperparameters,
  lear: LearHyperparameters,
  tft: TftHyperparameters,
  nbeats: NBeatsHyperparameters,
  deepar: DeepArHyperparameters,
  dnn: DnnHyperparameters,
};
