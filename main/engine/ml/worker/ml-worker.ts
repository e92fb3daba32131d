import { parentPort, workerData } from 'node:worker_threads';
import type { DayForecast } from '../../../../shared/api/ml.js';
import type { DailySeries } from '../daily-series.js';
import type { ForecasterKinds } from '../forecaster-kinds.js';
import { TrainingCancelled, type ForecasterKind, type TrainedForecaster } from '../forecaster.js';
import type { CancelMessage, ForecastTask, TrainTask, VerifyTask, WorkerOutcome, WorkerReport, WorkerTask } from './worker-messages.js';

/**
 * A forecasting worker thread: runs the one task in its workerData (train, forecast, verify) and
 * reports to its parent; the parent ends the thread once the outcome arrives. Training and
 * forecasting are CPU-bound (tfjs on WASM, LASSO fits): here they leave the engine's event loop free.
 */

const port = parentPort;
if (!port) throw new Error('ml-worker runs as a worker thread only');
const task = (workerData as { task: WorkerTask }).task;
const cancelled = new AbortController();
port.on('message', (message: CancelMessage) => {
  if (message.type === 'cancel') cancelled.abort();
});
const report = (message: WorkerReport): void => port.postMessage(message);

async function kindOf(kindsModule: string, architecture: TrainTask['architecture']): Promise<ForecasterKind<object>> {
  const { forecasterKinds } = (await import(kindsModule)) as { forecasterKinds: ForecasterKinds };
  const entry = forecasterKinds.byArchitecture[architecture];
  if (!entry) throw new Error(`no ${architecture} model is available in this build`);
  return entry.load();
}

function stopIfCancelled(): void {
  if (cancelled.signal.aborted) throw new TrainingCancelled();
}

/** Each target day, forecast by `model` from what the series holds before it (and its exogenous values). */
async function forecastEach(model: TrainedForecaster, series: DailySeries, targets: readonly number[]): Promise<DayForecast[]> {
  const forecasts: DayForecast[] = [];
  for (const target of targets) {
    stopIfCancelled();
    forecasts.push(await model.forecastDay(series, target));
  }
  return forecasts;
}

async function train(t: TrainTask): Promise<WorkerOutcome> {
  const kind = await kindOf(t.kindsModule, t.architecture);
  const model = await kind.train(t.series, t.until, t.hyperparameters, { onStep: (step) => report({ type: 'step', step }), signal: cancelled.signal });
  try {
    const heldBack = await forecastEach(model, t.series, Array.from({ length: t.series.dates.length - t.until }, (_, i) => t.until + i));
    return { type: 'trained', bytes: model.serialize(), heldBack };
  } finally {
    model.dispose();
  }
}

async function forecast(t: ForecastTask): Promise<WorkerOutcome> {
  const forecasts: DayForecast[][] = [];
  for (const entry of t.models) {
    const model = (await kindOf(t.kindsModule, entry.architecture)).deserialize(entry.bytes);
    try {
      forecasts.push(await forecastEach(model, entry.series, t.targets));
    } finally {
      model.dispose();
    }
  }
  return { type: 'forecasts', forecasts };
}

async function verify(t: VerifyTask): Promise<WorkerOutcome> {
  (await kindOf(t.kindsModule, t.architecture)).deserialize(t.bytes).dispose();
  return { type: 'verified' };
}

function run(t: WorkerTask): Promise<WorkerOutcome> {
  switch (t.task) {
    case 'train':
      return train(t);
    case 'forecast':
      return forecast(t);
    case 'verify':
      return verify(t);
  }
}

run(task).then(report, (error: unknown) => {
  if (error instanceof TrainingCancelled) report({ type: 'cancelled' });
  else report({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
