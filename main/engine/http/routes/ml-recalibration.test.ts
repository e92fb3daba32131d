import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo, ModelList } from '../../../../shared/api/ml.js';
import { decodeModelFile } from '../../ml/artifacts/model-file.js';
import { backends } from '../../../testing/backends.js';
import { steppingClock } from '../../../testing/clock.js';
import { storeDayAheadHistory } from '../../../testing/day-ahead-history.js';
import { openDesk, type Desk } from '../../../testing/desk.js';
import { eventually } from '../../../testing/eventually.js';
import { mlCalls } from '../../../testing/ml-calls.js';

const NOW = '2026-03-20T10:00:00Z';
const HISTORY = { first: '2025-12-01', last: '2026-03-31' };
// Fitted on 1 December - 3 January, measured on the 28 days to 31 January.
const TRAINING = { zone: 'DE_LU', from: '2025-12-01', to: '2026-01-31' };
const SMALL_NBEATS = { lookbackDays: 7, width: 16, blocksPerStack: 2, layers: 2, validationDays: 7, epochs: 10 };
const SMALL_TFT = { encoderHours: 24, hiddenSize: 8, heads: 1, validationDays: 7, epochs: 2 };
const SMALL_LEAR = { calibrationWindows: [21, 28], quantileDays: 3 };
// Quick passes over the newest four weeks, at a rate that moves the small network visibly.
const QUICK = { recentDays: 28, epochs: 2, learningRate: 0.001 };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
// Each test trains one to three models and waits for their jobs: on a loaded machine, minutes.
const SLOW = { timeout: 180_000 };

describe.each(backends)('recalibrating a model through the API on $dialect', (backend) => {
  let desk: Desk;
  const clock = steppingClock(NOW);
  const ml = mlCalls(() => desk);
  const audits = async (modelId: string): Promise<number> =>
    Number((await desk.engine.store.sql.one<{ n: unknown }>("SELECT count(*) AS n FROM audit_logs WHERE action = 'ml_model.recalibrate' AND resource_id = ?", [modelId]))?.n);
  /** What a refused request must leave as it was: the model's row and its file. */
  const stateOf = async (modelId: string): Promise<{ info: ModelInfo; files: string[] }> => ({ info: await ml.info(modelId), files: (await ml.modelFiles()).filter((f) => f.startsWith(modelId)) });

  beforeAll(async () => {
    desk = await openDesk(backend, { clock });
    const zone = desk.engine.databases.catalogue.zones.find((z) => z.id === 'DE_LU')!;
    await storeDayAheadHistory(desk.engine.store, zone, HISTORY.first, HISTORY.last);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('moves an N-BEATS model on to newer days: its last day, its file and its forecasts move, its validation stays as measured', SLOW, async () => {
    const modelId = await ml.trained('nbeats', { ...TRAINING, hyperparameters: SMALL_NBEATS });
    const trained = await ml.info(modelId);
    const before = await ml.predict('nbeats', modelId, { deliveryDate: '2026-03-12' });

    const { jobId } = await ml.recalibrate(modelId, { to: '2026-02-28', settings: QUICK });
    const job = await ml.ended(jobId);
    expect(job).toMatchObject({ task: 'recalibrate', modelId, state: 'ready', epoch: 2, epochs: 2, validationMae: null, error: null });
    const moved = await ml.info(modelId);
    expect(moved).toMatchObject({ status: 'ready', trainingFrom: trained.trainingFrom, trainingTo: '2026-02-28' });
    expect(moved.metrics).toEqual({ ...trained.metrics, recalibrated: { times: 1, lastAt: expect.any(String) as unknown, lastFrom: '2026-02-01' } });
    expect(moved.artifact!.sha256).not.toBe(trained.artifact!.sha256);
    // The moved model's file replaced the trained one's.
    expect(await ml.modelFiles()).toEqual([`${modelId}-r1.optibid-model`]);
    // A prediction is kept per model, day and instant it was issued.
    clock.advance(60_000);
    const after = await ml.predict('nbeats', modelId, { deliveryDate: '2026-03-12' });
    expect(after.periods.map((p) => p.point)).not.toEqual(before.periods.map((p) => p.point));

    // The exported file says what the model has learnt.
    const exported = await desk.call('GET', `/api/ml/models/${modelId}/export`, 'alice');
    expect(decodeModelFile(new Uint8Array(exported.rawPayload)).header).toMatchObject({ trainingTo: '2026-02-28', metrics: moved.metrics });

    // Without a body: to the last stored day, over the newest half year, or here every day there
    // is (114, each read with the week before it). Again, and the count goes on.
    const again = await ml.ended((await ml.recalibrate(modelId)).jobId);
    expect(again).toMatchObject({ state: 'ready', epochs: 2 });
    expect(await ml.info(modelId)).toMatchObject({ trainingTo: HISTORY.last, metrics: { recalibrated: { times: 2, lastFrom: '2025-12-08' } } });
    expect(await ml.modelFiles()).toEqual([`${modelId}-r2.optibid-model`]);
    expect(await audits(modelId)).toBe(2);

    // Nothing after the last stored day to learn: the zone's list says where its prices end, so a page can tell beforehand; asked anyway, refused, nothing changed.
    const listed = (await desk.call('GET', '/api/ml/models?zone=DE_LU', 'alice')).json<ModelList>();
    expect(listed.storedDays).toEqual({ first: HISTORY.first, last: HISTORY.last });
    expect(listed.models.find((model) => model.id === modelId)?.trainingTo).toBe(listed.storedDays?.last);
    expect((await desk.call('GET', '/api/ml/models?zone=FR', 'alice')).json<ModelList>()).toEqual({ models: [], storedDays: null });
    expect((await desk.call('GET', '/api/ml/models', 'alice')).json<ModelList>()).not.toHaveProperty('storedDays');
    const unchanged = await stateOf(modelId);
    const refused = await desk.call('POST', `/api/ml/models/${modelId}/recalibrate`, 'alice', {});
    expect([refused.statusCode, refused.json()]).toEqual([409, { error: expect.objectContaining({ code: 'NOTHING_NEW_TO_LEARN', details: { id: modelId, trainingTo: HISTORY.last, to: HISTORY.last } }) as unknown }]);
    expect(await stateOf(modelId)).toEqual(unchanged);
  });

  it('refits LEAR’s windows on the days up to the new last day: the same forecasts as a LEAR trained to that day', SLOW, async () => {
    const modelId = await ml.trained('lear', { ...TRAINING, hyperparameters: SMALL_LEAR });
    // Trained to 28 March, this one fits on the days to 28 February (the last 28 are held back).
    const fresh = await ml.trained('lear', { ...TRAINING, to: '2026-03-28', hyperparameters: SMALL_LEAR });
    expect((await ml.info(fresh)).trainingTo).toBe('2026-02-28');

    const job = await ml.ended((await ml.recalibrate(modelId, { to: '2026-02-28' })).jobId);
    expect(job).toMatchObject({ task: 'recalibrate', state: 'ready', epoch: 2, epochs: 2 });
    expect((await ml.info(modelId)).trainingTo).toBe('2026-02-28');
    const recalibrated = await ml.predict('lear', modelId, { deliveryDate: '2026-03-01' });
    const reference = await ml.predict('lear', fresh, { deliveryDate: '2026-03-01' });
    recalibrated.periods.forEach((period, i) => expect(period.point).toBeCloseTo(reference.periods[i]!.point, 9));

    // LEAR's windows are its own: settings are refused.
    const refused = await desk.call('POST', `/api/ml/models/${modelId}/recalibrate`, 'alice', { settings: { epochs: 3 } });
    expect([refused.statusCode, refused.json()]).toEqual([400, { error: expect.objectContaining({ code: 'SETTINGS_NOT_APPLICABLE', details: [expect.objectContaining({ field: 'body.settings' })] }) as unknown }]);
  });

  it('runs one of two recalibrations asked for at once and refuses the other, and the model keeps the file it forecasts with', SLOW, async () => {
    const modelId = await ml.trained('nbeats', { ...TRAINING, hyperparameters: SMALL_NBEATS });
    const ask = (to: string) => desk.call('POST', `/api/ml/models/${modelId}/recalibrate`, 'alice', { to, settings: QUICK });
    const answers = await Promise.all([ask('2026-02-28'), ask('2026-03-07')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(refused.json()).toMatchObject({ error: { code: 'JOB_UNDER_WAY', details: { id: modelId } } });
    const accepted = answers.find((a) => a.statusCode === 202)!.json<{ jobId: string }>();
    expect(await ml.ended(accepted.jobId)).toMatchObject({ state: 'ready' });
    expect((await ml.modelFiles()).filter((f) => f.startsWith(modelId))).toEqual([`${modelId}-r1.optibid-model`]);
    expect((await ml.predict('nbeats', modelId, { deliveryDate: '2026-03-12' })).periods).toHaveLength(24);
  });

  it('refuses a recalibration that cannot run with the error envelope, and changes nothing', SLOW, async () => {
    const naive = await ml.trained('naive', TRAINING);
    const network = await ml.trained('nbeats', { ...TRAINING, hyperparameters: { ...SMALL_NBEATS, epochs: 2 } });
    const unchanged = await stateOf(network);
    const refusal = async (id: string, body: object, status: number, code: string, field?: string): Promise<void> => {
      const response = await desk.call('POST', `/api/ml/models/${id}/recalibrate`, 'alice', body);
      const error = expect.objectContaining({ code, ...(field ? { details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown } : {}) }) as unknown;
      expect([body, response.statusCode, response.json()]).toEqual([body, status, { error }]);
    };
    await refusal(naive, {}, 400, 'NOT_RECALIBRATABLE');
    await refusal(UNKNOWN_ID, {}, 404, 'MODEL_NOT_FOUND');
    await refusal(network, { settings: { epochs: 0 } }, 400, 'VALIDATION_FAILED', 'body.settings.epochs');
    await refusal(network, { settings: { learningRate: 0 } }, 400, 'VALIDATION_FAILED', 'body.settings.learningRate');
    await refusal(network, { settings: { recentDays: 'all' } }, 400, 'VALIDATION_FAILED', 'body.settings.recentDays');
    await refusal(network, { settings: { momentum: 0.9 } }, 400, 'VALIDATION_FAILED', 'body.settings.momentum');
    await refusal(network, { to: '2026-02-30' }, 400, 'INVALID_DATE', 'body.to');
    await refusal(network, { to: '9999-12-31' }, 400, 'INVALID_DATE', 'body.to');
    // Trained on the days to 3 January (the 28 after held back).
    await refusal(network, { to: '2026-01-03' }, 409, 'NOTHING_NEW_TO_LEARN');
    // Half a year of newest days asked for, and four months stored.
    await refusal(network, { settings: { recentDays: 182 } }, 400, 'INSUFFICIENT_HISTORY');
    // Read as a training's refusal is: the days needed and the days there are.
    const tooFew = await desk.call('POST', `/api/ml/models/${network}/recalibrate`, 'alice', { settings: { recentDays: 182 } });
    expect(tooFew.json()).toMatchObject({ error: { details: { zone: TRAINING.zone, daysNeeded: expect.any(Number) as unknown, daysAvailable: 121, storedFrom: HISTORY.first } } });
    await refusal(network, { to: '2025-12-05', settings: QUICK }, 409, 'NOTHING_NEW_TO_LEARN');
    // No prices stored after 31 March.
    await refusal(network, { to: '2026-04-10', settings: QUICK }, 400, 'PRICE_HISTORY_GAPS');
    // A viewer may not; another organisation does not see the model.
    await expect(desk.call('POST', `/api/ml/models/${network}/recalibrate`, 'vera', {}).then((r) => r.statusCode)).resolves.toBe(403);
    await expect(desk.call('POST', `/api/ml/models/${network}/recalibrate`, 'bob', {}).then((r) => r.statusCode)).resolves.toBe(404);
    expect(await stateOf(network)).toEqual(unchanged);
    expect(await audits(network)).toBe(0);
  });

  it('cancels a recalibration under way or waiting, and a model deleted meanwhile: each time the model is left as it was', SLOW, async () => {
    const modelId = await ml.trained('tft', { ...TRAINING, hyperparameters: SMALL_TFT });
    const trained = await stateOf(modelId);
    // Twenty passes over 56 days: long enough to be cancelled between two of them.
    const long = await ml.recalibrate(modelId, { to: '2026-03-28', settings: { recentDays: 56, epochs: 20 } });
    // One job per model at a time.
    const twice = await desk.call('POST', `/api/ml/models/${modelId}/recalibrate`, 'alice', {});
    expect([twice.statusCode, twice.json()]).toEqual([409, { error: expect.objectContaining({ code: 'JOB_UNDER_WAY' }) as unknown }]);

    await eventually(async () => (await ml.job(long.jobId)).epoch >= 1, 'the recalibration to report a pass', 30_000);
    const cancelled = await desk.call('POST', `/api/ml/jobs/${long.jobId}/cancel`, 'alice', {});
    expect([cancelled.statusCode, cancelled.json()]).toEqual([200, expect.objectContaining({ task: 'recalibrate', state: 'cancelled' })]);
    expect(await stateOf(modelId)).toEqual(trained);
    expect((await ml.predict('tft', modelId, { deliveryDate: '2026-03-12' })).periods).toHaveLength(24);

    // Deleted while its recalibration waits behind another job's: the job ends cancelled, no file is left.
    const blocker = await ml.train('tft', { ...TRAINING, hyperparameters: { ...SMALL_TFT, epochs: 1000, patience: 1000 } });
    const waiting = await ml.recalibrate(modelId, { to: '2026-03-28', settings: QUICK });
    expect((await ml.job(waiting.jobId)).state).toBe('queued');
    expect((await desk.call('DELETE', `/api/ml/models/${modelId}`, 'alice')).statusCode).toBe(204);
    expect(await ml.job(waiting.jobId)).toMatchObject({ state: 'cancelled' });
    expect((await ml.modelFiles()).filter((f) => f.startsWith(modelId))).toEqual([]);
    expect((await desk.call('POST', `/api/ml/jobs/${blocker.jobId}/cancel`, 'alice', {})).json()).toMatchObject({ state: 'cancelled' });
  });
});
