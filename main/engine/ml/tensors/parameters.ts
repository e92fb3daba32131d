import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../market/seeded-random.js';

/** One named array of weights, as a model file stores it. */
export interface NamedWeights {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * A network's trainable weights by name. Initial values are drawn from the model's own seeded
 * generator rather than tfjs's initialisers, so the same seed gives the same network on any
 * backend, and the names are what a model file stores and reads back.
 */
export class Parameters {
  private readonly variables = new Map<string, tf.Variable>();

  add(weights: NamedWeights): tf.Variable {
    if (this.variables.has(weights.name)) throw new Error(`weights ${weights.name} are defined twice`);
    // In a tidy: the initial tensor is released once the variable holds its data.
    const variable = tf.tidy(() => tf.variable(tf.tensor(weights.values, weights.shape, 'float32'), true, `${weights.name}#${String(nextId++)}`));
    this.variables.set(weights.name, variable);
    return variable;
  }

  has(name: string): boolean {
    return this.variables.has(name);
  }

  get(name: string): tf.Variable {
    const variable = this.variables.get(name);
    if (!variable) throw new Error(`the network has no weights named ${name}`);
    return variable;
  }

  list(): tf.Variable[] {
    return [...this.variables.values()];
  }

  /** Total count of trainable numbers. */
  count(): number {
    return this.list().reduce((sum, v) => sum + v.size, 0);
  }

  /** Every array's current values, in definition order (copies, not tensors). */
  snapshot(): NamedWeights[] {
    return [...this.variables].map(([name, v]) => ({ name, shape: [...v.shape], values: v.dataSync<'float32'>().slice() }));
  }

  restore(weights: readonly NamedWeights[]): void {
    for (const w of weights) {
      const variable = this.get(w.name);
      if (w.shape.join('x') !== variable.shape.join('x')) throw new Error(`weights ${w.name} are ${w.shape.join('x')}; the network expects ${variable.shape.join('x')}`);
      tf.tidy(() => {
        variable.assign(tf.tensor(w.values, w.shape, 'float32'));
      });
    }
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}

// tfjs variable names are global to the engine: two models (or a model and its copy read back)
// with the same weight names must not collide.
let nextId = 0;

/** Glorot/Xavier uniform: keeps activations' variance through a layer of `fanIn` → `fanOut`. */
export function glorotUniform(name: string, shape: number[], fanIn: number, fanOut: number, random: SeededRandom): NamedWeights {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((a, b) => a * b, 1);
  return { name, shape, values: Float32Array.from({ length: size }, () => (2 * random.uniform() - 1) * limit) };
}

export function filled(name: string, shape: number[], value: number): NamedWeights {
  return { name, shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value) };
}
