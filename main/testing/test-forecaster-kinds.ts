import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { forecasterKinds as buildKinds, registeredKind, type ForecasterKinds } from '../engine/ml/forecaster-kinds.js';
import { QUANTILE_LEVELS } from '../../shared/api/ml.js';
import { dayValues } from '../engine/ml/daily-series.js';
import { WEEKLY_NAIVE_LAG_DAYS } from '../engine/ml/evaluation/weekly-naive.js';
import { TrainingCancelled, type ForecasterKind, type TrainedForecaster } from '../engine/ml/forecaster.js';
import { NAIVE_LOOKBACK_DAYS, naiveKind } from '../engine/ml/models/naive.js';

/**
 * The build's kinds plus two the tests need before the networks land, under architectures the
 * build has no model for yet (the worker thread imports this table by its module URL, as it
 * does the build's):
 * - 'tft': a slow one standing in for a network: it keeps a core busy for `stepMs` per epoch,
 *   reports each epoch and honours cancellation as a network does, then fits the naive rule;
 *   it reads the exogenous series. For what a long training does to the engine.
 * - 'nbeats': the weekly naive forecast (each hour's price a week before), a second forecaster
 *   that really differs from the naive rule, so a comparison's test has something to find.
 */
const SlowHyperparameters = Type.Object(
  { epochs: Type.Integer({ minimum: 1, maximum: 10_000, default: 3 }), stepMs: Type.Integer({ minimum: 0, maximum: 10_000, default: 20 }) },
  { additionalProperties: false },
);

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // A CPU-bound epoch: nothing yields to the event loop.
  }
}

const slowKind: ForecasterKind<{ epochs: number; stepMs: number }> = {
  architecture: 'tft',
  defaults: Value.Create(SlowHyperparameters),
  async train(series, until, { epochs, stepMs }, hooks) {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (hooks?.signal?.aborted) throw new TrainingCancelled();
      busyFor(stepMs);
      hooks?.onStep?.({ epoch, epochs, loss: 1 / epoch, validationMae: null });
    }
    return naiveKind.train(series, until, naiveKind.defaults);
  },
  deserialize: (bytes) => naiveKind.deserialize(bytes),
};

const WeeklyHyperparameters = Type.Object({}, { additionalProperties: false });

function weekly(): TrainedForecaster {
  return {
    architecture: 'nbeats',
    async forecastDay(series, target) {
      const point = [...dayValues(series.prices, target - WEEKLY_NAIVE_LAG_DAYS)];
      return { point, quantiles: QUANTILE_LEVELS.map((level) => ({ level, values: [...point] })) };
    },
    serialize: () => new TextEncoder().encode('weekly naive'),
    dispose: () => undefined,
  };
}

const weeklyKind: ForecasterKind<object> = {
  architecture: 'nbeats',
  defaults: {},
  train: async () => weekly(),
  deserialize(bytes) {
    if (new TextDecoder().decode(bytes) !== 'weekly naive') throw new TypeError('not a weekly naive model');
    return weekly();
  },
};

export const forecasterKinds: ForecasterKinds = {
  moduleUrl: import.meta.url,
  byArchitecture: {
    ...buildKinds.byArchitecture,
    nbeats: registeredKind({ hyperparameters: WeeklyHyperparameters, minimumTrainingDays: () => WEEKLY_NAIVE_LAG_DAYS + 1, inputDays: () => WEEKLY_NAIVE_LAG_DAYS, readsExogenous: () => false, load: async () => weeklyKind }),
    tft: registeredKind({ hyperparameters: SlowHyperparameters, minimumTrainingDays: () => NAIVE_LOOKBACK_DAYS + 1, inputDays: () => NAIVE_LOOKBACK_DAYS, readsExogenous: () => true, load: async () => slowKind }),
  },
};
