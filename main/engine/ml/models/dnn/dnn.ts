import * as tf from '@tensorflow/tfjs-core';
import { DnnHyperparameters } from '../../../../../shared/ml/dnn-hyperparameters.js';
import { HOURS_PER_DAY } from '../../daily-series.js';
import { dense, denseWeights } from '../../tensors/dense.js';
import { dayPrices, exogenousDays, priceDays, weekdayOneHot } from '../../tensors/feature-windows.js';
import { networkKind, type Network, type NetworkDefinition, type NetworkShape } from '../../tensors/network-kind.js';
import type { NamedWeights, Parameters } from '../../tensors/parameters.js';
import { pointForecasts } from '../../tensors/point-forecasts.js';
import type { ScaledSeries } from '../../tensors/series-scaler.js';
import type { SeededRandom } from '../../../market/seeded-random.js';
import { dnnHistoryDays } from '../network-history.js';

/**
 * The DNN of the epftoolbox benchmark (Lago et al. 2021, "Forecasting day-ahead electricity
 * prices: a review of state-of-the-art algorithms, best practices and an open-access
 * benchmark"): a multilayer perceptron mapping a day's inputs to its 24 prices at once. Inputs:
 * the 24 prices of each of `priceLagDays` before the target (d−1, d−2, d−3, d−7), every
 * exogenous series on each of `exogenousLagDays` (d, d−1, d−7), and the target's weekday
 * (one-hot here; the benchmark feeds it as one number). Trained on the MAE of the scaled prices
 * plus an L1 penalty on the kernels, with dropout after each hidden layer where asked, early-stopped
 * on whole weeks drawn at random. Its quantiles are its own errors on those weeks (residual
 * quantiles). Not carried over: the benchmark's batch normalisation, which its published
 * hyperparameter searches may switch on.
 */

const inputWidth = (hp: DnnHyperparameters, shape: NetworkShape): number => (hp.priceLagDays.length + hp.exogenousLagDays.length * shape.exogenous) * HOURS_PER_DAY + 7;

const layerName = (l: number): string => `hidden${String(l)}`;

/**
 * The dropout seed of a training batch, from the model's seed and the batch's days (FNV-1a): the
 * masks follow from the data alone, so a model recalibrated after a reload learns what it would
 * have learnt before it, and shuffling gives each epoch other masks.
 */
function batchSeed(seed: number, days: readonly number[]): number {
  let hash = (2166136261 ^ seed) >>> 0;
  for (const day of days) hash = Math.imul(hash ^ day, 16777619) >>> 0;
  return hash;
}

function initialWeights(hp: DnnHyperparameters, shape: NetworkShape, random: SeededRandom): NamedWeights[] {
  const widths = [inputWidth(hp, shape), ...hp.hiddenLayers];
  return [...hp.hiddenLayers.flatMap((units, l) => denseWeights(random, layerName(l), widths[l]!, units)), ...denseWeights(random, 'output', widths.at(-1)!, HOURS_PER_DAY)];
}

function build(parameters: Parameters, hp: DnnHyperparameters, shape: NetworkShape): Network {
  const kernels = [...hp.hiddenLayers.map((_, l) => layerName(l)), 'output'].map((name) => parameters.get(`${name}.kernel`));

  const inputs = (series: ScaledSeries, days: readonly number[]): tf.Tensor2D =>
    tf.concat(
      [
        tf.tensor2d(priceDays(series, days, hp.priceLagDays), [days.length, hp.priceLagDays.length * HOURS_PER_DAY]),
        tf.tensor2d(exogenousDays(series, days, hp.exogenousLagDays), [days.length, hp.exogenousLagDays.length * shape.exogenous * HOURS_PER_DAY]),
        tf.tensor2d(weekdayOneHot(series, days), [days.length, 7]),
      ],
      1,
    );

  /** The network's output; with `dropoutSeed`, a training step's, each hidden layer's outputs dropped at random. */
  function forward(x: tf.Tensor2D, dropoutSeed: number | null): tf.Tensor2D {
    let hidden: tf.Tensor = x;
    hp.hiddenLayers.forEach((_, l) => {
      // ReLU is fused into the layer's matMul; the others follow it.
      if (hp.activation === 'relu') hidden = dense(parameters, layerName(l), hidden, 'relu');
      else hidden = (hp.activation === 'tanh' ? tf.tanh : tf.softplus)(dense(parameters, layerName(l), hidden));
      if (dropoutSeed !== null && hp.dropout > 0) hidden = tf.dropout(hidden, hp.dropout, undefined, dropoutSeed + l);
    });
    return dense(parameters, 'output', hidden) as tf.Tensor2D;
  }

  return {
    loss(series, days) {
      const actual = tf.tensor2d(dayPrices(series, days), [days.length, HOURS_PER_DAY]);
      const mae = tf.mean<tf.Scalar>(tf.abs(tf.sub(actual, forward(inputs(series, days), batchSeed(hp.seed, days)))));
      if (hp.l1 === 0) return mae;
      return tf.add<tf.Scalar>(mae, tf.mul(hp.l1, tf.addN(kernels.map((kernel) => tf.sum(tf.abs(kernel))))));
    },
    forecast: (series, days) => pointForecasts(days, () => forward(inputs(series, days), null)),
  };
}

const definition: NetworkDefinition<DnnHyperparameters> = {
  architecture: 'dnn',
  schema: DnnHyperparameters,
  historyDays: dnnHistoryDays,
  calibrationDays: (hp) => hp.calibrationDays,
  validationSampling: (hp) => hp.validationSampling,
  quantiles: 'residuals',
  initialWeights,
  build,
};

export const dnnKind = networkKind(definition);
