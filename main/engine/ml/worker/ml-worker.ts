import { parentPort, workerData } from 'node:worker_threads';
import type { DayForecast } from '../../../../shared/api/ml.js';
import { HOURS_PER_DAY, type DailySeries } from '../daily-series.js';
import { forecastFault } from '../forecast-faults.js';
import type { ForecasterKinds, RegisteredKind } from '../forecaster-kinds.js';
import { TrainingCancelled, type ForecasterKind, type TrainedForecaster, type TrainingStep } from '../forecaster.js';
import { probeSeries } from '../probe-series.js';
import { CANCEL_REQUESTED, type ForecastTask, type RecalibrateTask, type TrainTask, type VerifyTask, type WorkerData, type WorkerOutcome, type WorkerReport, type WorkerTask } from './worker-messages.js';
import { messageOf } from '../../error-message.js';

/**
 * A forecasting worker thread: runs the one task in its workerData (train, recalibrate, forecast, verify) and
 * reports to its parent; the parent ends the thread once the outcome arrives. Training and
 * forecasting are CPU-bound (tfjs on WASM, LASSO fits): here they leave the engine's event loop free.
 */

const port = parentPort;
if (!port) throw new Error('ml-worker runs as a worker thread only');
const { task, cancelFlag } = workerData as WorkerData;
const cancelled = new AbortController();
const report = (message: WorkerReport): void => port.postMessage(message);

/**
 * Whether the engine asked to stop. A flag in shared memory, not a message: a training busy in
 * its own loop never yields to this thread's event loop, where a message would wait unread.
 * Read at each step, each forecast day and by the timer below; the kind sees it as its AbortSignal.
 */
function stopRequested(): boolean {
  if (Atomics.load(new Int32Array(cancelFlag), 0) === CANCEL_REQUESTED) cancelled.abort();
  return cancelled.signal.aborted;
}

/**
 * A network yields to the event loop between batches (fit-network's nextTurn), where this timer
 * reads the flag, so the signal a batch checks is current: a cancel lands within a batch, not at
 * the end of a long epoch (or by the engine's terminate fallback).
 */
const CANCEL_POLL_MS = 50;
setInterval(stopRequested, CANCEL_POLL_MS).unref();

async function registeredKindOf(kindsModule: string, architecture: TrainTask['architecture']): Promise<RegisteredKind> {
  const { forecasterKinds } = (await import(kindsModule)) as { forecasterKinds: ForecasterKinds };
  const entry = forecasterKinds.byArchitecture[architecture];
  if (!entry) throw new Error(`no ${architecture} model is available in this build`);
  return entry;
}

const kindOf = async (kindsModule: string, architecture: TrainTask['architecture']): Promise<ForecasterKind<object>> => (await registeredKindOf(kindsModule, architecture)).load();

/** A step to the engine; a step is also where a cancel request is looked at. */
function reportStep(step: TrainingStep): void {
  report({ type: 'step', step });
  stopRequested();
}

function stopIfCancelled(): void {
  if (stopRequested()) throw new TrainingCancelled();
}

/**
 * The series as it was known before day `target`'s auction: its days up to the target, the
 * target's own prices NaN. Exogenous series are day-ahead forecasts, known for the target too.
 * A model is never handed a price it could not have had, so no mistake of its can look ahead.
 */
function knownBefore(series: DailySeries, target: number): DailySeries {
  const end = (target + 1) * HOURS_PER_DAY;
  const prices = series.prices.slice(0, end).fill(Number.NaN, target * HOURS_PER_DAY);
  return { dates: series.dates.slice(0, target + 1), prices, exogenous: series.exogenous.map((x) => ({ name: x.name, values: x.values.subarray(0, end) })) };
}

/** Each target day, forecast by `model` from what was known before it; a forecast unfit to serve fails the task. */
async function forecastEach(model: TrainedForecaster, series: DailySeries, targets: readonly number[]): Promise<DayForecast[]> {
  const forecasts: DayForecast[] = [];
  for (const target of targets) {
    stopIfCancelled();
    const forecast = await model.forecastDay(knownBefore(series, target), target);
    const fault = forecastFault(forecast);
    if (fault) throw new Error(`its forecast of ${series.dates[target]!} is unusable: ${fault}`);
    forecasts.push(forecast);
  }
  return forecasts;
}

async function train(t: TrainTask): Promise<WorkerOutcome> {
  const kind = await kindOf(t.kindsModule, t.architecture);
  stopIfCancelled();
  const model = await kind.train(t.series, t.until, t.hyperparameters, { onStep: reportStep, signal: cancelled.signal });
  try {
    const heldBack = await forecastEach(model, t.series, Array.from({ length: t.series.dates.length - t.until }, (_, i) => t.until + i));
    return { type: 'trained', bytes: model.serialize(), heldBack };
  } finally {
    model.dispose();
  }
}

async function recalibrate(t: RecalibrateTask): Promise<WorkerOutcome> {
  const model = (await kindOf(t.kindsModule, t.architecture)).deserialize(t.bytes);
  try {
    if (!model.recalibrate) throw new Error(`a ${t.architecture} model has nothing to recalibrate`);
    stopIfCancelled();
    await model.recalibrate(t.series, t.until, t.settings, { onStep: reportStep, signal: cancelled.signal });
    return { type: 'recalibrated', bytes: model.serialize() };
  } finally {
    model.dispose();
  }
}

/** Each model's forecasts of the targets; the first model that cannot forecast ends the task, named by its place. */
async function forecast(t: ForecastTask): Promise<WorkerOutcome> {
  const forecasts: DayForecast[][] = [];
  for (const [modelIndex, entry] of t.models.entries()) {
    const kind = await kindOf(t.kindsModule, entry.architecture);
    let model: TrainedForecaster | undefined;
    try {
      model = kind.deserialize(entry.bytes);
      forecasts.push(await forecastEach(model, entry.series, t.targets));
    } catch (error) {
      if (error instanceof TrainingCancelled) throw error;
      return { type: 'failed', message: messageOf(error), modelIndex };
    } finally {
      model?.dispose();
    }
  }
  return { type: 'forecasts', forecasts };
}

/** A model file's payload read back and made to forecast a day of a made-up history (probeSeries). */
async function verify(t: VerifyTask): Promise<WorkerOutcome> {
  const registered = await registeredKindOf(t.kindsModule, t.architecture);
  const model = (await registered.load()).deserialize(t.bytes);
  try {
    const days = registered.inputDays(model.hyperparameters) + 1;
    await forecastEach(model, probeSeries(days, model.exogenous), [days - 1]);
    return { type: 'verified', hyperparameters: { ...model.hyperparameters }, exogenous: [...model.exogenous] };
  } finally {
    model.dispose();
  }
}

function run(t: WorkerTask): Promise<WorkerOutcome> {
  switch (t.task) {
    case 'train':
      return train(t);
    case 'recalibrate':
      return recalibrate(t);
    case 'forecast':
      return forecast(t);
    case 'verify':
      return verify(t);
  }
}

run(task).then(report, (error: unknown) => {
  if (error instanceof TrainingCancelled) report({ type: 'cancelled' });
  else report({ type: 'failed', message: messageOf(error) });
});
