import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../../market/seeded-random.js';
import type { NamedWeights, Parameters } from '../../tensors/parameters.js';
import { affine, affineWeights, grn, grnWeights } from './gated-residual.js';

/**
 * A variable selection network (Lim et al. 2021, section 4.2): each input variable is embedded
 * to the model's width by its own linear map (one-hot weekdays by a dense layer: WebAssembly tfjs
 * cannot train an embedding lookup) and run through its own GRN; a GRN over all of them together
 * gives softmax weights, and the output is the weighted sum. The weights say which inputs the
 * model leans on at each step.
 *
 * Inputs come as [rows, variables, slot]: each variable's values zero-padded to a common slot.
 */
export interface SelectionSize {
  variables: number;
  slot: number;
  width: number;
}

export const variableSelectionWeights = (random: SeededRandom, name: string, { variables, slot, width }: SelectionSize): NamedWeights[] => [
  ...affineWeights(random, `${name}.embedding`, slot, width, variables),
  ...grnWeights(random, `${name}.selection`, { inputs: variables * width, hidden: width, outputs: variables }),
  ...grnWeights(random, `${name}.variable`, { inputs: width, hidden: width, outputs: width, variables }),
];

/** The selected features [rows, width] of x [rows, variables, slot]. */
export function selectVariables(parameters: Parameters, name: string, x: tf.Tensor3D): tf.Tensor2D {
  const [rows, variables] = x.shape;
  const embedded = affine(parameters, `${name}.embedding`, tf.transpose(x, [1, 0, 2])) as tf.Tensor3D;
  const width = embedded.shape[2];
  const flat = tf.reshape(tf.transpose(embedded, [1, 0, 2]), [rows, variables * width]);
  const weights = tf.softmax(grn(parameters, `${name}.selection`, flat) as tf.Tensor2D);
  const processed = tf.transpose(grn(parameters, `${name}.variable`, embedded), [1, 0, 2]) as tf.Tensor3D;
  return tf.reshape(tf.matMul(tf.reshape(weights, [rows, 1, variables]), processed), [rows, width]);
}
