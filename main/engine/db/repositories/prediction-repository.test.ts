import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { prepareStore } from '../open-stores.js';
import { loadZoneCatalogue } from '../zone-catalogue.js';
import type { PredictionRecord } from './prediction-repository.js';

const ORGANIZATION = '7d1c2a4e-0b7f-4c1e-8a3d-5e9f0a1b2c3d';
const AT = new Date('2026-03-20T10:00:00Z');

const predictionOf = (modelId: string, forecast: Record<string, unknown>): PredictionRecord => ({
  id: randomUUID(),
  modelId,
  zoneId: 'DE_LU',
  deliveryDate: '2026-03-21',
  issuedAt: AT,
  periods: 24,
  forecast,
});

describe.each(dialects)('stored predictions on $dialect', ({ open }) => {
  let db: DialectFixture;
  let modelId: string;
  beforeEach(async () => {
    db = await open();
    await prepareStore(db.store, loadZoneCatalogue());
    await db.store.organizations.insert({ id: ORGANIZATION, name: 'Desk', slug: 'desk', defaultCurrency: 'EUR', createdAt: AT });
    modelId = randomUUID();
    await db.store.mlModels.insert({
      id: modelId,
      organizationId: ORGANIZATION,
      name: 'naive',
      architecture: 'naive',
      zoneId: 'DE_LU',
      status: 'queued',
      hyperparameters: {},
      trainingFrom: null,
      trainingTo: null,
      metrics: null,
      artifact: null,
      errorMessage: null,
      createdBy: null,
      trainedOn: null,
      createdAt: AT,
      updatedAt: AT,
    });
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('keeps the first forecast of a day issued at one instant and answers it to the second', async () => {
    const first = predictionOf(modelId, { n: 1 });
    expect(await db.store.predictions.insertFirst(first)).toEqual(first);
    expect(await db.store.predictions.insertFirst(predictionOf(modelId, { n: 2 }))).toEqual(first);
  });

  it('stores nothing and answers null for a model that is gone, deleted before or while it forecast', async () => {
    expect(await db.store.predictions.insertFirst(predictionOf(randomUUID(), { n: 1 }))).toBeNull();
    await db.store.mlModels.delete(modelId, ORGANIZATION);
    expect(await db.store.predictions.insertFirst(predictionOf(modelId, { n: 1 }))).toBeNull();
    expect(Number((await db.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM predictions'))?.n)).toBe(0);
  });
});
