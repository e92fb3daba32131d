import * as tf from '@tensorflow/tfjs-core';
import type { NetworkTrainingHyperparameters } from '../../../../shared/ml/network-training-hyperparameters.js';
import type { SeededRandom } from '../../market/seeded-random.js';
import { TrainingCancelled, type TrainingHooks } from '../forecaster.js';
import type { NamedWeights, Parameters } from './parameters.js';

/**
 * The training loop every network shares: Adam on minibatches of training days (shuffled by the
 * model's own seeded generator), the gradient clipped to a global norm, then after each epoch the
 * validation MAE; training stops when it has not improved for `patience` epochs and the best
 * epoch's weights are kept.
 */

/** Keeps one bad batch (a price spike through an LSTM's likelihood) from throwing the weights far off. */
const GRADIENT_CLIP_NORM = 5;

export interface FitOptions {
  parameters: Parameters;
  /** Days (indices of the series) the network is fitted on. */
  trainingDays: readonly number[];
  /** The loss of a batch of days as a scalar tensor (called inside a tidy). */
  loss(days: readonly number[]): tf.Scalar;
  /** MAE of the held-back days in price units, with the weights as they are. */
  validationMae(): number;
  hyperparameters: NetworkTrainingHyperparameters;
  random: SeededRandom;
  hooks?: TrainingHooks | undefined;
}

export interface FitResult {
  epochs: number;
  bestEpoch: number;
  validationMae: number;
}

/** `days` in an order drawn from `random` (Fisher-Yates). */
export function shuffled<T>(days: readonly T[], random: SeededRandom): T[] {
  const order = [...days];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function clipByGlobalNorm(grads: tf.NamedTensorMap): { name: string; tensor: tf.Tensor }[] {
  const norm = Math.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))).dataSync()[0]!);
  const factor = Math.min(1, GRADIENT_CLIP_NORM / norm);
  return Object.entries(grads).map(([name, tensor]) => ({ name, tensor: factor < 1 ? tf.mul(tensor, factor) : tensor }));
}

// Training is synchronous tensor work: yielding to the event loop between batches is what lets an
// abort land before the next batch (in the worker, a timer reading the engine's cancel flag).
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface EpochRunner {
  /** One pass over the training days in seeded-shuffled minibatches; the mean batch loss. */
  run(): Promise<number>;
  dispose(): void;
}

function epochRunner(options: Pick<FitOptions, 'parameters' | 'trainingDays' | 'loss' | 'random' | 'hooks'>, batchSize: number, learningRate: number): EpochRunner {
  const optimizer = tf.train.adam(learningRate);
  const variables = options.parameters.list();
  return {
    async run() {
      const order = shuffled(options.trainingDays, options.random);
      let total = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        await nextTurn();
        if (options.hooks?.signal?.aborted) throw new TrainingCancelled();
        const batch = order.slice(start, start + batchSize);
        const value = tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => options.loss(batch), variables);
          optimizer.applyGradients(clipByGlobalNorm(grads));
          return value;
        });
        total += value.dataSync()[0]!;
        value.dispose();
        batches++;
      }
      return total / batches;
    },
    dispose: () => optimizer.dispose(),
  };
}

const diverged = (epoch: number, loss: number, mae?: number): Error =>
  new Error(`training diverged at epoch ${epoch} (loss ${String(loss)}${mae === undefined ? '' : `, validation MAE ${String(mae)}`}); try a lower learning rate`);

export async function fitNetwork(options: FitOptions): Promise<FitResult> {
  const { parameters, hyperparameters: hp, hooks } = options;
  const epochs = epochRunner(options, hp.batchSize, hp.learningRate);
  let best: { epoch: number; mae: number; weights: NamedWeights[] } = { epoch: 0, mae: Infinity, weights: parameters.snapshot() };
  let epoch = 0;
  try {
    while (epoch < hp.epochs && epoch - best.epoch < hp.patience) {
      epoch++;
      const loss = await epochs.run();
      const mae = options.validationMae();
      if (!Number.isFinite(loss) || !Number.isFinite(mae)) throw diverged(epoch, loss, mae);
      if (mae < best.mae) best = { epoch, mae, weights: parameters.snapshot() };
      hooks?.onStep?.({ epoch, epochs: hp.epochs, loss, validationMae: mae, stopsAfter: Math.min(hp.epochs, best.epoch + hp.patience) });
    }
    parameters.restore(best.weights);
    return { epochs: epoch, bestEpoch: best.epoch, validationMae: best.mae };
  } finally {
    epochs.dispose();
  }
}

export interface ContinueOptions extends Pick<FitOptions, 'parameters' | 'trainingDays' | 'loss' | 'random' | 'hooks'> {
  epochs: number;
  batchSize: number;
  learningRate: number;
}

/**
 * A fixed number of further epochs on trained weights, keeping the last: recalibration, where
 * the days to learn are the newest ones and there are none left to hold back (so each step
 * reports no validation MAE). A fresh Adam state, so the learning rate should be a fraction of
 * training's (its first steps are full-size).
 */
export async function continueTraining(options: ContinueOptions): Promise<void> {
  const epochs = epochRunner(options, options.batchSize, options.learningRate);
  const before = options.parameters.snapshot();
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const loss = await epochs.run();
      if (!Number.isFinite(loss)) throw diverged(epoch, loss);
      options.hooks?.onStep?.({ epoch, epochs: options.epochs, loss, validationMae: null });
    }
  } catch (error) {
    // A failed or cancelled recalibration leaves the model as it was, never half-moved.
    options.parameters.restore(before);
    throw error;
  } finally {
    epochs.dispose();
  }
}
