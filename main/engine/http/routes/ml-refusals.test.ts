import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainAccepted, TrainingJobStatus } from '../../../../shared/api/ml.js';
import { backends } from '../../../testing/backends.js';
import { steppingClock } from '../../../testing/clock.js';
import { storeDayAheadHistory } from '../../../testing/day-ahead-history.js';
import { openDesk, type Desk } from '../../../testing/desk.js';
import { eventually } from '../../../testing/eventually.js';

const NOW = '2026-03-20T10:00:00Z';
const TRAINING = { zone: 'DE_LU', from: '2026-01-01', to: '2026-02-28' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(backends)('forecasting refuses bad requests with the error envelope on $dialect', (backend) => {
  let desk: Desk;
  let readyModel: string;
  const models = async (): Promise<number> => Number((await desk.engine.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM ml_models'))?.n);
  const refusal = async (method: 'GET' | 'POST' | 'DELETE', url: string, body: object | undefined, status: number, code: string, field?: string): Promise<void> => {
    const response = await desk.call(method, url, 'alice', body);
    const error = expect.objectContaining({ code, ...(field ? { details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown } : {}) }) as unknown;
    expect([method, url, body, response.statusCode, response.json()]).toEqual([method, url, body, status, { error }]);
  };

  beforeAll(async () => {
    desk = await openDesk(backend, { clock: steppingClock(NOW) });
    const zones = desk.engine.databases.catalogue.zones;
    await storeDayAheadHistory(desk.engine.store, zones.find((z) => z.id === 'DE_LU')!, '2026-01-01', '2026-03-20');
    // Three weeks of FR: too few to train on. NL: two stretches with a week missing between them.
    await storeDayAheadHistory(desk.engine.store, zones.find((z) => z.id === 'FR')!, '2026-03-01', '2026-03-20');
    await storeDayAheadHistory(desk.engine.store, zones.find((z) => z.id === 'NL')!, '2026-01-01', '2026-01-31');
    await storeDayAheadHistory(desk.engine.store, zones.find((z) => z.id === 'NL')!, '2026-02-08', '2026-03-20');
    const accepted = (await desk.call('POST', '/api/ml/train/naive', 'alice', TRAINING)).json<TrainAccepted>();
    await eventually(async () => (await desk.call('GET', `/api/ml/jobs/${accepted.jobId}`, 'alice')).json<TrainingJobStatus>().state === 'ready', 'the model to be ready', 30_000);
    readyModel = accepted.modelId;
  });
  afterAll(async () => {
    await desk.close();
  });

  it('refuses a training request that cannot run, and creates no model', async () => {
    const before = await models();
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, zone: 'de' }, 400, 'VALIDATION_FAILED', 'body.zone');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, zone: 'ATLANTIS' }, 404, 'ZONE_NOT_FOUND', 'body.zone');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, hyperparameters: { quantileDays: 3 } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.quantileDays');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, hyperparameters: { quantileDays: 'many' } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.quantileDays');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, hyperparameters: { learningRate: 0.1 } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.learningRate');
    // LEAR's transforms: a scaling it does not know, the same one twice.
    await refusal('POST', '/api/ml/train/lear', { ...TRAINING, hyperparameters: { transforms: ['log'] } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.transforms.0');
    await refusal('POST', '/api/ml/train/lear', { ...TRAINING, hyperparameters: { transforms: ['npit', 'npit'] } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.transforms');
    await refusal('POST', '/api/ml/train/nbeats', { ...TRAINING, hyperparameters: { scaling: 'log' } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.scaling');
    // Each passes the schema; together the window cannot hold the 182 validation days and days to fit.
    await refusal('POST', '/api/ml/train/dnn', { ...TRAINING, hyperparameters: { calibrationDays: 100 } }, 400, 'INVALID_HYPERPARAMETERS', 'body.hyperparameters.calibrationDays');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, unknown: true }, 400, 'VALIDATION_FAILED', 'body.unknown');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, from: '2026-02-30' }, 400, 'INVALID_DATE', 'body.from');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, from: '2026-03-01', to: '2026-02-01' }, 400, 'INVALID_DATE', 'body.to');
    // Days past 9999 have no YYYY-MM-DD after them: refused before any day is listed (listing up to one never ended).
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, to: '9999-12-31' }, 400, 'INVALID_DATE', 'body.to');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, from: '0000-01-01' }, 400, 'INVALID_DATE', 'body.from');
    await refusal('POST', '/api/ml/train/naive', { ...TRAINING, from: '1990-01-01' }, 400, 'TRAINING_SPAN_TOO_LONG', 'body.from');
    await refusal('POST', '/api/ml/train/xgboost', TRAINING, 400, 'VALIDATION_FAILED', 'params.architecture');
    // Two months are too few for LEAR's default four-year window or a network's held-back days.
    for (const architecture of ['tft', 'nbeats', 'deepar', 'dnn', 'lear']) await refusal('POST', `/api/ml/train/${architecture}`, TRAINING, 400, 'INSUFFICIENT_HISTORY');

    const short = await desk.call('POST', '/api/ml/train/naive', 'alice', { zone: 'FR' });
    expect([short.statusCode, short.json()]).toEqual([400, { error: expect.objectContaining({ code: 'INSUFFICIENT_HISTORY', details: { zone: 'FR', daysNeeded: 36, daysAvailable: 20, validationDays: 28 } }) as unknown }]);
    const nothing = await desk.call('POST', '/api/ml/train/naive', 'alice', { zone: 'PL' });
    expect(nothing.json()).toMatchObject({ error: { code: 'INSUFFICIENT_HISTORY', details: { daysAvailable: 0 } } });
    const gaps = await desk.call('POST', '/api/ml/train/naive', 'alice', { zone: 'NL' });
    expect([gaps.statusCode, gaps.json()]).toEqual([400, { error: expect.objectContaining({ code: 'PRICE_HISTORY_GAPS', details: expect.objectContaining({ missingDayCount: 7, missingDays: expect.arrayContaining(['2026-02-01', '2026-02-07']) as unknown }) as unknown }) as unknown }]);

    const viewer = await desk.call('POST', '/api/ml/train/naive', 'vera', TRAINING);
    expect([viewer.statusCode, viewer.json()]).toEqual([403, { error: expect.objectContaining({ code: 'ROLE_REQUIRED' }) as unknown }]);
    expect(await models()).toBe(before);
  });

  it('refuses predictions of a model it cannot find or of the wrong architecture, and a day without the data', async () => {
    await refusal('POST', `/api/ml/predict/naive/${UNKNOWN_ID}`, {}, 404, 'MODEL_NOT_FOUND');
    await refusal('POST', '/api/ml/predict/naive/not-a-uuid', {}, 400, 'VALIDATION_FAILED', 'params.modelId');
    await refusal('POST', `/api/ml/predict/lear/${readyModel}`, {}, 400, 'ARCHITECTURE_MISMATCH', 'params.architecture');
    await refusal('POST', `/api/ml/predict/prophet/${readyModel}`, {}, 400, 'VALIDATION_FAILED', 'params.architecture');
    await refusal('POST', `/api/ml/predict/naive/${readyModel}`, { deliveryDate: '2026-13-01' }, 400, 'INVALID_DATE', 'body.deliveryDate');
    await refusal('POST', `/api/ml/predict/naive/${readyModel}`, { deliveryDate: '9999-12-31' }, 400, 'INVALID_DATE', 'body.deliveryDate');
    // 1 May needs the prices of the week before it, which are not stored.
    const future = await desk.call('POST', `/api/ml/predict/naive/${readyModel}`, 'alice', { deliveryDate: '2026-05-01' });
    expect(future.json()).toMatchObject({ error: { code: 'PRICE_HISTORY_GAPS', details: { missingDays: expect.arrayContaining(['2026-04-24', '2026-04-30']) as unknown } } });
    const outsider = await desk.call('POST', `/api/ml/predict/naive/${readyModel}`, 'bob', {});
    expect(outsider.json()).toMatchObject({ error: { code: 'MODEL_NOT_FOUND' } });
  });

  it('refuses unknown models, jobs and comparisons it cannot make', async () => {
    await refusal('GET', `/api/ml/models/${UNKNOWN_ID}/info`, undefined, 404, 'MODEL_NOT_FOUND');
    await refusal('GET', `/api/ml/models/${UNKNOWN_ID}/export`, undefined, 404, 'MODEL_NOT_FOUND');
    await refusal('DELETE', `/api/ml/models/${UNKNOWN_ID}`, undefined, 404, 'MODEL_NOT_FOUND');
    await refusal('GET', `/api/ml/jobs/${UNKNOWN_ID}`, undefined, 404, 'JOB_NOT_FOUND');
    await refusal('POST', `/api/ml/jobs/${UNKNOWN_ID}/cancel`, {}, 404, 'JOB_NOT_FOUND');
    // Without a body (curl -X POST) as with an empty one.
    await refusal('POST', `/api/ml/jobs/${UNKNOWN_ID}/cancel`, undefined, 404, 'JOB_NOT_FOUND');
    await refusal('GET', '/api/ml/models?zone=ATLANTIS', undefined, 404, 'ZONE_NOT_FOUND', 'query.zone');
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel], from: '2026-03-01', to: '2026-03-10' }, 400, 'VALIDATION_FAILED', 'body.modelIds');
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel, UNKNOWN_ID], from: '2026-03-01', to: '2026-03-10' }, 404, 'MODEL_NOT_FOUND');
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel, readyModel], from: '2026-03-01', to: '2026-03-10' }, 400, 'VALIDATION_FAILED', 'body.modelIds');
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel, UNKNOWN_ID], from: '2026-03-05', to: '2026-03-05' }, 400, 'INVALID_COMPARISON_DAYS');
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel, UNKNOWN_ID], from: '2026-03-05', to: '2026-03-04' }, 400, 'INVALID_DATE', 'body.to');
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel, UNKNOWN_ID], from: '2026-03-05', to: '9999-12-31' }, 400, 'INVALID_DATE', 'body.to');
    // A thousand years is counted, not listed, before it is refused.
    await refusal('POST', '/api/ml/compare', { modelIds: [readyModel, UNKNOWN_ID], from: '1970-01-01', to: '2999-12-31' }, 400, 'INVALID_COMPARISON_DAYS');
  });
});
