import type { Comparison, CompareBody } from '../../../shared/api/ml.js';
import { ML_LIMITS } from '../../../shared/api/ml.js';
import { shiftDay } from '../../../shared/market/time-zone.js';
import type { Caller } from '../auth/caller.js';
import type { MlModelRecord } from '../db/repositories/ml-model-repository.js';
import { AppError } from '../http/app-error.js';
import { checkedDayRange, dayCount } from './calendar-days.js';
import type { DailySeries } from './daily-series.js';
import { compareModels } from './evaluation/model-comparison.js';
import { WEEKLY_NAIVE_LAG_DAYS } from './evaluation/weekly-naive.js';
import type { MlContext } from './ml-context.js';
import { modelOf, readModelFile } from './model-registry.js';
import { fittedDays } from './model-views.js';
import { forecastFailed } from './prediction-service.js';
import { assembleSeries } from './training-data/series-assembly.js';

const refused = (code: string, message: string, details: Record<string, unknown>): AppError => new AppError('validation_error', code, message, details);

/**
 * Several ready models of one zone forecast the same delivery days, each day from what was known
 * before it (see knownBefore in the worker), and are measured as the epftoolbox benchmark does:
 * MAE, sMAPE, rMAE against the weekly naive forecast, RMSE, and the Diebold-Mariano test of every
 * ordered pair. Held back means after every model's training: a day inside or before any model's
 * training range is refused, naming the models, rather than measured with a flag a reader might miss.
 */
export class ComparisonService {
  constructor(private readonly ml: MlContext) {}

  /** `signal`: the caller has gone, and the comparison is stopped. */
  async compare(caller: Caller, body: CompareBody, signal?: AbortSignal): Promise<Comparison> {
    const { store, organizationId } = await this.ml.access.of(caller, 'analyst');
    const { from, to } = checkedDayRange(body.from, 'body.from', body.to, 'body.to');
    const days = dayCount(from, to);
    if (days < 2 || days > ML_LIMITS.compareDays) throw refused('INVALID_COMPARISON_DAYS', `A comparison runs over 2 to ${String(ML_LIMITS.compareDays)} days (the test needs two); ${from} to ${to} is ${String(days)}`, { days });

    const models: MlModelRecord[] = [];
    for (const id of body.modelIds) models.push(await modelOf(store, organizationId, id));
    const zoneIds = [...new Set(models.map((m) => m.zoneId))];
    if (zoneIds.length > 1) throw refused('MODELS_IN_DIFFERENT_ZONES', `Models of one zone are compared on its prices; these forecast ${zoneIds.join(', ')}`, { zones: zoneIds });
    const zone = this.ml.zone(zoneIds[0]!, 'zoneId');
    const kinds = models.map((m) => this.ml.kind(m.architecture));
    const trainedOn = models.flatMap((model) => {
      const fitted = fittedDays(model, zone);
      // Days before its training are not held back either: the model learnt from the prices that followed them.
      return fitted && fitted.to >= from ? [{ id: model.id, trainingFrom: fitted.from, trainingTo: fitted.to }] : [];
    });
    if (trainedOn.length > 0) {
      throw refused('DAYS_NOT_HELD_BACK', `${from} to ${to} is not after the training of ${trainedOn.map((m) => `${m.id} (${m.trainingFrom} to ${m.trainingTo})`).join(', ')}: compare on days after every model's training`, { models: trainedOn });
    }
    const files = await Promise.all(models.map((model) => readModelFile(this.ml, model)));

    // Each model reads its own input days before the first, the reference a week.
    const context = Math.max(WEEKLY_NAIVE_LAG_DAYS, ...models.map((model, i) => kinds[i]!.inputDays(model.hyperparameters)));
    const exogenous = [...new Set(files.flatMap((f) => f.header.metrics.exogenous))];
    const series = await assembleSeries(this.ml.read, { zone, first: shiftDay(from, -context), last: to, forecastLastDay: false, exogenous });
    const seriesOf = (names: readonly string[]): DailySeries => ({ ...series, exogenous: names.map((name) => series.exogenous.find((x) => x.name === name)!) });
    const targets = Array.from({ length: days }, (_, i) => context + i);
    const outcome = await this.ml.workers.run(
      {
        task: 'forecast',
        kindsModule: this.ml.kinds.moduleUrl,
        models: models.map((model, i) => ({ architecture: model.architecture, bytes: files[i]!.payload, series: seriesOf(files[i]!.header.metrics.exogenous) })),
        targets,
      },
      signal,
    );
    if (outcome.type !== 'forecasts') {
      const failed = outcome.type === 'failed' && outcome.modelIndex !== undefined ? models[outcome.modelIndex] : undefined;
      throw forecastFailed(outcome.type === 'failed' ? outcome.message : `the worker answered ${outcome.type}`, failed);
    }

    const result = compareModels(series.prices, targets, outcome.forecasts);
    return {
      zoneId: zone.id,
      from,
      to,
      days,
      models: models.map((model, i) => ({ modelId: model.id, name: model.name, architecture: model.architecture, metrics: result.metrics[i]!, quantiles: result.quantiles[i] ?? null })),
      reference: { name: 'weekly naive', mae: result.referenceMae },
      dieboldMariano: result.pairs.map((pair) => ({ modelA: models[pair.a]!.id, modelB: models[pair.b]!.id, pValue: pair.pValue, pValueByHour: pair.pValueByHour })),
    };
  }
}
