import { Type, type Static } from '@sinclair/typebox';
import { networkTrainingProperties } from './network-training-hyperparameters.js';

/** What the Temporal Fusion Transformer can be trained with (see main/engine/ml/models/tft/). */
export const TftHyperparameters = Type.Object(
  {
    ...networkTrainingProperties,
    // 24 rather than 72: on NP (4 years to 2016-12-26) validation MAE 1.248 against 1.265 in a
    // third of the time; the price 24 and 168 hours back are inputs of every hour anyway.
    encoderHours: Type.Integer({ minimum: 1, maximum: 336, default: 24, description: 'Hours before the delivery day the LSTM encoder and the attention read' }),
    hiddenSize: Type.Integer({ minimum: 4, maximum: 128, default: 32, description: 'Width of every gated residual network, the LSTMs and the attention' }),
    heads: Type.Integer({ minimum: 1, maximum: 8, default: 4, description: 'Attention heads (sharing one value projection, averaged)' }),
  },
  { additionalProperties: false, title: 'TftHyperparameters' },
);
export type TftHyperparameters = Static<typeof TftHyperparameters>;
