import type { ModelMetrics } from '../../../../shared/api/ml.js';
import type { NetworkRecalibration } from '../../../../shared/ml/network-recalibration.js';
import { encodeModelFile, type ModelFile } from '../artifacts/model-file.js';
import type { StoredModelFile } from '../artifacts/model-files.js';
import type { DailySeries } from '../daily-series.js';
import { startWorker } from '../worker/worker-launcher.js';
import type { WorkerOutcome } from '../worker/worker-messages.js';
import type { TrainingJob } from './training-job.js';
import type { QueuedTraining } from './training-queue.js';
import type { TrainingRunDependencies } from './training-run.js';
import { messageOf } from '../../error-message.js';

/** Everything one recalibration needs, checked and read before it was queued. */
export interface RecalibrationPlan {
  job: TrainingJob;
  kindsModule: string;
  /** The model's file as its row names it: the recalibration starts from this one and only replaces this one. */
  file: ModelFile;
  from: { path: string; sha256: string };
  /** The days it learns from, the last of them the last it will have learnt; it reads them all. */
  series: DailySeries;
  settings: NetworkRecalibration;
  /** The first day it learns from (LEAR: its longest window's first; a network: the first of its `recentDays`). */
  learntFrom: string;
  /** Local midnight ending the last day it learns. */
  trainedTo: Date;
  /** What it was asked to do, as its audit entry and its MLflow run record it. */
  params: Record<string, unknown>;
}

/**
 * The life of one recalibration job. The model stays ready and forecasts as it was all along:
 * the moved model is written to a file of its own, then its row is moved onto that file in one
 * update (provided the row still names the file it started from), and only then is the old file
 * removed. A recalibration that fails, is cancelled, or finds the model deleted or replaced
 * meanwhile leaves the model exactly as it was.
 */
export function queuedRecalibration(plan: RecalibrationPlan, deps: TrainingRunDependencies): QueuedTraining {
  const { job, file } = plan;
  const { modelId } = job.identity;
  const { store, files, clock } = deps;

  const finish = async (outcome: Extract<WorkerOutcome, { type: 'recalibrated' }>): Promise<void> => {
    const times = (file.header.metrics.recalibrated?.times ?? 0) + 1;
    const metrics: ModelMetrics = { ...file.header.metrics, recalibrated: { times, lastAt: clock.now().toISOString(), lastFrom: plan.learntFrom } };
    // The header as it was but for the days learnt and the metrics; encodeModelFile writes the new payload's size and hash.
    const moved = encodeModelFile({ ...file.header, trainingTo: plan.series.dates[plan.series.dates.length - 1]!, metrics }, outcome.bytes);
    const stored: StoredModelFile = await files.write(modelId, moved, times);
    const recorded = await store.mlModels.markRecalibrated(modelId, plan.from.sha256, { trainingTo: plan.trainedTo, metrics, artifact: stored }, clock.now()).catch(async (error: unknown) => {
      await files.remove(stored.path);
      throw error;
    });
    if (!recorded) {
      await files.remove(stored.path);
      job.end('cancelled', 'The model was deleted or replaced while it was recalibrated');
      return;
    }
    // The row has moved: the model is recalibrated whatever becomes of the file it left (a file
    // the system holds open, on Windows), which is only logged, not reported as a failed job. The
    // job ends after the removal so that a job seen ready has left nothing behind.
    if (plan.from.path !== stored.path) {
      await files.remove(plan.from.path).catch((error: unknown) => {
        deps.logger.warn({ err: error, modelId, path: plan.from.path }, 'The file a recalibrated model left could not be removed');
      });
    }
    job.end('ready');
  };

  const run = async (signal: AbortSignal): Promise<void> => {
    job.start();
    deps.publish(job);
    const worker = startWorker(
      { task: 'recalibrate', kindsModule: plan.kindsModule, architecture: job.identity.architecture, bytes: file.payload, series: plan.series, until: plan.series.dates.length, settings: plan.settings },
      (step) => {
        job.step(step);
        deps.publish(job);
      },
    );
    if (signal.aborted) worker.cancel();
    else signal.addEventListener('abort', () => worker.cancel(), { once: true });
    const outcome = await worker.outcome;
    if (outcome.type === 'failed') job.end('failed', outcome.message);
    else if (outcome.type === 'recalibrated' && !signal.aborted) await finish(outcome);
    else job.end('cancelled');
  };

  return {
    job,
    run: async (signal) => {
      const startedAt = clock.now().getTime();
      try {
        await run(signal);
      } catch (error) {
        deps.logger.error({ err: error, modelId }, 'A recalibration could not record its outcome');
        job.end('failed', `The outcome could not be recorded: ${messageOf(error)}`);
      }
      deps.publish(job);
      const record = job.runRecord({ name: file.header.name, params: plan.params, heldBack: null, startedAt });
      if (deps.track && record) void deps.track(record);
    },
    cancelWaiting: async () => {
      job.end('cancelled');
      deps.publish(job);
    },
  };
}
