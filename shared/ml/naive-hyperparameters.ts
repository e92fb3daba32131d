import { Type, type Static } from '@sinclair/typebox';

/** What the naive benchmark can be trained with (see main/engine/ml/models/naive.ts). */
export const NaiveHyperparameters = Type.Object(
  { quantileDays: Type.Integer({ minimum: 7, maximum: 1456, default: 56, description: 'Days of the rule\'s own errors its quantiles are taken from' }) },
  { additionalProperties: false, title: 'NaiveHyperparameters' },
);
export type NaiveHyperparameters = Static<typeof NaiveHyperparameters>;

