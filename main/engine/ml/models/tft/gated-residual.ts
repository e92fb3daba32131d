import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../../market/seeded-random.js';
import { dense, denseWeights } from '../../tensors/dense.js';
import { filled, glorotUniform, type NamedWeights, type Parameters } from '../../tensors/parameters.js';

/**
 * The gating blocks of the Temporal Fusion Transformer (Lim et al. 2021, section 4.1): the gated
 * linear unit, layer normalisation, "gated add & norm" and the gated residual network (GRN).
 *
 * Each comes in two forms: plain, over the last axis of any tensor, or stacked, where weights have
 * a leading axis of one set per input variable and x is [variables, rows, features]: one batched
 * matrix product then runs every variable's own network at once instead of a loop of small ops.
 */

/** An affine map's weights, plain ([in, out]) or one per variable ([variables, in, out]). */
export function affineWeights(random: SeededRandom, name: string, inputs: number, outputs: number, variables: number | null): NamedWeights[] {
  if (variables === null) return denseWeights(random, name, inputs, outputs);
  return [glorotUniform(`${name}.kernel`, [variables, inputs, outputs], inputs, outputs, random), filled(`${name}.bias`, [variables, 1, outputs], 0)];
}

export function affine(parameters: Parameters, name: string, x: tf.Tensor): tf.Tensor {
  const kernel = parameters.get(`${name}.kernel`);
  if (kernel.rank === 2) return dense(parameters, name, x);
  return tf.add(tf.matMul(x as tf.Tensor3D, kernel as tf.Tensor3D), parameters.get(`${name}.bias`));
}

const LAYER_NORM_EPSILON = 1e-5;

function layerNormWeights(name: string, width: number, variables: number | null): NamedWeights[] {
  const shape = variables === null ? [width] : [variables, 1, width];
  return [filled(`${name}.gain`, shape, 1), filled(`${name}.shift`, shape, 0)];
}

export function layerNorm(parameters: Parameters, name: string, x: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)));
  return tf.add(tf.mul(normalised, parameters.get(`${name}.gain`)), parameters.get(`${name}.shift`));
}

export const gluWeights = (random: SeededRandom, name: string, inputs: number, outputs: number, variables: number | null = null): NamedWeights[] =>
  affineWeights(random, name, inputs, 2 * outputs, variables);

/** GLU(x) = σ(W₄x + b₄) ⊙ (W₅x + b₅): the gate can shut a block off where it does not help. */
export function glu(parameters: Parameters, name: string, x: tf.Tensor): tf.Tensor {
  const [gate, value] = tf.split(affine(parameters, name, x), 2, -1) as [tf.Tensor, tf.Tensor];
  return tf.mul(tf.sigmoid(gate), value);
}

export const gatedAddNormWeights = (random: SeededRandom, name: string, width: number): NamedWeights[] => [
  ...gluWeights(random, `${name}.glu`, width, width),
  ...layerNormWeights(`${name}.norm`, width, null),
];

/** LayerNorm(skip + GLU(x)). */
export const gatedAddNorm = (parameters: Parameters, name: string, x: tf.Tensor, skip: tf.Tensor): tf.Tensor =>
  layerNorm(parameters, `${name}.norm`, tf.add(skip, glu(parameters, `${name}.glu`, x)));

export interface GrnSize {
  inputs: number;
  hidden: number;
  outputs: number;
  /** One network per variable (stacked) or one network. */
  variables?: number | null;
}

export function grnWeights(random: SeededRandom, name: string, { inputs, hidden, outputs, variables = null }: GrnSize): NamedWeights[] {
  return [
    ...affineWeights(random, `${name}.hidden`, inputs, hidden, variables),
    ...affineWeights(random, `${name}.intermediate`, hidden, hidden, variables),
    ...gluWeights(random, `${name}.gate`, hidden, outputs, variables),
    // The skip connection needs a projection only where the widths differ.
    ...(inputs === outputs ? [] : affineWeights(random, `${name}.skip`, inputs, outputs, variables)),
    ...layerNormWeights(`${name}.norm`, outputs, variables),
  ];
}

/** GRN(a) = LayerNorm(a + GLU(W₁ ELU(W₂a + b₂) + b₁)) (no context: this model has no static covariates). */
export function grn(parameters: Parameters, name: string, x: tf.Tensor): tf.Tensor {
  const hidden = tf.elu(affine(parameters, `${name}.hidden`, x));
  const intermediate = affine(parameters, `${name}.intermediate`, hidden);
  const skipName = `${name}.skip`;
  const skip = parameters.has(`${skipName}.kernel`) ? affine(parameters, skipName, x) : x;
  return layerNorm(parameters, `${name}.norm`, tf.add(skip, glu(parameters, `${name}.gate`, intermediate)));
}
