import * as tf from '@tensorflow/tfjs-core';
import { QUANTILE_LEVELS } from '../../../../../shared/api/ml.js';
import { TftHyperparameters } from '../../../../../shared/ml/tft-hyperparameters.js';
import type { SeededRandom } from '../../../market/seeded-random.js';
import { HOURS_PER_DAY } from '../../daily-series.js';
import type { ScaledSeries } from '../../tensors/series-scaler.js';
import { dense, denseWeights } from '../../tensors/dense.js';
import { dayPrices, hourlyWindows, type HourlyVariable, type HourlyWindow } from '../../tensors/feature-windows.js';
import { lstmWeights, runLstm } from '../../tensors/lstm.js';
import { networkKind, type Network, type NetworkDefinition, type NetworkShape } from '../../tensors/network-kind.js';
import type { NamedWeights, Parameters } from '../../tensors/parameters.js';
import { gatedAddNorm, gatedAddNormWeights, grn, grnWeights } from './gated-residual.js';
import { attend, attentionWeights } from './interpretable-attention.js';
import { selectVariables, variableSelectionWeights } from './variable-selection.js';
import { tftHistoryDays, WEEK_BEFORE } from '../network-history.js';

/**
 * The Temporal Fusion Transformer (Lim et al. 2021) for a day's 24 hourly prices.
 *
 * Inputs, hour by hour: known ones (each exogenous day-ahead forecast, the price 24 and 168 hours
 * before, the hour of the day, the weekday) over the encoder's hours and the target day's 24;
 * observed ones (the price itself) over the encoder's hours only. Past and known inputs have
 * their own variable selection networks; an LSTM encoder reads the `encoderHours` before the day
 * and hands its state to an LSTM decoder over the day's hours; a gated skip adds the selected
 * inputs back; interpretable multi-head attention lets each hour of the day look at every hour
 * before it; gated residual blocks and a linear head give the 7 quantiles of QUANTILE_LEVELS for
 * each hour, trained with the pinball loss.
 *
 * Omitted, as there are no static covariates (one market per model): the static covariate
 * encoders, static enrichment and the static context of the selection networks and of the LSTM's
 * initial state (zeros here). No dropout: early stopping on the validation days regularises.
 * Quantiles are sorted hour by hour before use (monotone rearrangement), and the point forecast
 * is the median.
 */

/** Each variable's values zero-padded to the widest (the one-hot weekday). */
const SLOT = 7;

function knownVariables(shape: NetworkShape): HourlyVariable[] {
  return [
    ...Array.from({ length: shape.exogenous }, (_, index): HourlyVariable => ({ kind: 'exogenous', index })),
    { kind: 'price', lagHours: 24 },
    WEEK_BEFORE,
    { kind: 'hourOfDay' },
    { kind: 'weekday' },
  ];
}

const encoderWindow = (hp: TftHyperparameters, shape: NetworkShape): HourlyWindow => ({
  firstStep: -hp.encoderHours,
  steps: hp.encoderHours,
  variables: [{ kind: 'price', lagHours: 0 }, ...knownVariables(shape)],
  slot: SLOT,
});
const decoderWindow = (shape: NetworkShape): HourlyWindow => ({ firstStep: 0, steps: HOURS_PER_DAY, variables: knownVariables(shape), slot: SLOT });

function initialWeights(hp: TftHyperparameters, shape: NetworkShape, random: SeededRandom): NamedWeights[] {
  const width = hp.hiddenSize;
  return [
    ...variableSelectionWeights(random, 'pastSelection', { variables: encoderWindow(hp, shape).variables.length, slot: SLOT, width }),
    ...variableSelectionWeights(random, 'knownSelection', { variables: decoderWindow(shape).variables.length, slot: SLOT, width }),
    ...lstmWeights(random, 'encoder', width, width),
    ...lstmWeights(random, 'decoder', width, width),
    ...gatedAddNormWeights(random, 'lstmGate', width),
    ...attentionWeights(random, 'attention', { width, heads: hp.heads }),
    ...gatedAddNormWeights(random, 'attentionGate', width),
    ...grnWeights(random, 'positionwise', { inputs: width, hidden: width, outputs: width }),
    ...gatedAddNormWeights(random, 'outputGate', width),
    ...denseWeights(random, 'quantiles', width, QUANTILE_LEVELS.length),
  ];
}

/** Pinball loss of quantile forecasts [.., levels] against actual values [..], averaged. */
function pinballLoss(actual: tf.Tensor, quantiles: tf.Tensor): tf.Scalar {
  const levels = tf.tensor1d([...QUANTILE_LEVELS]);
  const error = tf.sub(tf.expandDims(actual, -1), quantiles);
  return tf.mean(tf.maximum(tf.mul(levels, error), tf.mul(tf.sub(levels, 1), error)));
}

/** Attention mask [24, encoder + 24]: hour i of the day sees the encoder and hours 0 … i of the day. */
function causalMask(encoderHours: number): Float32Array {
  const keys = encoderHours + HOURS_PER_DAY;
  const mask = new Float32Array(HOURS_PER_DAY * keys);
  for (let i = 0; i < HOURS_PER_DAY; i++) mask.fill(-1e9, i * keys + encoderHours + i + 1, (i + 1) * keys);
  return mask;
}

function build(parameters: Parameters, hp: TftHyperparameters, shape: NetworkShape): Network {
  const width = hp.hiddenSize;
  const encoder = encoderWindow(hp, shape);
  const decoder = decoderWindow(shape);
  const mask = causalMask(hp.encoderHours);

  /** Quantiles [days, 24, levels] of the target days, unsorted. */
  function forward(series: ScaledSeries, days: readonly number[]): tf.Tensor3D {
    const batch = days.length;
    const select = (name: string, window: HourlyWindow): tf.Tensor3D => {
      const x = tf.tensor3d(hourlyWindows(series, days, window), [batch * window.steps, window.variables.length, SLOT]);
      return tf.reshape(selectVariables(parameters, name, x), [batch, window.steps, width]);
    };
    const past = select('pastSelection', encoder);
    const known = select('knownSelection', decoder);
    const encoded = runLstm(parameters, 'encoder', past);
    const decoded = runLstm(parameters, 'decoder', known, encoded.state);
    const temporal = gatedAddNorm(parameters, 'lstmGate', tf.concat([encoded.outputs, decoded.outputs], 1), tf.concat([past, known], 1)) as tf.Tensor3D;
    const day = tf.slice(temporal, [0, hp.encoderHours, 0], [batch, HOURS_PER_DAY, width]);
    const attended = attend(parameters, 'attention', hp.heads, day, temporal, tf.tensor2d(mask, [HOURS_PER_DAY, hp.encoderHours + HOURS_PER_DAY]));
    const enriched = gatedAddNorm(parameters, 'attentionGate', attended, day);
    const output = gatedAddNorm(parameters, 'outputGate', grn(parameters, 'positionwise', enriched), day);
    return dense(parameters, 'quantiles', output) as tf.Tensor3D;
  }

  return {
    loss(series, days) {
      return pinballLoss(tf.tensor2d(dayPrices(series, days), [days.length, HOURS_PER_DAY]), forward(series, days));
    },
    forecast(series, days) {
      const quantiles = tf.tidy(() => forward(series, days));
      const values = quantiles.dataSync();
      quantiles.dispose();
      const levels = QUANTILE_LEVELS.length;
      const median = QUANTILE_LEVELS.indexOf(0.5);
      return days.map((_, i) => {
        const byLevel = QUANTILE_LEVELS.map(() => new Float32Array(HOURS_PER_DAY));
        for (let h = 0; h < HOURS_PER_DAY; h++) {
          const offset = (i * HOURS_PER_DAY + h) * levels;
          const sorted = values.slice(offset, offset + levels).sort();
          sorted.forEach((v, l) => (byLevel[l]![h] = v));
        }
        return { point: byLevel[median]!, quantiles: byLevel };
      });
    },
  };
}

const definition: NetworkDefinition<TftHyperparameters> = {
  architecture: 'tft',
  schema: TftHyperparameters,
  historyDays: tftHistoryDays,
  quantiles: 'network',
  initialWeights,
  build,
};

export const tftKind = networkKind(definition);
