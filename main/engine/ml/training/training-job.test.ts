import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../../testing/clock.js';
import { TrainingJob } from './training-job.js';

const identity = { jobId: 'job-1', modelId: 'model-1', task: 'train', architecture: 'nbeats', zoneId: 'DE_LU', organizationId: 'org-1' } as const;
const step = (epoch: number) => ({ epoch, epochs: 10, loss: 1 / epoch, validationMae: null });

describe('a training job’s progress', () => {
  it('estimates the time left from the pace of the steps since the first, not from the start-up the first one carried', () => {
    const clock = steppingClock('2026-03-20T10:00:00Z');
    const job = new TrainingJob(identity, clock);
    expect(job.status()).toMatchObject({ state: 'queued', elapsedMs: 0, etaMs: null });
    job.start();
    clock.advance(4_000);
    expect(job.status()).toMatchObject({ state: 'training', epoch: 0, etaMs: null });
    // The first step ends 5 s in: 4 s of start-up and 1 of the step; nothing better to go on yet.
    clock.advance(1_000);
    job.step(step(1));
    expect(job.status()).toMatchObject({ epoch: 1, elapsedMs: 5_000, etaMs: 45_000 });
    // Then a step a second: 8 to go after the second, less what the third has run already.
    clock.advance(1_000);
    job.step(step(2));
    expect(job.status().etaMs).toBe(8_000);
    clock.advance(400);
    expect(job.status().etaMs).toBe(7_600);
    clock.advance(600);
    job.step(step(3));
    expect(job.status()).toMatchObject({ epoch: 3, elapsedMs: 7_000, etaMs: 7_000 });
    job.end('ready');
    expect(job.status()).toMatchObject({ state: 'ready', etaMs: 0 });
  });

  it('gives the soonest end too where training may stop early: the best step so far plus the patience', () => {
    const clock = steppingClock('2026-03-20T10:00:00Z');
    const job = new TrainingJob(identity, clock);
    job.start();
    // A step a second; after step 3 (best so far, patience 2) it stops after step 5 unless the validation MAE improves.
    for (const epoch of [1, 2, 3]) {
      clock.advance(1_000);
      job.step({ ...step(epoch), stopsAfter: Math.min(10, epoch + 2) });
    }
    expect(job.status()).toMatchObject({ etaMs: 7_000, etaSoonestMs: 2_000 });
    // Step 4 does not improve: still 5; the soonest end comes closer with every step.
    clock.advance(1_000);
    job.step({ ...step(4), stopsAfter: 5 });
    expect(job.status()).toMatchObject({ etaMs: 6_000, etaSoonestMs: 1_000 });
    job.end('ready');
    expect(job.status()).toMatchObject({ etaMs: 0, etaSoonestMs: 0 });

    // A model that runs every step (LEAR's calibrations) has one figure.
    const every = new TrainingJob(identity, clock);
    every.start();
    for (const epoch of [1, 2]) {
      clock.advance(1_000);
      every.step(step(epoch));
    }
    expect(every.status()).toMatchObject({ etaMs: 8_000, etaSoonestMs: 8_000 });
  });

  it('has no time left to give once cancelled or failed', () => {
    const clock = steppingClock('2026-03-20T10:00:00Z');
    const job = new TrainingJob(identity, clock);
    job.start();
    clock.advance(1_000);
    job.step(step(1));
    job.end('cancelled');
    expect(job.status()).toMatchObject({ state: 'cancelled', etaMs: null, etaSoonestMs: null, elapsedMs: 1_000 });
  });
});
