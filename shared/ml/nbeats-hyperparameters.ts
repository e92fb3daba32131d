import { Type, type Static } from '@sinclair/typebox';
import { networkTrainingProperties } from './network-training-hyperparameters.js';

/** What N-BEATS can be trained with (see main/engine/ml/models/nbeats/). */
export const NBeatsHyperparameters = Type.Object(
  {
    ...networkTrainingProperties,
    variant: Type.Union([Type.Literal('generic'), Type.Literal('interpretable')], {
      default: 'generic',
      description: 'generic: learned bases; interpretable: a trend stack (polynomial basis) then a seasonality stack (Fourier basis of the day)',
    }),
    lookbackDays: Type.Integer({ minimum: 1, maximum: 28, default: 7, description: 'Days of hourly prices each forecast reads (the backcast)' }),
    stacks: Type.Integer({ minimum: 1, maximum: 8, default: 1, description: 'Stacks of the generic variant (the interpretable variant has its two)' }),
    blocksPerStack: Type.Integer({ minimum: 1, maximum: 8, default: 3 }),
    layers: Type.Integer({ minimum: 1, maximum: 6, default: 3, description: 'Fully connected ReLU layers in each block' }),
    width: Type.Integer({ minimum: 8, maximum: 512, default: 128, description: 'Units of each fully connected layer' }),
    thetaSize: Type.Integer({ minimum: 1, maximum: 256, default: 32, description: 'Expansion coefficients of each generic block\'s learned bases' }),
    trendDegree: Type.Integer({ minimum: 1, maximum: 6, default: 3, description: 'Degree of the interpretable trend polynomial' }),
    harmonics: Type.Integer({ minimum: 1, maximum: 12, default: 8, description: 'Daily Fourier harmonics of the interpretable seasonality basis' }),
  },
  { additionalProperties: false, title: 'NBeatsHyperparameters' },
);
export type NBeatsHyperparameters = Static<typeof NBeatsHyperparameters>;
