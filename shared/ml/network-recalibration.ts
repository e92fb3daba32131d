import { Type, type Static } from '@sinclair/typebox';

/**
 * How a trained network is moved on to newer days without training it again from scratch
 * (main/engine/ml/tensors/network-kind.ts): a few more passes over the newest days, at a
 * fraction of training's learning rate. This is how bench/epf keeps its networks daily, as LEAR
 * is recalibrated daily, at a small part of a training's cost.
 */
export const NetworkRecalibration = Type.Object(
  {
    recentDays: Type.Integer({ minimum: 1, maximum: 730, default: 182, description: 'The newest days passed over again' }),
    epochs: Type.Integer({ minimum: 1, maximum: 20, default: 2, description: 'Passes over those days' }),
    learningRate: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.0001, description: 'Adam step size (a fresh Adam: its first steps are full-size)' }),
    seed: Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, default: 1, description: 'Seeds the order the days are passed over' }),
  },
  { additionalProperties: false, title: 'NetworkRecalibration' },
);
export type NetworkRecalibration = Static<typeof NetworkRecalibration>;
