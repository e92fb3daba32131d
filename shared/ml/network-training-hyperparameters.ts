import { Type, type Static } from '@sinclair/typebox';
import { ScalingTransform } from './scaling-transform.js';

/**
 * How every neural forecaster (TFT, N-BEATS, DeepAR, DNN) is fitted: the same loop (Adam, seeded
 * shuffling, early stopping on held-back days) reads these; each model's own schema adds its
 * architecture's sizes to them.
 */
export const networkTrainingProperties = {
  seed: Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, default: 1, description: 'Seeds initial weights, shuffling and sampling: the same seed and data give the same model' }),
  epochs: Type.Integer({ minimum: 1, maximum: 1000, default: 60, description: 'Most passes over the training days; early stopping may end sooner' }),
  batchSize: Type.Integer({ minimum: 1, maximum: 1024, default: 32, description: 'Days per gradient step' }),
  learningRate: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.001, description: 'Adam step size' }),
  patience: Type.Integer({ minimum: 1, maximum: 1000, default: 8, description: 'Epochs without a better validation MAE before training stops (the best epoch\'s weights are kept)' }),
  validationDays: Type.Integer({ minimum: 1, maximum: 730, default: 56, description: 'The last days before the training end, held back to measure validation MAE' }),
  // Optional, so model files and benchmark settings from before it existed read as asinh unchanged.
  scaling: Type.Optional(
    Type.Union(ScalingTransform.anyOf, {
      default: 'asinh',
      description:
        "How prices and exogenous series are scaled for the network: asinh (epftoolbox's asinh-median) or npit (each series through its training days' empirical distribution, then the normal quantile)",
    }),
  ),
};

export const NetworkTrainingHyperparameters = Type.Object(networkTrainingProperties);
export type NetworkTrainingHyperparameters = Static<typeof NetworkTrainingHyperparameters>;
