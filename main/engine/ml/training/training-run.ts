import type { Logger } from 'pino';
import type { ForecastMetrics, ModelMetrics } from '../../../../shared/api/ml.js';
import type { Clock } from '../../clock.js';
import type { Store } from '../../db/store.js';
import { encodeModelFile } from '../artifacts/model-file.js';
import type { ModelFiles, StoredModelFile } from '../artifacts/model-files.js';
import type { DailySeries } from '../daily-series.js';
import { metricsOfDays } from '../evaluation/model-comparison.js';
import type { TrainingRunRecord } from '../tracking/mlflow-runs.js';
import { startWorker } from '../worker/worker-launcher.js';
import type { WorkerOutcome } from '../worker/worker-messages.js';
import type { TrainingJob } from './training-job.js';
import type { QueuedTraining } from './training-queue.js';
import { messageOf } from '../../error-message.js';

/** Everything one training needs, checked and read before it was queued. */
export interface TrainingPlan {
  job: TrainingJob;
  name: string;
  kindsModule: string;
  hyperparameters: Record<string, unknown>;
  /** The days asked for: the model fits on [0, until), then is measured on the held-back days after. */
  series: DailySeries;
  until: number;
  /** Local midnight starting the first day fitted on, and ending the last. */
  fittedFrom: Date;
  fittedTo: Date;
}

export interface TrainingRunDependencies {
  /** The source of truth: the model's row moves there. */
  store: Store;
  files: ModelFiles;
  clock: Clock;
  logger: Logger;
  /** Tells the organisation the job moved (the ml-training event). */
  publish(job: TrainingJob): void;
  /** Records the finished run elsewhere (MLflow), when configured; never throws. */
  track: ((run: TrainingRunRecord) => Promise<void>) | null;
}

/**
 * The life of one training job: its row goes queued -> training -> ready (the model file written
 * first, atomically, with its metrics on the held-back days) or failed or cancelled (no file).
 * A model deleted meanwhile ends the job as cancelled and leaves no file behind.
 */
export function queuedTraining(plan: TrainingPlan, deps: TrainingRunDependencies): QueuedTraining {
  const { job } = plan;
  const { modelId } = job.identity;
  const { store, clock } = deps;
  const now = (): Date => clock.now();

  const end = async (state: 'failed' | 'cancelled', error: string | null): Promise<void> => {
    await store.mlModels.markEnded(modelId, state, error, now());
    job.end(state, error);
  };

  /** The model measured on its held-back days, once it is. */
  let heldBack: ForecastMetrics | null = null;

  const finishTrained = async (outcome: Extract<WorkerOutcome, { type: 'trained' }>): Promise<void> => {
    const { series, until } = plan;
    const targets = Array.from({ length: series.dates.length - until }, (_, i) => until + i);
    const metrics: ModelMetrics = {
      validation: { from: series.dates[until]!, to: series.dates[series.dates.length - 1]!, days: targets.length, metrics: metricsOfDays(series.prices, targets, outcome.heldBack) },
      exogenous: series.exogenous.map((x) => x.name),
    };
    heldBack = metrics.validation?.metrics ?? null;
    const file = encodeModelFile(
      {
        architecture: job.identity.architecture,
        zoneId: job.identity.zoneId,
        name: plan.name,
        hyperparameters: plan.hyperparameters,
        trainingFrom: series.dates[0]!,
        trainingTo: series.dates[until - 1]!,
        metrics,
        createdAt: now().toISOString(),
      },
      outcome.bytes,
    );
    const stored: StoredModelFile = await deps.files.write(modelId, file);
    const recorded = await store.mlModels
      .markReady(modelId, { trainingFrom: plan.fittedFrom, trainingTo: plan.fittedTo, metrics, artifact: stored }, now())
      .catch(async (error: unknown) => {
        await deps.files.remove(stored.path);
        throw error;
      });
    if (recorded) {
      job.end('ready');
      return;
    }
    await deps.files.remove(stored.path);
    job.end('cancelled', 'The model was deleted while it trained');
  };

  const run = async (signal: AbortSignal): Promise<void> => {
    if (!(await store.mlModels.markTraining(modelId, now()))) {
      job.end('cancelled', 'The model was deleted before its training started');
      return;
    }
    job.start();
    deps.publish(job);
    const worker = startWorker({ task: 'train', kindsModule: plan.kindsModule, architecture: job.identity.architecture, hyperparameters: plan.hyperparameters, series: plan.series, until: plan.until }, (step) => {
      job.step(step);
      deps.publish(job);
    });
    if (signal.aborted) worker.cancel();
    else signal.addEventListener('abort', () => worker.cancel(), { once: true });
    const outcome = await worker.outcome;
    if (outcome.type === 'failed') await end('failed', outcome.message);
    else if (outcome.type === 'trained' && !signal.aborted) await finishTrained(outcome);
    else await end('cancelled', null);
  };

  return {
    job,
    run: async (signal) => {
      const startedAt = now().getTime();
      try {
        await run(signal);
      } catch (error) {
        deps.logger.error({ err: error, modelId }, 'A training job could not record its outcome');
        job.end('failed', `The outcome could not be recorded: ${messageOf(error)}`);
        await store.mlModels.markEnded(modelId, 'failed', job.status().error, now()).catch(() => undefined);
      }
      deps.publish(job);
      const record = job.runRecord({ name: plan.name, params: plan.hyperparameters, heldBack, startedAt });
      if (deps.track && record) void deps.track(record);
    },
    cancelWaiting: async () => {
      try {
        await end('cancelled', null);
      } catch (error) {
        // The job is cancelled whatever its row says: it never ran. A row left queued is marked
        // failed at this terminal's next start (TrainingService.failInterrupted) or deleted by a person.
        deps.logger.warn({ err: error, modelId }, 'A training cancelled before it started could not record it');
        job.end('cancelled', null);
      }
      deps.publish(job);
    },
  };
}
