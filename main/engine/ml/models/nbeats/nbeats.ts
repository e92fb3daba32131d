import * as tf from '@tensorflow/tfjs-core';
import { NBeatsHyperparameters } from '../../../../../shared/ml/nbeats-hyperparameters.js';
import { HOURS_PER_DAY } from '../../daily-series.js';
import { dense, denseWeights } from '../../tensors/dense.js';
import { dayPrices, exogenousDays, priceLookback, weekdayOneHot } from '../../tensors/feature-windows.js';
import { networkKind, type Network, type NetworkDefinition, type NetworkShape } from '../../tensors/network-kind.js';
import type { NamedWeights, Parameters } from '../../tensors/parameters.js';
import { pointForecasts } from '../../tensors/point-forecasts.js';
import type { ScaledSeries } from '../../tensors/series-scaler.js';
import type { SeededRandom } from '../../../market/seeded-random.js';
import { seasonalityBasis, trendBasis, type Basis } from './nbeats-bases.js';
import { NBEATS_EXOGENOUS_LAGS, nbeatsHistoryDays } from '../network-history.js';

/**
 * N-BEATS (Oreshkin et al. 2020) for a day's 24 prices, with exogenous inputs as N-BEATSx
 * (Olivares et al. 2023): blocks of fully connected ReLU layers, each reading what is left of the
 * price lookback plus the covariates and giving a backcast (taken off the lookback: doubly
 * residual) and a forecast (summed over blocks). Covariates: every exogenous series over the
 * target day and the day before, and the target's weekday; they enter each block's input and are
 * never backcast. Trained on MAE of the scaled prices; its quantiles are its own errors on the
 * validation days (residual quantiles), since its loss gives it no distribution.
 * Interpretable blocks do not share weights within a stack (the paper's option, not its rule).
 */

type BlockKind = 'generic' | 'trend' | 'seasonality';

function blockKinds(hp: NBeatsHyperparameters): BlockKind[] {
  const stacks: BlockKind[] = hp.variant === 'generic' ? Array<BlockKind>(hp.stacks).fill('generic') : ['trend', 'seasonality'];
  return stacks.flatMap((kind) => Array<BlockKind>(hp.blocksPerStack).fill(kind));
}

const covariateWidth = (shape: NetworkShape): number => NBEATS_EXOGENOUS_LAGS.length * shape.exogenous * HOURS_PER_DAY + 7;

function basisOf(kind: BlockKind, hp: NBeatsHyperparameters): Basis | null {
  const lookbackHours = hp.lookbackDays * HOURS_PER_DAY;
  if (kind === 'trend') return trendBasis(hp.trendDegree, lookbackHours);
  if (kind === 'seasonality') return seasonalityBasis(hp.harmonics, lookbackHours);
  return null;
}

function initialWeights(hp: NBeatsHyperparameters, shape: NetworkShape, random: SeededRandom): NamedWeights[] {
  const lookbackHours = hp.lookbackDays * HOURS_PER_DAY;
  return blockKinds(hp).flatMap((kind, b) => {
    const name = `block${String(b)}`;
    const theta = basisOf(kind, hp)?.rows ?? hp.thetaSize;
    const layers = Array.from({ length: hp.layers }, (_, l) => denseWeights(random, `${name}.fc${String(l)}`, l === 0 ? lookbackHours + covariateWidth(shape) : hp.width, hp.width));
    const heads = [...denseWeights(random, `${name}.thetaBackcast`, hp.width, theta), ...denseWeights(random, `${name}.thetaForecast`, hp.width, theta)];
    const learnedBases = kind === 'generic' ? [...denseWeights(random, `${name}.backcastBasis`, theta, lookbackHours), ...denseWeights(random, `${name}.forecastBasis`, theta, HOURS_PER_DAY)] : [];
    return [...layers.flat(), ...heads, ...learnedBases];
  });
}

function build(parameters: Parameters, hp: NBeatsHyperparameters, shape: NetworkShape): Network {
  const lookbackHours = hp.lookbackDays * HOURS_PER_DAY;
  // A fixed basis for each interpretable block, null for a generic one (its bases are learned).
  const bases = blockKinds(hp).map((kind) => basisOf(kind, hp));

  const inputs = (series: ScaledSeries, days: readonly number[]): { lookback: tf.Tensor2D; covariates: tf.Tensor2D } => ({
    lookback: tf.tensor2d(priceLookback(series, days, hp.lookbackDays), [days.length, lookbackHours]),
    covariates: tf.concat([tf.tensor2d(exogenousDays(series, days, NBEATS_EXOGENOUS_LAGS), [days.length, covariateWidth(shape) - 7]), tf.tensor2d(weekdayOneHot(series, days), [days.length, 7])], 1),
  });

  /** The summed forecast [days, 24] of every block. */
  function forward(lookback: tf.Tensor2D, covariates: tf.Tensor2D): tf.Tensor2D {
    let residual = lookback;
    let forecast: tf.Tensor2D = tf.zeros([lookback.shape[0], HOURS_PER_DAY]);
    bases.forEach((basis, b) => {
      const name = `block${String(b)}`;
      let hidden: tf.Tensor = tf.concat([residual, covariates], 1);
      for (let l = 0; l < hp.layers; l++) hidden = dense(parameters, `${name}.fc${String(l)}`, hidden, 'relu');
      const thetaBackcast = dense(parameters, `${name}.thetaBackcast`, hidden) as tf.Tensor2D;
      const thetaForecast = dense(parameters, `${name}.thetaForecast`, hidden) as tf.Tensor2D;
      const [backcast, blockForecast] =
        basis === null
          ? [dense(parameters, `${name}.backcastBasis`, thetaBackcast) as tf.Tensor2D, dense(parameters, `${name}.forecastBasis`, thetaForecast) as tf.Tensor2D]
          : [tf.matMul(thetaBackcast, tf.tensor2d(basis.backcast, [basis.rows, lookbackHours])), tf.matMul(thetaForecast, tf.tensor2d(basis.forecast, [basis.rows, HOURS_PER_DAY]))];
      residual = tf.sub(residual, backcast);
      forecast = tf.add(forecast, blockForecast);
    });
    return forecast;
  }

  return {
    loss(series, days) {
      const { lookback, covariates } = inputs(series, days);
      const actual = tf.tensor2d(dayPrices(series, days), [days.length, HOURS_PER_DAY]);
      return tf.mean(tf.abs(tf.sub(actual, forward(lookback, covariates))));
    },
    forecast: (series, days) =>
      pointForecasts(days, () => {
        const { lookback, covariates } = inputs(series, days);
        return forward(lookback, covariates);
      }),
  };
}

const definition: NetworkDefinition<NBeatsHyperparameters> = {
  architecture: 'nbeats',
  schema: NBeatsHyperparameters,
  historyDays: nbeatsHistoryDays,
  quantiles: 'residuals',
  initialWeights,
  build,
};

export const nbeatsKind = networkKind(definition);
