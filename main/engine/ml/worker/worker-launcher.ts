import { Worker } from 'node:worker_threads';
import type { TrainingStep } from '../forecaster.js';
import { CANCEL_REQUESTED, type WorkerData, type WorkerOutcome, type WorkerReport, type WorkerTask } from './worker-messages.js';

/** How long a worker told to cancel may take to reach its next step before its thread is stopped outright. */
const CANCEL_GRACE_MS = 5_000;

export interface WorkerRun {
  /** Resolves once, with the task's outcome; never rejects (a crashed thread is a 'failed' outcome). */
  readonly outcome: Promise<WorkerOutcome>;
  /** Asks the task to stop at its next step; a thread that does not within the grace period is terminated. */
  cancel(): void;
}

/**
 * The worker's script. Built (dist/, the packaged app) it is the compiled ml-worker.js beside this
 * module. Run from the TypeScript sources (vitest runs them without building), Node cannot load
 * .ts in a worker by itself: typescript-worker.mjs registers a loader that compiles each .ts file
 * with the typescript package (a devDependency, present wherever sources are run) and then
 * imports ml-worker.ts, so tests always run the sources they see, never a stale build.
 */
function workerScript(): { url: URL; entry: string | null } {
  if (import.meta.url.endsWith('.js')) return { url: new URL('./ml-worker.js', import.meta.url), entry: null };
  return { url: new URL('./typescript-worker.mjs', import.meta.url), entry: new URL('./ml-worker.ts', import.meta.url).href };
}

/** Runs one task in a worker thread of its own, ended when the task is: a model's memory (tensors, WASM heap) goes with it. */
export function startWorker(task: WorkerTask, onStep: (step: TrainingStep) => void = () => undefined): WorkerRun {
  const script = workerScript();
  const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const workerData: WorkerData & { entry: string | null } = { task, cancelFlag, entry: script.entry };
  const worker = new Worker(script.url, { workerData });
  let cancelRequested = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const outcome = new Promise<WorkerOutcome>((resolve) => {
    let settled = false;
    const finish = (result: WorkerOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      resolve(result);
      void worker.terminate();
    };
    worker.on('message', (message: WorkerReport) => {
      if (message.type === 'step') onStep(message.step);
      else finish(message);
    });
    worker.on('error', (error) => finish({ type: 'failed', message: `the worker thread failed: ${error.message}` }));
    worker.on('exit', (code) => finish(cancelRequested ? { type: 'cancelled' } : { type: 'failed', message: `the worker thread stopped (exit code ${String(code)}) before it answered` }));
  });
  return {
    outcome,
    cancel: () => {
      if (cancelRequested) return;
      cancelRequested = true;
      Atomics.store(new Int32Array(cancelFlag), 0, CANCEL_REQUESTED);
      graceTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
    },
  };
}
