import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, ModelInfo, ModelList } from '../../../../shared/api/ml.js';
import { STREAM_PATH, type StreamServerMessage } from '../../../../shared/api/stream.js';
import { backends } from '../../../testing/backends.js';
import { steppingClock } from '../../../testing/clock.js';
import { storeDayAheadHistory } from '../../../testing/day-ahead-history.js';
import { openDesk, type Desk } from '../../../testing/desk.js';
import { eventually } from '../../../testing/eventually.js';
import { mlCalls } from '../../../testing/ml-calls.js';
import { connectStream } from '../../../testing/stream-client.js';
import { decodeModelFile, encodeModelFile, type ModelFileHeader } from '../../ml/artifacts/model-file.js';

// The engine's clock: its next delivery day in Berlin is 21 March 2026. History runs past it so
// a past day (29 March, 23 hours) can be forecast too.
const NOW = '2026-03-20T10:00:00Z';
const HISTORY = { first: '2025-12-01', last: '2026-03-31' };
// Fitted on 1 December - 3 January, measured on the 28 days to 31 January.
const TRAINING = { zone: 'DE_LU', from: '2025-12-01', to: '2026-01-31' };
// The real networks sized for a test: a day of encoder and a week of validation fit in those 34
// days. A "long" TFT runs up to 1,000 epochs (a few minutes) with early stopping out of reach.
const SMALL_TFT = { encoderHours: 24, hiddenSize: 8, heads: 1, validationDays: 7 };
const LONG_TFT = { ...SMALL_TFT, epochs: 1000, patience: 1000 };
const SMALL_NBEATS = { lookbackDays: 7, width: 16, blocksPerStack: 2, layers: 2, validationDays: 7, epochs: 20 };

describe.each(backends)('forecasting through the API on $dialect', (backend) => {
  let desk: Desk;
  const count = async (table: string): Promise<number> => Number((await desk.engine.store.sql.one<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`))?.n);
  const { job, ended, train, trained, predict, modelFiles } = mlCalls(() => desk);

  beforeAll(async () => {
    desk = await openDesk(backend, { clock: steppingClock(NOW) });
    const zone = desk.engine.databases.catalogue.zones.find((z) => z.id === 'DE_LU')!;
    await storeDayAheadHistory(desk.engine.store, zone, HISTORY.first, HISTORY.last);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('trains a naive model to ready, its progress streamed to the organisation on a WebSocket, and lists it with its metrics and file', async () => {
    const address = await desk.engine.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await connectStream(`${address.replace(/^http/, 'ws')}${STREAM_PATH}`);
    const outsider = await connectStream(`${address.replace(/^http/, 'ws')}${STREAM_PATH}`);
    try {
      for (const [client, who] of [
        [stream, 'alice'],
        [outsider, 'bob'],
      ] as const) {
        client.send({ type: 'auth', accessToken: desk.token(who) });
        await client.next((m) => m.type === 'authenticated');
        client.send({ type: 'subscribe', topic: 'ml-training' });
        await client.next((m) => m.type === 'subscribed');
      }
      const { jobId, modelId } = await train('naive', { ...TRAINING, name: 'Naive DE', hyperparameters: { quantileDays: 21 } });
      const isJobEvent = (state: string) => (m: StreamServerMessage) => m.type === 'event' && m.topic === 'ml-training' && m.data.jobId === jobId && m.data.state === state;
      await stream.next(isJobEvent('queued'), 10_000);
      await stream.next(isJobEvent('training'), 10_000);
      const ready = await stream.next(isJobEvent('ready'), 30_000);
      expect(ready).toMatchObject({ data: { modelId, architecture: 'naive', zoneId: 'DE_LU', error: null } });
      // Bob is of another organisation: nothing of it reaches him.
      expect(outsider.messages.filter((m) => m.type === 'event' && m.topic === 'ml-training')).toEqual([]);
      expect(await job(jobId)).toMatchObject({ jobId, modelId, state: 'ready' });
      expect((await desk.call('GET', `/api/ml/jobs/${jobId}`, 'bob')).json()).toMatchObject({ error: { code: 'JOB_NOT_FOUND' } });

      const info = (await desk.call('GET', `/api/ml/models/${modelId}/info`, 'vera')).json<ModelInfo>();
      expect(info).toMatchObject({
        id: modelId,
        name: 'Naive DE',
        architecture: 'naive',
        zoneId: 'DE_LU',
        status: 'ready',
        trainingFrom: '2025-12-01',
        trainingTo: '2026-01-03',
        hyperparameters: { quantileDays: 21 },
        error: null,
        metrics: { exogenous: [], validation: { from: '2026-01-04', to: '2026-01-31', days: 28 } },
      });
      const validation = info.metrics?.validation?.metrics;
      expect(validation?.mae).toBeGreaterThan(0);
      expect(validation?.rmse).toBeGreaterThanOrEqual(validation?.mae ?? Infinity);
      expect(validation?.rmae).toBeGreaterThan(0);
      const file = await readFile(join(desk.engine.config.dataDir, 'models', `${modelId}.optibid-model`));
      expect(info.artifact).toEqual({ bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') });

      const listed = (await desk.call('GET', '/api/ml/models?zone=DE_LU&architecture=naive', 'alice')).json<ModelList>();
      expect(listed.models.map((m) => m.id)).toContain(modelId);
      expect((await desk.call('GET', '/api/ml/models?architecture=tft', 'alice')).json<ModelList>().models.map((m) => m.id)).not.toContain(modelId);
      expect((await desk.call('GET', '/api/ml/models', 'bob')).json<ModelList>().models).toEqual([]);
    } finally {
      await stream.close();
      await outsider.close();
    }
  });

  it('forecasts the next delivery day by default and a 23-hour day on its own hours, and stores each forecast', async () => {
    const modelId = await trained('naive', TRAINING);
    const before = await count('predictions');
    // No body at all: the defaults.
    const tomorrow = await predict('naive', modelId);
    expect(tomorrow).toMatchObject({ modelId, architecture: 'naive', zoneId: 'DE_LU', deliveryDate: '2026-03-21', issuedAt: new Date(NOW).toISOString(), currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(tomorrow.quantileLevels).toEqual([0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]);
    expect(tomorrow.periods).toHaveLength(24);
    expect(tomorrow.periods[0]).toMatchObject({ period: 1, start: '2026-03-20T23:00:00.000Z', end: '2026-03-21T00:00:00.000Z' });
    for (const period of tomorrow.periods) {
      expect(period.quantiles).toHaveLength(7);
      expect([...period.quantiles].sort((a, b) => a - b)).toEqual(period.quantiles);
    }

    // 21 March 2026 is a Saturday: the naive rule copies the Saturday before, hour by hour.
    const weekBefore = (await desk.call('GET', '/api/market-data/day-ahead?zone=DE_LU&day=2026-03-14', 'alice')).json<{ periods: { price: number }[] }>();
    const hourly = Array.from({ length: 24 }, (_, h) => weekBefore.periods.slice(h * 4, h * 4 + 4).reduce((s, p) => s + p.price, 0) / 4);
    tomorrow.periods.forEach((period, h) => expect(period.point).toBeCloseTo(hourly[h]!, 9));

    const clocksForward = await predict('naive', modelId, { deliveryDate: '2026-03-29' });
    expect(clocksForward.periods).toHaveLength(23);
    // 02:00 does not exist that day: the hour after 01:00 is 03:00, with the forecast of wall hour 3.
    expect(clocksForward.periods[2]).toMatchObject({ start: '2026-03-29T01:00:00.000Z' });

    // Asked twice at once on this clock, which has not moved: the same instant, so one forecast,
    // stored once, is both answers.
    const [first, again] = await Promise.all([predict('naive', modelId, { deliveryDate: '2026-03-22' }), predict('naive', modelId, { deliveryDate: '2026-03-22' })]);
    expect(again).toEqual(first);

    expect(await count('predictions')).toBe(before + 3);
    const stored = await desk.engine.store.sql.all<{ delivery_date: string; periods: number }>("SELECT delivery_date, periods FROM predictions WHERE model_id = ? AND delivery_date <> '2026-03-22' ORDER BY delivery_date", [modelId]);
    expect(stored).toEqual([
      { delivery_date: '2026-03-21', periods: 24 },
      { delivery_date: '2026-03-29', periods: 23 },
    ]);
  });

  it('trains the epftoolbox DNN, its defaults completed and its validation weeks drawn from its training span, and forecasts with it', async () => {
    const modelId = await trained('dnn', { ...TRAINING, hyperparameters: { hiddenLayers: [16], validationDays: 14, batchSize: 8, epochs: 10 } });
    const info = (await desk.call('GET', `/api/ml/models/${modelId}/info`, 'alice')).json<ModelInfo>();
    expect(info).toMatchObject({ architecture: 'dnn', hyperparameters: { hiddenLayers: [16], priceLagDays: [1, 2, 3, 7], exogenousLagDays: [0, 1, 7], validationSampling: 'weeks', patience: 20 } });
    expect(info.metrics?.exogenous).toEqual(['load forecast', 'wind forecast', 'solar forecast']);
    const forecast = await predict('dnn', modelId, { deliveryDate: '2026-03-12' });
    expect(forecast.periods).toHaveLength(24);
    expect(forecast.periods.every((p) => Number.isFinite(p.point))).toBe(true);
  });

  it('trains a model that reads the exogenous series with those complete over its days, and needs them for the day it forecasts', async () => {
    const modelId = await trained('tft', { ...TRAINING, hyperparameters: { ...SMALL_TFT, epochs: 2 } });
    const info = (await desk.call('GET', `/api/ml/models/${modelId}/info`, 'alice')).json<ModelInfo>();
    expect(info.metrics?.exogenous).toEqual(['load forecast', 'wind forecast', 'solar forecast']);
    expect((await predict('tft', modelId, { deliveryDate: '2026-03-12' })).periods).toHaveLength(24);
    // The load forecast of 13 March goes unpublished.
    await desk.engine.store.sql.run("UPDATE market_data SET load_forecast_kw = NULL WHERE zone_id = 'DE_LU' AND interval_start >= ? AND interval_start < ?", [new Date('2026-03-12T23:00:00Z'), new Date('2026-03-13T23:00:00Z')]);
    const refused = await desk.call('POST', `/api/ml/predict/tft/${modelId}`, 'alice', { deliveryDate: '2026-03-13' });
    expect([refused.statusCode, refused.json()]).toEqual([400, { error: expect.objectContaining({ code: 'EXOGENOUS_MISSING', details: { zone: 'DE_LU', series: 'load forecast', missingDays: ['2026-03-13'] } }) as unknown }]);
  });

  it('compares models on held-back days with the Diebold-Mariano test of every pair, and refuses days a model was fitted on or learnt the prices after', async () => {
    const wide = await trained('naive', { ...TRAINING, name: 'naive 56' });
    const narrow = await trained('naive', { ...TRAINING, name: 'naive 14', hyperparameters: { quantileDays: 14 } });
    const network = await trained('nbeats', { ...TRAINING, name: 'N-BEATS', hyperparameters: SMALL_NBEATS });
    const response = await desk.call('POST', '/api/ml/compare', 'alice', { modelIds: [wide, narrow, network], from: '2026-02-01', to: '2026-02-28' });
    expect(response.statusCode, response.body).toBe(200);
    const comparison = response.json<Comparison>();
    expect(comparison).toMatchObject({ zoneId: 'DE_LU', from: '2026-02-01', to: '2026-02-28', days: 28, reference: { name: 'weekly naive' } });
    expect(comparison.models.map((m) => m.name)).toEqual(['naive 56', 'naive 14', 'N-BEATS']);
    for (const { metrics } of comparison.models) expect(metrics.rmae).toBeCloseTo(metrics.mae / comparison.reference.mae, 12);
    // Each model's bands: the 90, 80 and 50 % ones, a wider one holding at least what a narrower one holds.
    for (const { quantiles } of comparison.models) {
      expect(quantiles?.bands.map((band) => band.nominal)).toEqual([0.9, 0.8, 0.5]);
      const held = quantiles!.bands.map((band) => band.observed);
      expect(held.every((share) => share >= 0 && share <= 1) && held[0]! >= held[1]! && held[1]! >= held[2]!).toBe(true);
    }
    // The two naive models forecast the same points from errors over different days: their bands differ.
    expect(comparison.models[0]!.quantiles!.pinball).not.toBeCloseTo(comparison.models[1]!.quantiles!.pinball, 6);
    expect(comparison.dieboldMariano).toHaveLength(6);
    const test = (a: string, b: string) => comparison.dieboldMariano.find((t) => t.modelA === a && t.modelB === b)!;
    // Two naive models forecast the same points: no evidence either way.
    expect(test(wide, narrow).pValue).toBe(0.5);
    // Naive against the network: one direction's p-value is the other's complement, each hour's too.
    expect(test(network, wide).pValue + test(wide, network).pValue).toBeCloseTo(1, 9);
    expect(test(network, wide).pValueByHour).toHaveLength(24);
    for (const [h, p] of test(network, wide).pValueByHour.entries()) expect(p + test(wide, network).pValueByHour[h]!).toBeCloseTo(1, 9);
    expect(comparison.models[0]!.metrics.mae).not.toBeCloseTo(comparison.models[2]!.metrics.mae, 3);
    // Small p for (A, B) says B is the more accurate: below one half exactly when B's MAE is lower.
    expect(test(network, wide).pValue < 0.5).toBe(comparison.models[0]!.metrics.mae < comparison.models[2]!.metrics.mae);

    const overlapping = await desk.call('POST', '/api/ml/compare', 'alice', { modelIds: [wide, network], from: '2026-01-02', to: '2026-01-20' });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json()).toMatchObject({ error: { code: 'DAYS_NOT_HELD_BACK', details: { models: [{ id: wide, trainingFrom: '2025-12-01', trainingTo: '2026-01-03' }, { id: network }] } } });
    // Days before the training are refused too: the models learnt from the prices after them.
    const earlier = await desk.call('POST', '/api/ml/compare', 'alice', { modelIds: [wide, narrow], from: '2025-11-01', to: '2025-11-20' });
    expect([earlier.statusCode, earlier.json()]).toMatchObject([400, { error: { code: 'DAYS_NOT_HELD_BACK', details: { models: [{ id: wide }, { id: narrow }] } } }]);
  });

  // Each import has a worker forecast a made-up day first: about 19 s alone, past 30 s beside the rest of the suite.
  it('exports a model file and imports it as a new model that forecasts the same; a damaged file is refused and nothing is written', { timeout: 90_000 }, async () => {
    const original = await trained('naive', TRAINING);
    const exported = await desk.call('GET', `/api/ml/models/${original}/export`, 'vera');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/octet-stream');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename=".+\.optibid-model"$/);
    const file = exported.rawPayload;

    const imported = await desk.engine.app.inject({ method: 'POST', url: '/api/ml/models/import', payload: file, headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${desk.token('alice')}` } });
    expect(imported.statusCode, imported.body).toBe(201);
    const copy = imported.json<ModelInfo>();
    const source = (await desk.call('GET', `/api/ml/models/${original}/info`, 'alice')).json<ModelInfo>();
    expect(copy.id).not.toBe(original);
    expect(copy).toMatchObject({ status: 'ready', architecture: 'naive', name: source.name, trainingFrom: source.trainingFrom, trainingTo: source.trainingTo, metrics: source.metrics, hyperparameters: source.hyperparameters, artifact: source.artifact });
    const day = { deliveryDate: '2026-03-10' };
    expect((await predict('naive', copy.id, day)).periods).toEqual((await predict('naive', original, day)).periods);

    const modelsBefore = await count('ml_models');
    const filesBefore = await modelFiles();
    const damaged = Buffer.from(file);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 5) ^ 0xff, damaged.length - 5);
    // A file written again whole, its header changed: well formed, its payload's hash right.
    const reheaded = (change: Partial<ModelFileHeader>): Buffer => {
      const { header, payload } = decodeModelFile(new Uint8Array(file));
      return Buffer.from(encodeModelFile({ ...header, ...change }, payload));
    };
    // A file written again whole, its naive model changed: well formed, its hash right.
    const repayloaded = (change: (model: Record<string, unknown>) => Record<string, unknown>): Buffer => {
      const { header, payload } = decodeModelFile(new Uint8Array(file));
      return Buffer.from(encodeModelFile(header, new TextEncoder().encode(JSON.stringify(change(JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>)))));
    };
    const refusals: [Buffer | string, string, number, string][] = [
      [damaged, 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      [file.subarray(0, file.length - 10), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      [Buffer.from('not a model at all'), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      [Buffer.from(file.toString('latin1').replace('"architecture":"naive"', '"architecture":"nbeats"'), 'latin1'), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      // The header is not hashed: a day of the right shape that is no calendar day must still be refused, not stored.
      [Buffer.from(file.toString('latin1').replace(/"trainingTo":"\d{4}-\d{2}-\d{2}"/, '"trainingTo":"2026-02-30"'), 'latin1'), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      // Nor is a header that describes another model than the one it carries: what it shows and what forecasts read would differ.
      [reheaded({ hyperparameters: { quantileDays: 7 } }), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      [reheaded({ metrics: { ...source.metrics!, exogenous: ['load forecast'] } }), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      // A model that reads back but cannot forecast: band tables emptied, or cut to three hours (which forecast NaN).
      [repayloaded((model) => ({ ...model, offsets: [] })), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      [repayloaded((model) => ({ ...model, offsets: (model.offsets as number[][]).map((hours) => hours.slice(0, 3)) })), 'application/octet-stream', 400, 'INVALID_MODEL_FILE'],
      [JSON.stringify({ model: 'x' }), 'application/json', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [payload, contentType, status, code] of refusals) {
      const response = await desk.engine.app.inject({ method: 'POST', url: '/api/ml/models/import', payload, headers: { 'content-type': contentType, authorization: `Bearer ${desk.token('alice')}` } });
      expect([response.statusCode, response.json()]).toEqual([status, { error: expect.objectContaining({ code }) as unknown }]);
    }
    expect(await count('ml_models')).toBe(modelsBefore);
    expect(await modelFiles()).toEqual(filesBefore);
  });

  // Five trainings, five imports and ten forecasts: about 20 s alone, far more beside the rest of the suite.
  it('imports a model of every architecture, each made to forecast a made-up day first, and it forecasts as the one exported', { timeout: 180_000 }, async () => {
    const small: [string, Record<string, unknown>][] = [
      ['lear', { calibrationWindows: [21], quantileDays: 7, transforms: ['asinh', 'npit'] }],
      ['tft', { ...SMALL_TFT, epochs: 2 }],
      ['nbeats', { ...SMALL_NBEATS, epochs: 2 }],
      ['deepar', { contextHours: 24, hiddenSize: 8, layers: 1, samples: 20, validationDays: 7, epochs: 2 }],
      ['dnn', { hiddenLayers: [16], validationDays: 14, batchSize: 8, epochs: 2, scaling: 'npit' }],
    ];
    const day = { deliveryDate: '2026-03-10' };
    for (const [architecture, hyperparameters] of small) {
      const original = await trained(architecture, { ...TRAINING, name: `${architecture} to export`, hyperparameters });
      const file = (await desk.call('GET', `/api/ml/models/${original}/export`, 'alice')).rawPayload;
      const imported = await desk.engine.app.inject({ method: 'POST', url: '/api/ml/models/import', payload: file, headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${desk.token('alice')}` } });
      expect(imported.statusCode, `${architecture}: ${imported.body}`).toBe(201);
      const copy = imported.json<ModelInfo>().id;
      // Every kind forecasts deterministically (DeepAR's draws are seeded by the model and the day).
      const periods = async (id: string) => (await predict(architecture, id, day)).periods;
      expect(await periods(copy), architecture).toEqual(await periods(original));
    }
  });

  it('answers for a model whose file is gone, changed or no file any more, and stores no forecast', async () => {
    const path = (id: string) => join(desk.engine.config.dataDir, 'models', `${id}.optibid-model`);
    const gone = await trained('naive', TRAINING);
    await rm(path(gone));
    const changed = await trained('naive', TRAINING);
    await writeFile(path(changed), 'not what was written');
    const folder = await trained('naive', TRAINING);
    await rm(path(folder));
    await mkdir(path(folder));
    const predictionsBefore = await count('predictions');
    for (const [id, status, code] of [
      [gone, 404, 'MODEL_FILE_NOT_HERE'],
      [changed, 409, 'MODEL_FILE_CHANGED'],
      [folder, 409, 'MODEL_FILE_UNREADABLE'],
    ] as const) {
      const response = await desk.call('POST', `/api/ml/predict/naive/${id}`, 'alice', {});
      expect([response.statusCode, response.json()], code).toEqual([status, { error: expect.objectContaining({ code, message: expect.stringContaining(`${id}.optibid-model`) as unknown }) as unknown }]);
    }
    expect(await count('predictions')).toBe(predictionsBefore);
    await rm(path(folder), { recursive: true });
  });

  it('deletes a model with its predictions and its file', async () => {
    const modelId = await trained('naive', TRAINING);
    await predict('naive', modelId, {});
    const file = `${modelId}.optibid-model`;
    expect(await modelFiles()).toContain(file);
    expect((await desk.call('DELETE', `/api/ml/models/${modelId}`, 'vera')).statusCode).toBe(403);
    expect((await desk.call('DELETE', `/api/ml/models/${modelId}`, 'alice')).statusCode).toBe(204);
    expect(await modelFiles()).not.toContain(file);
    expect(Number((await desk.engine.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM predictions WHERE model_id = ?', [modelId]))?.n)).toBe(0);
    expect((await desk.call('GET', `/api/ml/models/${modelId}/info`, 'alice')).json()).toMatchObject({ error: { code: 'MODEL_NOT_FOUND' } });
    expect((await desk.call('DELETE', `/api/ml/models/${modelId}`, 'alice')).statusCode).toBe(404);

    // A file that cannot be removed (a folder in its place here; a file held open on Windows) does not undo the deletion.
    const stuck = await trained('naive', TRAINING);
    const stuckPath = join(desk.engine.config.dataDir, 'models', `${stuck}.optibid-model`);
    await rm(stuckPath);
    await mkdir(join(stuckPath, 'held'), { recursive: true });
    expect((await desk.call('DELETE', `/api/ml/models/${stuck}`, 'alice')).statusCode).toBe(204);
    expect((await desk.call('GET', `/api/ml/models/${stuck}/info`, 'alice')).json()).toMatchObject({ error: { code: 'MODEL_NOT_FOUND' } });
    await rm(stuckPath, { recursive: true });
  });

  it('trains one job at a time, keeps the engine answering while a long one trains, and cancels it: cancelled, no file', async () => {
    const long = await train('tft', { ...TRAINING, hyperparameters: LONG_TFT });
    const next = await train('naive', TRAINING);
    await eventually(async () => (await job(long.jobId)).epoch >= 2, 'the long job to report epochs', 30_000);
    // The second job waits for the first: one training at a time.
    expect((await job(next.jobId)).state).toBe('queued');

    const answered: number[] = [];
    for (let i = 0; i < 20; i++) answered.push((await desk.engine.app.inject({ url: '/health' })).statusCode);
    const during = await job(long.jobId);
    expect(answered).toEqual(Array.from({ length: 20 }, () => 200));
    // All twenty answered while the job was still training, between two of its epochs.
    expect(during).toMatchObject({ state: 'training', epochs: 1000 });
    expect(during.epoch).toBeLessThan(1000);
    expect(during.loss).toBeGreaterThan(0);

    const cancelled = await desk.call('POST', `/api/ml/jobs/${long.jobId}/cancel`, 'alice', {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
    const model = (await desk.call('GET', `/api/ml/models/${long.modelId}/info`, 'alice')).json<ModelInfo>();
    expect(model).toMatchObject({ status: 'cancelled', artifact: null });
    expect(await modelFiles()).not.toContain(`${long.modelId}.optibid-model`);
    expect((await desk.call('POST', `/api/ml/jobs/${long.jobId}/cancel`, 'alice', {})).json()).toMatchObject({ error: { code: 'JOB_FINISHED' } });

    // The queue moves on.
    expect((await ended(next.jobId)).state).toBe('ready');
  });

  it('cancels a waiting job at once, and deleting a model under training cancels its job first', async () => {
    const first = await train('tft', { ...TRAINING, hyperparameters: LONG_TFT });
    const waiting = await train('naive', TRAINING);
    expect((await desk.call('POST', `/api/ml/jobs/${waiting.jobId}/cancel`, 'alice', {})).json()).toMatchObject({ state: 'cancelled' });
    expect((await desk.call('GET', `/api/ml/models/${waiting.modelId}/info`, 'alice')).json()).toMatchObject({ status: 'cancelled' });
    await eventually(async () => (await job(first.jobId)).state === 'training', 'the first job to train');
    expect((await desk.call('DELETE', `/api/ml/models/${first.modelId}`, 'alice')).statusCode).toBe(204);
    expect(await job(first.jobId)).toMatchObject({ state: 'cancelled' });
    expect(await modelFiles()).not.toContain(`${first.modelId}.optibid-model`);
  });
});
