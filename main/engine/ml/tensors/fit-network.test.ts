import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../market/seeded-random.js';
import { TrainingCancelled, type TrainingStep } from '../forecaster.js';
import { continueTraining, fitNetwork } from './fit-network.js';
import { Parameters } from './parameters.js';
import { useWasmBackend } from './tensor-backend.js';

const hyperparameters = {
  seed: 1,
  epochs: 10,
  batchSize: 2,
  learningRate: 0.01,
  patience: 2,
  validationDays: 1,
};

describe('the fitting loop', () => {
  it('stops after `patience` epochs without a better validation MAE and keeps the best epoch\'s weights', async () => {
    await useWasmBackend();
    const parameters = new Parameters();
    const w = parameters.add({ name: 'w', shape: [1], values: Float32Array.from([0]) });
    // Validation scripted per epoch: best at epoch 2, then two worse ones.
    const validation = [5, 4, 6, 7, 1];
    const weightsAfter: number[] = [];
    const steps: TrainingStep[] = [];
    const fit = await fitNetwork({
      parameters,
      trainingDays: [0, 1, 2, 3],
      // Minimised at w = 3: each epoch moves w a little up.
      loss: () => tf.sum(tf.square(tf.sub(w, 3))),
      validationMae: () => {
        weightsAfter.push(w.dataSync()[0]!);
        return validation[weightsAfter.length - 1]!;
      },
      hyperparameters,
      random: new SeededRandom(1),
      hooks: { onStep: (step) => steps.push(step) },
    });
    expect(fit).toEqual({ epochs: 4, bestEpoch: 2, validationMae: 4 });
    // Each step says when training ends unless the validation improves: the best epoch so far plus the patience.
    expect(steps.map((s) => [s.epoch, s.validationMae, s.stopsAfter])).toEqual([[1, 5, 3], [2, 4, 4], [3, 6, 4], [4, 7, 4]]);
    expect(steps[3]!.loss).toBeLessThan(steps[0]!.loss);
    expect(weightsAfter[3]).toBeGreaterThan(weightsAfter[1]!);
    expect(w.dataSync()[0]).toBe(weightsAfter[1]);
    parameters.dispose();
  });

  it('stops with an error when the loss or the validation is no longer a number', async () => {
    await useWasmBackend();
    const parameters = new Parameters();
    const w = parameters.add({ name: 'w', shape: [1], values: Float32Array.from([1]) });
    const before = tf.memory().numTensors;
    await expect(
      fitNetwork({ parameters, trainingDays: [0], loss: () => tf.sum(tf.log(tf.sub(w, 2))), validationMae: () => 1, hyperparameters, random: new SeededRandom(1) }),
    ).rejects.toThrow('training diverged at epoch 1');
    expect(tf.memory().numTensors).toBe(before);
    parameters.dispose();
  });

  it('continues trained weights for exactly the epochs asked and keeps the last; failing or cancelled, restores them', async () => {
    await useWasmBackend();
    const parameters = new Parameters();
    const w = parameters.add({ name: 'w', shape: [1], values: Float32Array.from([0]) });
    const toward3 = { parameters, trainingDays: [0, 1, 2, 3], batchSize: 2, learningRate: 0.05, random: new SeededRandom(1) };
    let batches = 0;
    await continueTraining({
      ...toward3,
      epochs: 3,
      loss: () => {
        batches++;
        return tf.sum(tf.square(tf.sub(w, 3)));
      },
    });
    // 3 epochs of 2 batches; Adam's steps are about the learning rate each, all toward 3.
    expect(batches).toBe(6);
    const after = w.dataSync()[0]!;
    expect(after).toBeGreaterThan(0.25);
    expect(after).toBeLessThan(0.35);

    const before = tf.memory().numTensors;
    let calls = 0;
    // Fine for one batch, then no longer a number: the first step must be undone too.
    await expect(continueTraining({ ...toward3, epochs: 2, loss: () => (++calls > 1 ? tf.sum(tf.log(tf.sub(w, 100))) : tf.sum(tf.square(tf.sub(w, 3)))) })).rejects.toThrow('training diverged');
    expect(w.dataSync()[0]).toBe(after);
    const controller = new AbortController();
    const abortingLoss = (): tf.Scalar => {
      controller.abort();
      return tf.sum(tf.square(tf.sub(w, 3)));
    };
    const cancelled = continueTraining({ ...toward3, epochs: 50, hooks: { signal: controller.signal }, loss: abortingLoss });
    await expect(cancelled).rejects.toBeInstanceOf(TrainingCancelled);
    expect(w.dataSync()[0]).toBe(after);
    expect(tf.memory().numTensors).toBe(before);
    parameters.dispose();
  });
});
