import { randomUUID } from 'node:crypto';
import { QUANTILE_LEVELS, type PredictBody, type Prediction, type PredictParams } from '../../../shared/api/ml.js';
import { localDate, nextDay, shiftDay } from '../../../shared/market/time-zone.js';
import type { Caller } from '../auth/caller.js';
import { AppError } from '../http/app-error.js';
import { checkedDay } from './calendar-days.js';
import { periodsOfDay } from './forecast-periods.js';
import type { MlContext } from './ml-context.js';
import { modelNotFound } from './ml-errors.js';
import { modelOf, readModelFile } from './model-registry.js';
import { assembleSeries } from './training-data/series-assembly.js';

/** A worker's failure to forecast as an error envelope; `model`, where the task had several, the one that failed. */
export const forecastFailed = (message: string, model?: { id: string; name: string }): AppError =>
  model
    ? new AppError('internal_error', 'FORECAST_FAILED', `Model “${model.name}” (${model.id}) could not forecast: ${message}`, { modelId: model.id, name: model.name }, 500)
    : new AppError('internal_error', 'FORECAST_FAILED', `The model could not forecast: ${message}`, null, 500);

/**
 * A ready model's forecast of one delivery day (by default the zone's next one): the days before
 * it that the model reads (prices up to the day before; exogenous series up to the day itself,
 * when the model reads them) go to a worker thread with the model; its 24 hours come back mapped
 * onto the day's own hours and are stored in predictions as issued.
 */
export class PredictionService {
  constructor(private readonly ml: MlContext) {}

  /** `signal`: the caller has gone, and the forecast is stopped. */
  async predict(caller: Caller, params: PredictParams, body: PredictBody, signal?: AbortSignal): Promise<Prediction> {
    const { store, organizationId } = await this.ml.access.of(caller, 'analyst');
    const model = await modelOf(store, organizationId, params.modelId);
    if (model.architecture !== params.architecture) {
      throw new AppError('validation_error', 'ARCHITECTURE_MISMATCH', `Model ${model.id} is a ${model.architecture} model, not ${params.architecture}: ask /api/ml/predict/${model.architecture}/${model.id}`, [
        { field: 'params.architecture', message: `the model is ${model.architecture}`, value: params.architecture },
      ]);
    }
    const kind = this.ml.kind(model.architecture);
    const zone = this.ml.zone(model.zoneId, 'zoneId');
    const issuedAt = this.ml.clock.now();
    const day = body.deliveryDate === undefined ? nextDay(localDate(zone.timezone, issuedAt.getTime())) : checkedDay(body.deliveryDate, 'body.deliveryDate');
    const { header, payload } = await readModelFile(this.ml, model);
    const series = await assembleSeries(this.ml.read, { zone, first: shiftDay(day, -kind.inputDays(model.hyperparameters)), last: day, forecastLastDay: true, exogenous: header.metrics.exogenous });
    const outcome = await this.ml.workers.run({ task: 'forecast', kindsModule: this.ml.kinds.moduleUrl, models: [{ architecture: model.architecture, bytes: payload, series }], targets: [series.dates.length - 1] }, signal);
    const forecast = outcome.type === 'forecasts' ? outcome.forecasts[0]?.[0] : undefined;
    if (!forecast) throw forecastFailed(outcome.type === 'failed' ? outcome.message : `the worker answered ${outcome.type}`);

    const prediction: Prediction = {
      id: randomUUID(),
      modelId: model.id,
      architecture: model.architecture,
      zoneId: zone.id,
      deliveryDate: day,
      issuedAt: issuedAt.toISOString(),
      currency: zone.currency,
      timezone: zone.timezone,
      quantileLevels: [...QUANTILE_LEVELS],
      periods: periodsOfDay(zone, day, forecast),
    };
    const stored = await store.predictions.insertFirst({
      id: prediction.id,
      modelId: model.id,
      zoneId: zone.id,
      deliveryDate: day,
      issuedAt,
      periods: prediction.periods.length,
      forecast: { quantileLevels: prediction.quantileLevels, periods: prediction.periods },
    });
    // Deleted while it forecast: the model is gone, as a request a moment later would be told.
    if (!stored) throw modelNotFound(model.id);
    // Asked twice at the same instant: the first answer is the stored one, and it is the answer.
    return stored.id === prediction.id ? prediction : { ...prediction, id: stored.id, ...(stored.forecast as Pick<Prediction, 'quantileLevels' | 'periods'>) };
  }
}
