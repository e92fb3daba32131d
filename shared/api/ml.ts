import { Type, type Static } from '@sinclair/typebox';
import { NetworkRecalibration } from '../ml/network-recalibration.js';
import { IsoDate, ZoneId } from './zones.js';

/**
 * Price forecasting: the model architectures the terminal trains, and what a forecast of one
 * delivery day is. The routes' request and response schemas build on these.
 */

export const ModelArchitecture = Type.Union([Type.Literal('tft'), Type.Literal('nbeats'), Type.Literal('deepar'), Type.Literal('dnn'), Type.Literal('lear'), Type.Literal('naive')], {
  description: 'tft: Temporal Fusion Transformer; nbeats: N-BEATS; deepar: DeepAR; dnn: the multilayer perceptron of the epftoolbox benchmark; lear: the LASSO-estimated autoregressive model of the epftoolbox benchmark; naive: last week\'s day for Mondays and weekends, yesterday otherwise',
});
export type ModelArchitecture = Static<typeof ModelArchitecture>;

/** The quantile levels every model reports, so fan charts and comparisons line up across models. */
export const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

export const QuantileValues = Type.Object(
  {
    level: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    values: Type.Array(Type.Number(), { description: 'One per hour of the day, as `point`' }),
  },
  { title: 'QuantileValues' },
);
export type QuantileValues = Static<typeof QuantileValues>;

export const DayForecast = Type.Object(
  {
    point: Type.Array(Type.Number(), { description: 'The point forecast of each hour of the delivery day, in the zone\'s currency per MWh' }),
    quantiles: Type.Array(QuantileValues, { description: 'At QUANTILE_LEVELS, each no lower than the one before it, hour by hour' }),
  },
  { title: 'DayForecast' },
);
export type DayForecast = Static<typeof DayForecast>;

/**
 * The forecasting routes (/api/ml): training jobs, the model registry, predictions and
 * comparisons. Delivery days are the zone's own (YYYY-MM-DD in its timezone).
 */

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const ModelStatus = Type.Union([Type.Literal('queued'), Type.Literal('training'), Type.Literal('ready'), Type.Literal('failed'), Type.Literal('cancelled')], {
  description: 'queued: waiting for the training before it to end; training; ready: its file is written and it forecasts; failed or cancelled: no file',
});
export type ModelStatus = Static<typeof ModelStatus>;

export const ML_LIMITS = {
  nameLength: 200,
  /** Days each training holds back after the days it fits on, to measure the model on (four of each weekday). */
  validationDays: 28,
  compareModels: { min: 2, max: 8 },
  /** Two years of days: a comparison runs every model on every day in one worker. */
  compareDays: 731,
  /** Twenty years of days: more than any calibration window in use (epftoolbox's longest is four years), and what a desktop reads into memory at once. */
  trainingDays: 7305,
  /** The largest model file an import accepts. */
  importBytes: 64 * 1024 * 1024,
} as const;

export const TrainParams = Type.Object({ architecture: ModelArchitecture });
export type TrainParams = Static<typeof TrainParams>;

export const TrainBody = Type.Object(
  {
    zone: ZoneId,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: ML_LIMITS.nameLength, pattern: '\\S', description: 'Defaults to "<architecture> <zone> <to>"' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    hyperparameters: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Checked against the architecture’s own schema; what is left out takes its default' })),
  },
  {
    additionalProperties: false,
    title: 'TrainBody',
    description: `Delivery days from and to (both included; defaults: the first and last with stored day-ahead prices). The model fits on all but the last ${String(ML_LIMITS.validationDays)}, on which it is then measured.`,
  },
);
export type TrainBody = Static<typeof TrainBody>;

export const TrainAccepted = Type.Object({ jobId: Uuid, modelId: Uuid }, { title: 'TrainAccepted' });
export type TrainAccepted = Static<typeof TrainAccepted>;

export const TrainingTask = Type.Union([Type.Literal('train'), Type.Literal('recalibrate')], {
  description: 'train: a new model from scratch; recalibrate: a ready model moved on to newer days (it stays ready and forecasts as before until the job ends)',
});
export type TrainingTask = Static<typeof TrainingTask>;

export const TrainingJobStatus = Type.Object(
  {
    jobId: Uuid,
    modelId: Uuid,
    task: TrainingTask,
    architecture: ModelArchitecture,
    zoneId: ZoneId,
    state: ModelStatus,
    epoch: Type.Integer({ minimum: 0, description: 'Steps done (epochs of a network, calibrations of LEAR)' }),
    epochs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Steps in all, once the model has reported one' }),
    loss: Type.Union([Type.Number(), Type.Null()], { description: 'The last step’s training loss, in the model’s own units' }),
    validationMae: Type.Union([Type.Number(), Type.Null()], { description: 'The last step’s validation MAE in currency per MWh, where the model reports one' }),
    elapsedMs: Type.Integer({ minimum: 0, description: 'Since training started (0 while queued)' }),
    etaMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Time left if every step runs (early stopping may end training sooner), at the pace of the steps since the first; null until a step has ended',
    }),
    etaSoonestMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Time left if training stops at its first chance: where it stops early, when the validation MAE does not improve again (the best step so far plus the patience); else as etaMs',
    }),
    error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed' }),
  },
  { title: 'TrainingJobStatus', description: 'A training job of this terminal; also the payload of the ml-training event' },
);
export type TrainingJobStatus = Static<typeof TrainingJobStatus>;

export const TrainingJobList = Type.Object({ jobs: Type.Array(TrainingJobStatus) }, { title: 'TrainingJobList' });
export type TrainingJobList = Static<typeof TrainingJobList>;

export const JobParams = Type.Object({ id: Uuid });
export type JobParams = Static<typeof JobParams>;

export const ForecastMetrics = Type.Object(
  {
    mae: Type.Number(),
    smape: Type.Number({ description: 'A fraction: 0.05 is 5 %' }),
    rmae: Type.Number({ description: 'MAE over the weekly naive forecast’s (the price a week before) on the same days' }),
    rmse: Type.Number(),
  },
  { title: 'ForecastMetrics' },
);
export type ForecastMetrics = Static<typeof ForecastMetrics>;

export const ValidationResult = Type.Object(
  { from: IsoDate, to: IsoDate, days: Type.Integer({ minimum: 1 }), metrics: ForecastMetrics },
  { title: 'ValidationResult', description: 'The model measured on the held-back days after those it was fitted on' },
);
export type ValidationResult = Static<typeof ValidationResult>;

/** What training recorded beside the model (ml_models.metrics). */
export const ModelMetrics = Type.Object(
  {
    validation: Type.Union([ValidationResult, Type.Null()]),
    exogenous: Type.Array(Type.String(), { description: 'The series besides prices the model reads, e.g. "load forecast"' }),
    recalibrated: Type.Optional(
      Type.Object(
        { times: Type.Integer({ minimum: 1 }), lastAt: Instant, lastFrom: IsoDate },
        { description: 'How often the model was moved on to newer days since training, when it last was, and the first of the days that last recalibration learnt from (to trainingTo). The validation result was measured before: on days it has since learnt.' },
      ),
    ),
  },
  { title: 'ModelMetrics' },
);
export type ModelMetrics = Static<typeof ModelMetrics>;

export const ModelSummary = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    architecture: ModelArchitecture,
    zoneId: ZoneId,
    status: ModelStatus,
    trainingFrom: Type.Union([IsoDate, Type.Null()], { description: 'The first delivery day it was fitted on' }),
    trainingTo: Type.Union([IsoDate, Type.Null()], { description: 'The last delivery day it was fitted on' }),
    metrics: Type.Union([ModelMetrics, Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'ModelSummary' },
);
export type ModelSummary = Static<typeof ModelSummary>;

export const ModelListQuery = Type.Object({ zone: Type.Optional(ZoneId), architecture: Type.Optional(ModelArchitecture) }, { additionalProperties: false });
export type ModelListQuery = Static<typeof ModelListQuery>;

export const StoredDays = Type.Object({ first: IsoDate, last: IsoDate }, { title: 'StoredDays', description: 'The first and last delivery days with stored day-ahead prices' });
export type StoredDays = Static<typeof StoredDays>;

export const ModelList = Type.Object(
  {
    models: Type.Array(ModelSummary, { description: 'Newest first' }),
    storedDays: Type.Optional(
      Type.Union([StoredDays, Type.Null()], {
        description: 'With `zone`: the days of its stored day-ahead prices (null: none). A model whose trainingTo is `last` has nothing newer to recalibrate on',
      }),
    ),
  },
  { title: 'ModelList' },
);
export type ModelList = Static<typeof ModelList>;

export const ModelParams = Type.Object({ id: Uuid });
export type ModelParams = Static<typeof ModelParams>;

export const ModelInfo = Type.Intersect(
  [
    ModelSummary,
    Type.Object({
      hyperparameters: Type.Record(Type.String(), Type.Unknown()),
      artifact: Type.Union([Type.Object({ bytes: Type.Integer({ minimum: 0 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }), Type.Null()], { description: 'The model file, once written' }),
    }),
  ],
  { title: 'ModelInfo' },
);
export type ModelInfo = Static<typeof ModelInfo>;

export const RecalibrateBody = Type.Object(
  {
    to: Type.Optional(IsoDate),
    settings: Type.Optional(
      Type.Partial(NetworkRecalibration, {
        additionalProperties: false,
        description: 'The networks (TFT, N-BEATS, DeepAR, DNN) only (what is left out takes its default); LEAR refits its calibration windows as they are and takes none',
      }),
    ),
  },
  {
    additionalProperties: false,
    title: 'RecalibrateBody',
    description: 'The last delivery day to learn (default: the last with stored day-ahead prices); it must be after the model’s trainingTo',
  },
);
export type RecalibrateBody = Static<typeof RecalibrateBody>;

export const PredictParams = Type.Object({ architecture: ModelArchitecture, modelId: Uuid });
export type PredictParams = Static<typeof PredictParams>;

export const PredictBody = Type.Object(
  { deliveryDate: Type.Optional(IsoDate) },
  { additionalProperties: false, title: 'PredictBody', description: 'Without deliveryDate: the next delivery day on the zone’s clock' },
);
export type PredictBody = Static<typeof PredictBody>;

export const PredictedPeriod = Type.Object(
  {
    period: Type.Integer({ minimum: 1 }),
    start: Instant,
    end: Instant,
    point: Type.Number(),
    quantiles: Type.Array(Type.Number(), { description: 'At quantileLevels, in order' }),
  },
  { title: 'PredictedPeriod' },
);
export type PredictedPeriod = Static<typeof PredictedPeriod>;

export const Prediction = Type.Object(
  {
    id: Uuid,
    modelId: Uuid,
    architecture: ModelArchitecture,
    zoneId: ZoneId,
    deliveryDate: IsoDate,
    issuedAt: Instant,
    currency: Type.String(),
    timezone: Type.String(),
    quantileLevels: Type.Array(Type.Number()),
    periods: Type.Array(PredictedPeriod, { description: 'The delivery day’s hours: 24, or 23 and 25 when the clocks change' }),
  },
  { title: 'Prediction' },
);
export type Prediction = Static<typeof Prediction>;

export const CompareBody = Type.Object(
  {
    modelIds: Type.Array(Uuid, { minItems: ML_LIMITS.compareModels.min, maxItems: ML_LIMITS.compareModels.max, uniqueItems: true }),
    from: IsoDate,
    to: IsoDate,
  },
  { additionalProperties: false, title: 'CompareBody', description: 'Ready models of one zone, and delivery days (both included) none of them was fitted on' },
);
export type CompareBody = Static<typeof CompareBody>;

export const DieboldMarianoResult = Type.Object(
  {
    modelA: Uuid,
    modelB: Uuid,
    pValue: Type.Number({ description: 'Multivariate test on the daily mean absolute errors. Small: B is significantly more accurate than A' }),
    pValueByHour: Type.Array(Type.Number(), { description: 'The test on each hour of the day alone (24)' }),
  },
  { title: 'DieboldMarianoResult' },
);
export type DieboldMarianoResult = Static<typeof DieboldMarianoResult>;

export const QuantileAccuracy = Type.Object(
  {
    pinball: Type.Number({ minimum: 0, description: 'Pinball (quantile) loss averaged over quantileLevels and hours, in the zone’s currency per MWh: lower is better' }),
    bands: Type.Array(
      Type.Object({
        lower: Type.Number(),
        upper: Type.Number(),
        nominal: Type.Number({ description: 'upper − lower: the share of prices the band should hold' }),
        observed: Type.Number({ minimum: 0, maximum: 1, description: 'The share of the days’ prices inside it' }),
      }),
      { description: 'The central bands of the quantile levels (5-95 %, 10-90 %, 25-75 %), widest first' },
    ),
  },
  { title: 'QuantileAccuracy', description: 'How far the model’s quantile bands held on these days' },
);
export type QuantileAccuracy = Static<typeof QuantileAccuracy>;

export const Comparison = Type.Object(
  {
    zoneId: ZoneId,
    from: IsoDate,
    to: IsoDate,
    days: Type.Integer({ minimum: 2 }),
    models: Type.Array(Type.Object({ modelId: Uuid, name: Type.String(), architecture: ModelArchitecture, metrics: ForecastMetrics, quantiles: Type.Union([QuantileAccuracy, Type.Null()]) })),
    reference: Type.Object({ name: Type.Literal('weekly naive'), mae: Type.Number() }, { description: 'The rMAE reference: each hour forecast by its price a week before' }),
    dieboldMariano: Type.Array(DieboldMarianoResult, { description: 'Every ordered pair of models' }),
  },
  { title: 'Comparison' },
);
export type Comparison = Static<typeof Comparison>;
