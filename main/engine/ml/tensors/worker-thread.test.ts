import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { DayForecast } from '../../../../shared/api/ml.js';
import { syntheticDailySeries } from '../../../testing/synthetic-daily-series.js';
import { appRoot } from '../../app-paths.js';
import { nbeatsKind } from '../models/nbeats/nbeats.js';

/**
 * The app trains in a worker thread. These tests start a real worker_threads Worker on the built
 * modules (dist/, as the app runs them: npm test builds first) and prove the WebAssembly backend,
 * training, cancellation and the model file all work there.
 */
const built = (model: string): string => pathToFileURL(join(appRoot, 'dist', 'main', 'engine', 'ml', 'models', model, `${model}.js`)).href;

// The worker trains the model named in workerData and posts what happened; a 'cancel' message
// aborts its training through the hooks' signal, as the app's job runner does.
const WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
const { url, exportName, series, until, hyperparameters } = workerData;
const kind = (await import(url))[exportName];
const controller = new AbortController();
parentPort.on('message', (message) => { if (message === 'cancel') controller.abort(); });
try {
  const model = await kind.train(series, until, hyperparameters, {
    signal: controller.signal,
    onStep: (step) => parentPort.postMessage({ step }),
  });
  const forecast = await model.forecastDay(series, until);
  parentPort.postMessage({ done: { backend: tf.getBackend(), forecast, file: model.serialize() } });
  model.dispose();
} catch (error) {
  parentPort.postMessage({ failed: { name: error.name, message: error.message } });
}
parentPort.close();
`;

interface WorkerReport {
  step?: { epoch: number };
  done?: { backend: string; forecast: DayForecast; file: Uint8Array };
  failed?: { name: string; message: string };
}

/** Runs the worker to its end, handing each report to `onReport` as it comes. */
function runWorker(model: string, hyperparameters: object, onReport: (report: WorkerReport, worker: Worker) => void): Promise<void> {
  const series = syntheticDailySeries(70);
  const worker = new Worker(WORKER, { eval: true, type: 'module', cwd: appRoot, workerData: { url: built(model), exportName: `${model}Kind`, series, until: 63, hyperparameters } } as ConstructorParameters<typeof Worker>[1]);
  worker.on('message', (report: WorkerReport) => {
    onReport(report, worker);
  });
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', () => {
      resolve();
    });
  });
}

describe('training in a worker thread', () => {
  const tiny = { ...nbeatsKind.defaults, epochs: 3, patience: 3, batchSize: 8, validationDays: 7, width: 16, layers: 1, thetaSize: 4, stacks: 1, blocksPerStack: 1 };

  it('trains on the WebAssembly backend there, and its file reads back here to the same forecast', async () => {
    const epochs: number[] = [];
    let done: WorkerReport['done'];
    let failed: WorkerReport['failed'];
    await runWorker('nbeats', tiny, (report) => {
      if (report.step) epochs.push(report.step.epoch);
      failed ??= report.failed;
      done ??= report.done;
    });
    expect(failed).toBeUndefined();
    expect(epochs).toEqual([1, 2, 3]);
    expect(done?.backend).toBe('wasm');
    const copy = nbeatsKind.deserialize(done!.file);
    try {
      expect(await copy.forecastDay(syntheticDailySeries(70), 63)).toEqual(done!.forecast);
    } finally {
      copy.dispose();
    }
  });

  it('stops training with TrainingCancelled when the parent asks it to', async () => {
    const hyperparameters = { epochs: 1000, patience: 1000, batchSize: 8, validationDays: 7, contextHours: 12, hiddenSize: 8, layers: 1, samples: 10, seed: 1, learningRate: 0.01 };
    let failed: WorkerReport['failed'];
    await runWorker('deepar', hyperparameters, (report, worker) => {
      if (report.step?.epoch === 2) worker.postMessage('cancel');
      failed ??= report.failed;
    });
    expect(failed?.name).toBe('TrainingCancelled');
  });
});
