import * as tf from '@tensorflow/tfjs-core';
import { QUANTILE_LEVELS } from '../../../../../shared/api/ml.js';
import { DeepArHyperparameters } from '../../../../../shared/ml/deepar-hyperparameters.js';
import { SeededRandom } from '../../../market/seeded-random.js';
import { HOURS_PER_DAY } from '../../daily-series.js';
import { sampleQuantile } from '../../../../../shared/analytics/quantiles.js';
import type { ScaledSeries } from '../../tensors/series-scaler.js';
import { dense, denseWeights } from '../../tensors/dense.js';
import { hourlyWindows, windowWidth, type HourlyVariable, type HourlyWindow } from '../../tensors/feature-windows.js';
import { lstmStep, lstmWeights, runLstm, type LstmState } from '../../tensors/lstm.js';
import { networkKind, type Network, type NetworkDefinition, type NetworkShape } from '../../tensors/network-kind.js';
import type { NamedWeights, Parameters } from '../../tensors/parameters.js';
import { deepArHistoryDays, WEEK_BEFORE } from '../network-history.js';

/**
 * DeepAR (Salinas et al. 2020) over hourly steps: stacked LSTMs read, at each hour t, the price
 * of the hour before (the autoregressive input), covariates known in advance (the price 24 and
 * 168 hours before, each exogenous day-ahead forecast, the hour of the day, the weekday), and
 * give the mean and standard deviation of a Gaussian for the price at t.
 *
 * Training: negative log-likelihood over windows of `contextHours` before a day and the day's 24
 * hours, with teacher forcing (the actual previous price as input). Forecasting: the network is
 * run over the context hours on actual prices, then `samples` paths are drawn hour by hour, each
 * draw fed back as the next hour's input (ancestral sampling); quantiles are the paths' sample
 * quantiles and the point forecast is their median (asinh is monotone, so the median maps back
 * to prices exactly, where a mean would not). Draws are seeded by the model's seed and the
 * target's date: a forecast is a function of the model and the data.
 *
 * The Gaussian is on the asinh-median scale, which already has heavy tails in prices; the
 * paper's per-series mean scaling is left out (one market per model, scaled globally).
 */

const MIN_SIGMA = 1e-3;

/** The autoregressive input comes first, so a sampled value replaces column 0 alone. */
function variables(shape: NetworkShape): HourlyVariable[] {
  return [
    { kind: 'price', lagHours: 1 },
    { kind: 'price', lagHours: 24 },
    WEEK_BEFORE,
    ...Array.from({ length: shape.exogenous }, (_, index): HourlyVariable => ({ kind: 'exogenous', index })),
    { kind: 'hourOfDay' },
    { kind: 'weekday' },
  ];
}

const contextWindow = (hp: DeepArHyperparameters, shape: NetworkShape, steps: number): HourlyWindow => ({ firstStep: -hp.contextHours, steps, variables: variables(shape), slot: null });
const dayWindow = (shape: NetworkShape): HourlyWindow => ({ firstStep: 0, steps: HOURS_PER_DAY, variables: variables(shape), slot: null });

const layerName = (layer: number): string => `lstm${String(layer)}`;

function initialWeights(hp: DeepArHyperparameters, shape: NetworkShape, random: SeededRandom): NamedWeights[] {
  const inputs = windowWidth(dayWindow(shape));
  return [
    ...Array.from({ length: hp.layers }, (_, l) => lstmWeights(random, layerName(l), l === 0 ? inputs : hp.hiddenSize, hp.hiddenSize)).flat(),
    ...denseWeights(random, 'likelihood', hp.hiddenSize, 2),
  ];
}

/** The Gaussian's mean and standard deviation from the top layer's output [.., hidden]. */
function likelihood(parameters: Parameters, top: tf.Tensor): { mu: tf.Tensor; sigma: tf.Tensor } {
  const [mu, rawSigma] = tf.split(dense(parameters, 'likelihood', top), 2, -1) as [tf.Tensor, tf.Tensor];
  return { mu: tf.squeeze(mu, [-1]), sigma: tf.add(tf.softplus(tf.squeeze(rawSigma, [-1])), MIN_SIGMA) };
}

/** The seed of one forecast's draws: the model's seed and the day, never the call order. */
function drawSeed(modelSeed: number, date: string): number {
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return (Math.imul(modelSeed, 0x9e3779b1) ^ day) >>> 0;
}

function build(parameters: Parameters, hp: DeepArHyperparameters, shape: NetworkShape): Network {
  const featureWidth = windowWidth(dayWindow(shape));

  /** The stack over a sequence x [batch, steps, features]: the top layer's outputs and each layer's last state. */
  function runStack(x: tf.Tensor3D): { top: tf.Tensor3D; states: LstmState[] } {
    let input = x;
    const states: LstmState[] = [];
    for (let l = 0; l < hp.layers; l++) {
      const { outputs, state } = runLstm(parameters, layerName(l), input);
      states.push(state);
      input = outputs;
    }
    return { top: input, states };
  }

  /** `hp.samples` paths [days × samples, 24] of each target day, in scaled units. */
  function samplePaths(series: ScaledSeries, days: readonly number[]): tf.Tensor2D {
    const batch = days.length;
    const n = hp.samples;
    const rows = batch * n;
    const context = tf.tensor3d(hourlyWindows(series, days, contextWindow(hp, shape, hp.contextHours)), [batch, hp.contextHours, featureWidth]);
    const repeat = (t: tf.Tensor2D): tf.Tensor2D => tf.reshape(tf.tile(tf.expandDims(t, 1), [1, n, 1]), [rows, t.shape[1]]);
    let states = runStack(context).states.map((s) => ({ h: repeat(s.h), c: repeat(s.c) }));
    const known = tf.unstack(tf.tensor3d(hourlyWindows(series, days, dayWindow(shape)), [batch, HOURS_PER_DAY, featureWidth]), 1) as tf.Tensor2D[];
    const noise = new Float32Array(rows * HOURS_PER_DAY);
    days.forEach((d, i) => {
      const random = new SeededRandom(drawSeed(hp.seed, series.dates[d]!));
      for (let j = i * n * HOURS_PER_DAY; j < (i + 1) * n * HOURS_PER_DAY; j++) noise[j] = random.normal();
    });
    const epsilon = tf.unstack(tf.tensor2d(noise, [rows, HOURS_PER_DAY]), 1) as tf.Tensor1D[];
    // Hour 0's autoregressive input is the last actual price, already in the known window's column 0.
    let previous = tf.reshape<tf.Rank.R1>(tf.slice(repeat(known[0]!), [0, 0], [rows, 1]), [rows]);
    const draws: tf.Tensor1D[] = [];
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      // Each hour in its own tidy, keeping only the new states and the draw: with thousands of
      // paths, every gate of every hour kept until the end would take gigabytes.
      const step = tf.tidy(() => {
        let input: tf.Tensor2D = tf.concat([tf.reshape(previous, [rows, 1]), tf.slice(repeat(known[h]!), [0, 1], [rows, featureWidth - 1])], 1);
        const next = states.map((state, l) => {
          const advanced = lstmStep(parameters, layerName(l), input, state);
          input = advanced.h;
          return advanced;
        });
        const { mu, sigma } = likelihood(parameters, input);
        return [tf.add(mu, tf.mul(sigma, epsilon[h]!)), ...next.flatMap((state) => [state.h, state.c])];
      });
      tf.dispose(states.flatMap((state) => [state.h, state.c]));
      states = states.map((_, l) => ({ h: step[1 + 2 * l] as tf.Tensor2D, c: step[2 + 2 * l] as tf.Tensor2D }));
      previous = step[0] as tf.Tensor1D;
      draws.push(previous);
    }
    return tf.stack(draws, 1) as tf.Tensor2D;
  }

  return {
    loss(series, days) {
      const steps = hp.contextHours + HOURS_PER_DAY;
      const window = contextWindow(hp, shape, steps);
      const x = tf.tensor3d(hourlyWindows(series, days, window), [days.length, steps, featureWidth]);
      const actual = tf.tensor2d(hourlyWindows(series, days, { ...window, variables: [{ kind: 'price', lagHours: 0 }] }), [days.length, steps]);
      const { mu, sigma } = likelihood(parameters, runStack(x).top);
      const z = tf.div(tf.sub(actual, mu), sigma);
      return tf.mean(tf.add(tf.log(sigma), tf.mul(tf.square(z), 0.5)));
    },
    forecast(series, days) {
      const paths = tf.tidy(() => samplePaths(series, days));
      const values = paths.dataSync();
      paths.dispose();
      const n = hp.samples;
      const median = QUANTILE_LEVELS.indexOf(0.5);
      return days.map((_, i) => {
        const byLevel = QUANTILE_LEVELS.map(() => new Float64Array(HOURS_PER_DAY));
        for (let h = 0; h < HOURS_PER_DAY; h++) {
          const draws = Array.from({ length: n }, (_, s) => values[(i * n + s) * HOURS_PER_DAY + h]!).sort((a, b) => a - b);
          QUANTILE_LEVELS.forEach((level, l) => (byLevel[l]![h] = sampleQuantile(draws, level)));
        }
        return { point: byLevel[median]!, quantiles: byLevel };
      });
    },
  };
}

const definition: NetworkDefinition<DeepArHyperparameters> = {
  architecture: 'deepar',
  schema: DeepArHyperparameters,
  historyDays: deepArHistoryDays,
  quantiles: 'network',
  initialWeights,
  build,
};

export const deeparKind = networkKind(definition);
