import { Type, type Static } from '@sinclair/typebox';
import { networkTrainingProperties } from './network-training-hyperparameters.js';

/** What DeepAR can be trained with (see main/engine/ml/models/deepar/). */
export const DeepArHyperparameters = Type.Object(
  {
    ...networkTrainingProperties,
    contextHours: Type.Integer({ minimum: 1, maximum: 336, default: 72, description: 'Hours before the delivery day the network is conditioned on' }),
    hiddenSize: Type.Integer({ minimum: 4, maximum: 128, default: 40, description: 'Units of each LSTM layer' }),
    layers: Type.Integer({ minimum: 1, maximum: 3, default: 2, description: 'Stacked LSTM layers' }),
    samples: Type.Integer({ minimum: 10, maximum: 2000, default: 100, description: 'Sample paths drawn per forecast; point and quantiles are read from them' }),
  },
  { additionalProperties: false, title: 'DeepArHyperparameters' },
);
export type DeepArHyperparameters = Static<typeof DeepArHyperparameters>;
