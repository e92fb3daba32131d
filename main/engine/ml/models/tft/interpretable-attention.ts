import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../../market/seeded-random.js';
import { dense, denseWeights } from '../../tensors/dense.js';
import type { NamedWeights, Parameters } from '../../tensors/parameters.js';

/**
 * Interpretable multi-head attention (Lim et al. 2021, section 4.4): each head has its own query
 * and key projections but all share one value projection, and the heads' attention weights are
 * averaged before they are applied, so one attention pattern explains the output. Written with
 * batched matrix products (tfjs's einsum does not train on WebAssembly).
 */
export interface AttentionSize {
  width: number;
  heads: number;
}

export const headWidth = ({ width, heads }: AttentionSize): number => Math.max(1, Math.floor(width / heads));

export function attentionWeights(random: SeededRandom, name: string, size: AttentionSize): NamedWeights[] {
  const dk = headWidth(size);
  return [
    ...denseWeights(random, `${name}.query`, size.width, size.heads * dk),
    ...denseWeights(random, `${name}.key`, size.width, size.heads * dk),
    ...denseWeights(random, `${name}.value`, size.width, dk),
    ...denseWeights(random, `${name}.output`, dk, size.width),
  ];
}

/**
 * Attention of queries [batch, q, width] over keys [batch, k, width]; `mask` [q, k] adds −∞ (a
 * large negative) where a query may not look (the future). Returns [batch, q, width].
 */
export function attend(parameters: Parameters, name: string, heads: number, queries: tf.Tensor3D, keys: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  const [batch, q] = queries.shape;
  const k = keys.shape[1];
  const perHead = (projection: string, x: tf.Tensor3D, length: number): tf.Tensor4D => {
    const projected = dense(parameters, `${name}.${projection}`, x);
    const dk = projected.shape[2]! / heads;
    return tf.transpose(tf.reshape(projected, [batch, length, heads, dk]), [0, 2, 1, 3]);
  };
  const query = perHead('query', queries, q);
  const key = perHead('key', keys, k);
  const value = dense(parameters, `${name}.value`, keys) as tf.Tensor3D;
  const scores = tf.add(tf.mul(tf.matMul(query, key, false, true), 1 / Math.sqrt(query.shape[3])), mask);
  const attention = tf.mean<tf.Tensor3D>(tf.softmax(scores), 1);
  return dense(parameters, `${name}.output`, tf.matMul(attention, value)) as tf.Tensor3D;
}
