import { Type, type Static } from '@sinclair/typebox';
import { networkTrainingProperties } from './network-training-hyperparameters.js';

/**
 * What the DNN (the epftoolbox benchmark's multilayer perceptron, main/engine/ml/models/dnn/) can
 * be trained with. Its training defaults are the benchmark's own (up to 1000 epochs, early
 * stopping after 20 without improvement, batches of 192 days, validation on whole weeks drawn at
 * random), not the other networks'.
 */
export const DnnHyperparameters = Type.Object(
  {
    ...networkTrainingProperties,
    epochs: Type.Integer({ minimum: 1, maximum: 1000, default: 1000, description: 'Most passes over the training days; early stopping ends sooner' }),
    batchSize: Type.Integer({ minimum: 1, maximum: 1024, default: 192, description: 'Days per gradient step' }),
    patience: Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'Epochs without a better validation MAE before training stops (the best epoch\'s weights are kept)' }),
    validationDays: Type.Integer({ minimum: 7, maximum: 730, default: 182, description: 'Days held back to measure validation MAE (rounded down to whole weeks when sampled by weeks)' }),
    calibrationDays: Type.Optional(
      Type.Integer({
        minimum: 28,
        maximum: 3650,
        description: 'Learn from the newest N days before the training end only, the validation days among them (the benchmark: 4 years, 1456); every day given when left out',
      }),
    ),
    validationSampling: Type.Union([Type.Literal('weeks'), Type.Literal('latest')], {
      default: 'weeks',
      description: 'weeks: whole weeks drawn at random from the training span, as the benchmark does; latest: the last days before the training end',
    }),
    hiddenLayers: Type.Array(Type.Integer({ minimum: 8, maximum: 1024 }), { minItems: 1, maxItems: 4, default: [256, 128], description: 'Units of each hidden layer, input side first' }),
    activation: Type.Union([Type.Literal('relu'), Type.Literal('softplus'), Type.Literal('tanh')], { default: 'relu', description: 'Activation of the hidden layers' }),
    dropout: Type.Number({ minimum: 0, maximum: 0.9, default: 0, description: 'Share of each hidden layer\'s outputs dropped at each training step (none when forecasting)' }),
    l1: Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'Weight of the L1 penalty on every layer\'s kernel, added to the loss (the benchmark\'s regularisation)' }),
    priceLagDays: Type.Array(Type.Integer({ minimum: 1, maximum: 14 }), { minItems: 1, maxItems: 8, uniqueItems: true, default: [1, 2, 3, 7], description: 'Days before the target whose 24 prices are inputs' }),
    exogenousLagDays: Type.Array(Type.Integer({ minimum: 0, maximum: 14 }), { maxItems: 8, uniqueItems: true, default: [0, 1, 7], description: 'Days relative to the target (0: the target day) whose exogenous series are inputs' }),
  },
  { additionalProperties: false, title: 'DnnHyperparameters' },
);
export type DnnHyperparameters = Static<typeof DnnHyperparameters>;
