import { describe, expect, it } from 'vitest';
import { syntheticDailySeries } from '../../../testing/synthetic-daily-series.js';
import { forecasterKinds } from '../forecaster-kinds.js';
import { naiveKind } from '../models/naive.js';
import { nbeatsKind } from '../models/nbeats/nbeats.js';
import { ForecastWorkers } from './forecast-workers.js';
import type { WorkerTask } from './worker-messages.js';

/** A task that keeps its thread busy for minutes: a network trained for many epochs. */
const LONG: WorkerTask = {
  task: 'train',
  kindsModule: forecasterKinds.moduleUrl,
  architecture: 'nbeats',
  hyperparameters: { ...nbeatsKind.defaults, epochs: 1_000, patience: 1_000, width: 32, layers: 2, stacks: 2, blocksPerStack: 1, variant: 'generic' },
  series: syntheticDailySeries(200),
  until: 180,
};
/** A task over in a moment: a file that is no model, read back (it fails). */
const QUICK: WorkerTask = { task: 'verify', kindsModule: forecasterKinds.moduleUrl, architecture: 'nbeats', bytes: new Uint8Array([1, 2, 3]) };

const refusal = (code: string): unknown => expect.objectContaining({ code, type: 'service_unavailable', statusCode: 503 });

describe('the forecasting threads requests wait on', () => {
  it('runs as many as it may, queues the next, refuses one more at once; one that leaves the line never starts; close stops the rest', async () => {
    const workers = new ForecastWorkers({ running: 1, waiting: 1 });
    const running = workers.run(LONG);
    const leaving = new AbortController();
    const waiting = workers.run(QUICK, leaving.signal);
    await expect(workers.run(QUICK)).rejects.toEqual(refusal('FORECASTS_BUSY'));

    // The caller gone while it waited: it leaves the line (a verify run would have answered 'failed').
    leaving.abort();
    await expect(waiting).resolves.toEqual({ type: 'cancelled' });

    // Its place is free again; close sends it away and stops the thread at work.
    const next = workers.run(QUICK);
    await Promise.all([
      expect(running).rejects.toEqual(refusal('TERMINAL_CLOSING')),
      expect(next).rejects.toEqual(refusal('TERMINAL_CLOSING')),
      workers.close(),
    ]);
    await expect(workers.run(QUICK)).rejects.toEqual(refusal('TERMINAL_CLOSING'));
  });

  it('does not start the thread of a caller gone before its turn came', async () => {
    const workers = new ForecastWorkers({ running: 1, waiting: 1 });
    const gone = new AbortController();
    const abandoned = workers.run(LONG, gone.signal);
    gone.abort();
    await expect(abandoned).resolves.toEqual({ type: 'cancelled' });
    await expect(workers.run(QUICK)).resolves.toMatchObject({ type: 'failed' });
    await workers.close();
  });

  it('stops the thread of a caller who has gone and gives its place to the next', async () => {
    const workers = new ForecastWorkers({ running: 1, waiting: 1 });
    const gone = new AbortController();
    const abandoned = workers.run(LONG, gone.signal);
    const next = workers.run(QUICK);
    // Once the events queued now have run, its thread has started: the caller goes while it works.
    await new Promise((resolve) => setImmediate(resolve));
    gone.abort();
    await expect(abandoned).resolves.toEqual({ type: 'cancelled' });
    await expect(next).resolves.toMatchObject({ type: 'failed' });
    await workers.close();
  });

  it('names the model that could not forecast, by its place in the task', async () => {
    const series = syntheticDailySeries(60);
    const good = (await naiveKind.train(series, 50, naiveKind.defaults)).serialize();
    // Read back, but with no band table to forecast from.
    const broken = new TextEncoder().encode(JSON.stringify({ ...(JSON.parse(new TextDecoder().decode(good)) as object), offsets: [] }));
    const workers = new ForecastWorkers({ running: 1, waiting: 0 });
    const outcome = await workers.run({ task: 'forecast', kindsModule: forecasterKinds.moduleUrl, models: [good, broken].map((bytes) => ({ architecture: 'naive', bytes, series })), targets: [55, 56] });
    expect(outcome).toMatchObject({ type: 'failed', modelIndex: 1 });
    await workers.close();
  });
});
