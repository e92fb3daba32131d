import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../../testing/clock.js';
import { capturingLogger, WARN } from '../../../testing/environment.js';
import { sqliteStorePerTest } from '../../../testing/sqlite-store-per-test.js';
import { syntheticDailySeries } from '../../../testing/synthetic-daily-series.js';
import { ModelFiles } from '../artifacts/model-files.js';
import { TrainingJob } from './training-job.js';
import { TrainingQueue, type QueuedTraining } from './training-queue.js';
import { queuedTraining } from './training-run.js';

const clock = steppingClock('2026-03-02T09:00:00Z');
const jobOf = (): TrainingJob =>
  new TrainingJob({ jobId: randomUUID(), modelId: randomUUID(), task: 'train', architecture: 'naive', zoneId: 'DE_LU', organizationId: randomUUID() }, clock);

/** A training that runs until it is cancelled, to hold the queue's one place; `runs` counts its starts. */
function holdingTraining(): QueuedTraining & { runs: number } {
  const job = jobOf();
  const training = {
    runs: 0,
    job,
    run: async (signal: AbortSignal) => {
      training.runs++;
      job.start();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      job.end('cancelled');
    },
    cancelWaiting: async () => job.end('cancelled'),
  };
  return training;
}

describe('the training queue', () => {
  const local = sqliteStorePerTest();

  const training = (logger = capturingLogger().logger): QueuedTraining => {
    const series = syntheticDailySeries(60);
    return queuedTraining(
      { job: jobOf(), name: 'naive DE_LU', kindsModule: '', hyperparameters: {}, series, until: 32, fittedFrom: new Date(0), fittedTo: new Date(0) },
      { store: local.store, files: new ModelFiles(local.dir.path), clock, logger, publish: () => undefined, track: null },
    );
  };

  it('ends a waiting training cancelled even when its row cannot be written, and says so in the log', async () => {
    const queue = new TrainingQueue();
    const holding = holdingTraining();
    queue.submit(holding);
    const { logger, lines } = capturingLogger();
    const waiting = training(logger);
    queue.submit(waiting);
    expect(waiting.job.status().state).toBe('queued');

    // The database is gone (its connection closed): recording the cancel fails, the cancel does not.
    await local.store.close();
    await expect(queue.cancel(waiting.job.identity.jobId)).resolves.toBeUndefined();
    expect(waiting.job.status().state).toBe('cancelled');
    expect(queue.jobOfModel(waiting.job.identity.modelId)).toBeNull();
    expect(lines).toContainEqual(expect.objectContaining({ level: WARN, msg: 'A training cancelled before it started could not record it', modelId: waiting.job.identity.modelId }));

    await queue.close();
    expect([holding.runs, holding.job.status().state]).toEqual([1, 'cancelled']);
  });

  it('cancels at once a training submitted once it is closed, and runs nothing more', async () => {
    const queue = new TrainingQueue();
    await queue.close();
    const late = holdingTraining();
    queue.submit(late);
    await queue.cancel(late.job.identity.jobId);
    expect(late.job.status().state).toBe('cancelled');
    expect(late.runs).toBe(0);
  });
});
