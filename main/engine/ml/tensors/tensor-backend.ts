import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node build registers no gradient functions (they live in its unbundled ES modules,
// which Node cannot load); the tfjs-layers bundle registers all of core's as it loads.
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-wasm';

/**
 * The tensor backend every network here runs on: tfjs's WebAssembly kernels (SIMD, one thread),
 * about five times the plain-JavaScript backend. Node finds the .wasm binary beside the
 * package's own module, also inside a worker thread, so no setWasmPaths is needed.
 */
let ready: Promise<void> | null = null;

export function useWasmBackend(): Promise<void> {
  ready ??= (async () => {
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs WebAssembly backend did not start');
    await tf.ready();
  })();
  return ready;
}
