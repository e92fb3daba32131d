import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../../testing/backends.js';
import { steppingClock } from '../../../testing/clock.js';
import { storeDayAheadHistory } from '../../../testing/day-ahead-history.js';
import { openDesk, type Desk } from '../../../testing/desk.js';
import { mlCalls } from '../../../testing/ml-calls.js';

const NOW = '2026-03-20T10:00:00Z';
const TRAINING = { zone: 'DE_LU', from: '2025-12-01', to: '2026-01-31' };
/** DeepAR drawing the most paths a forecast may: compared over seven weeks it keeps a thread busy for about 20 s here. */
const SLOW_DEEPAR = { contextHours: 24, hiddenSize: 8, layers: 1, samples: 2000, validationDays: 7, epochs: 1 };

// The engine's database does not matter here (it closes after the forecasts): SQLite only.
describe('closing the terminal during comparisons', () => {
  let desk: Desk;
  const { trained } = mlCalls(() => desk);
  beforeAll(async () => {
    desk = await openDesk(backends[0]!, { clock: steppingClock(NOW) });
    const zone = desk.engine.databases.catalogue.zones.find((z) => z.id === 'DE_LU')!;
    await storeDayAheadHistory(desk.engine.store, zone, TRAINING.from, '2026-03-19');
  });
  afterAll(async () => {
    await desk.close();
  });

  // Training the DeepAR first takes most of the test's time: 13 s alone, over 30 s beside another test file on two cores.
  // The bound is not what is tested: a close that waited for the comparisons would answer them 200, not 503.
  it('answers the comparisons under way and the one waiting for a thread TERMINAL_CLOSING, without waiting for them to end', { timeout: 90_000 }, async () => {
    const deepar = await trained('deepar', { ...TRAINING, hyperparameters: SLOW_DEEPAR });
    const naive = await trained('naive', TRAINING);
    // Two threads at work (FORECAST_WORKER_LIMITS) and a third comparison in line.
    const comparisons = Array.from({ length: 3 }, () => desk.call('POST', '/api/ml/compare', 'alice', { modelIds: [deepar, naive], from: '2026-02-01', to: '2026-03-19' }));
    // Long enough for the first two to start their threads; a sliver of the seconds each has to go.
    await sleep(1_000);
    await desk.engine.close();
    for (const response of await Promise.all(comparisons)) {
      expect([response.statusCode, response.json()]).toEqual([503, { error: expect.objectContaining({ code: 'TERMINAL_CLOSING', type: 'service_unavailable' }) as unknown }]);
    }
  });
});
