import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../market/seeded-random.js';
import { filled, glorotUniform, type NamedWeights, type Parameters } from './parameters.js';

/** A fully connected layer `name`: `name.kernel` [in, out] and `name.bias` [out]. */
export const denseWeights = (random: SeededRandom, name: string, inputs: number, outputs: number): NamedWeights[] => [
  glorotUniform(`${name}.kernel`, [inputs, outputs], inputs, outputs, random),
  filled(`${name}.bias`, [outputs], 0),
];

/**
 * x · kernel + bias over the last axis of x (any rank), through tfjs's fused kernel: one op
 * instead of three, which matters where op dispatch rather than arithmetic dominates (small
 * batches on WebAssembly). Only linear and ReLU have fused gradients in tfjs.
 */
export function dense(parameters: Parameters, name: string, x: tf.Tensor, activation: 'linear' | 'relu' = 'linear'): tf.Tensor {
  const kernel = parameters.get(`${name}.kernel`) as tf.Tensor2D;
  const [inputs, outputs] = kernel.shape;
  const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inputs]);
  const y = tf.fused.matMul({ a: flat, b: kernel, bias: parameters.get(`${name}.bias`), activation });
  return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), outputs]);
}
