import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../market/seeded-random.js';
import { filled, glorotUniform, type NamedWeights, type Parameters } from './parameters.js';

/**
 * A long short-term memory layer (Hochreiter & Schmidhuber 1997) in tfjs-core ops, gates in the
 * order input, forget, cell, output. The inputs' projection is one matrix product over every
 * step at once; only the recurrent product runs step by step, which halves the work of the loop
 * that dominates training time.
 */
export interface LstmState {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
}

export function lstmWeights(random: SeededRandom, name: string, inputs: number, hidden: number): NamedWeights[] {
  // Forget gate bias 1 (Jozefowicz et al. 2015): the cell keeps its memory until it learns not to.
  const bias = filled(`${name}.bias`, [4 * hidden], 0);
  bias.values.fill(1, hidden, 2 * hidden);
  return [
    glorotUniform(`${name}.input`, [inputs, 4 * hidden], inputs, 4 * hidden, random),
    glorotUniform(`${name}.recurrent`, [hidden, 4 * hidden], hidden, 4 * hidden, random),
    bias,
  ];
}

export const lstmHidden = (parameters: Parameters, name: string): number => parameters.get(`${name}.recurrent`).shape[0];

export function zeroState(batch: number, hidden: number): LstmState {
  return { h: tf.zeros([batch, hidden]), c: tf.zeros([batch, hidden]) };
}

/** One step from the inputs' projection `projected` [batch, 4 × hidden]. */
function stepProjected(parameters: Parameters, name: string, projected: tf.Tensor2D, state: LstmState): LstmState {
  const z = tf.add(projected, tf.matMul(state.h, parameters.get(`${name}.recurrent`) as tf.Tensor2D));
  const [i, f, g, o] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const c = tf.add<tf.Tensor2D>(tf.mul(tf.sigmoid(f), state.c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
  return { h: tf.mul<tf.Tensor2D>(tf.sigmoid(o), tf.tanh(c)), c };
}

/** One step of the layer on inputs x [batch, inputs] (for sampling, one step at a time). */
export function lstmStep(parameters: Parameters, name: string, x: tf.Tensor2D, state: LstmState): LstmState {
  const projected = tf.fused.matMul({ a: x, b: parameters.get(`${name}.input`), bias: parameters.get(`${name}.bias`) }) as tf.Tensor2D;
  return stepProjected(parameters, name, projected, state);
}

/** The layer over a sequence x [batch, steps, inputs]: every step's output [batch, steps, hidden] and the last state. */
export function runLstm(parameters: Parameters, name: string, x: tf.Tensor3D, initial?: LstmState): { outputs: tf.Tensor3D; state: LstmState } {
  const [batch, steps, inputs] = x.shape;
  const hidden = lstmHidden(parameters, name);
  const projected = tf.fused.matMul({ a: tf.reshape(x, [batch * steps, inputs]), b: parameters.get(`${name}.input`), bias: parameters.get(`${name}.bias`) });
  const byStep = tf.unstack(tf.transpose(tf.reshape(projected, [batch, steps, 4 * hidden]), [1, 0, 2])) as tf.Tensor2D[];
  let state: LstmState = initial ?? zeroState(batch, hidden);
  const outputs: tf.Tensor2D[] = [];
  for (const p of byStep) {
    state = stepProjected(parameters, name, p, state);
    outputs.push(state.h);
  }
  return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, state };
}
