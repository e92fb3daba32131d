import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type * as tf from '@tensorflow/tfjs-core';
import { QUANTILE_LEVELS, type DayForecast } from '../../../../shared/api/ml.js';
import type { NetworkTrainingHyperparameters } from '../../../../shared/ml/network-training-hyperparameters.js';
import { NetworkRecalibration } from '../../../../shared/ml/network-recalibration.js';
import { SeededRandom } from '../../market/seeded-random.js';
import { dayValues, HOURS_PER_DAY, sliceDays, type DailySeries } from '../daily-series.js';
import { residualOffsets, withResidualQuantiles } from '../evaluation/residual-quantiles.js';
import type { ForecasterKind, TrainedForecaster, TrainingHooks } from '../forecaster.js';
import { fitScaler, scaleSeries, SeriesScalerJson, seriesScalerFromJson, seriesScalerToJson, unscale, type ScaledSeries, type SeriesScaler } from './series-scaler.js';
import { continueTraining, fitNetwork, type FitResult } from './fit-network.js';
import { splitTrainingDays, type ValidationSampling } from './validation-split.js';
import { readModelFile, writeModelFile } from './model-file.js';
import { Parameters, type NamedWeights } from './parameters.js';
import { useWasmBackend } from './tensor-backend.js';

/**
 * What TFT, N-BEATS, DeepAR and the DNN have in common as forecasters, written once: robust scaling,
 * the split into training and validation days, the fitting loop, the model file, and turning a
 * network's scaled output into a DayForecast. Each model supplies only its network.
 */

/** A day's forecast in the scaler's units. */
export interface ScaledDayForecast {
  point: ArrayLike<number>;
  /** [level][hour] at QUANTILE_LEVELS, each level no lower than the one before; null for a point network. */
  quantiles: ArrayLike<number>[] | null;
}

export interface Network {
  /** The training loss of days `days` of the series (scaled units). */
  loss(series: ScaledSeries, days: readonly number[]): tf.Scalar;
  /** Forecasts of days `days`, reading only prices before each of them; disposes its own tensors. */
  forecast(series: ScaledSeries, days: readonly number[]): ScaledDayForecast[];
}

export interface NetworkShape {
  /** How many exogenous series the network reads (each scaled as its own column). */
  exogenous: number;
}

export interface NetworkDefinition<H extends NetworkTrainingHyperparameters> {
  architecture: 'tft' | 'nbeats' | 'deepar' | 'dnn';
  schema: TObject;
  /** Whole days of history before a target day that one forecast reads. */
  historyDays(hyperparameters: H): number;
  /** The newest days before the training end it learns from (its validation days among them); every day where not given. */
  calibrationDays?(hyperparameters: H): number | undefined;
  /** Which days it holds back for early stopping; the newest days where not given. */
  validationSampling?(hyperparameters: H): ValidationSampling;
  /** 'network': the network forecasts quantiles itself; 'residuals': from its errors on the validation days. */
  quantiles: 'network' | 'residuals';
  /** The network's weights (names, shapes), initialised from `random`. */
  initialWeights(hyperparameters: H, shape: NetworkShape, random: SeededRandom): NamedWeights[];
  build(parameters: Parameters, hyperparameters: H, shape: NetworkShape): Network;
}

/** A trained network: a forecaster, with what the registry and benchmarks report of it. */
export interface NetworkForecaster extends TrainedForecaster {
  readonly parameterCount: number;
  /** How training went; `trainedUntil` is the last day it has learnt, moved on by recalibrate. */
  readonly fit: FitResult & { trainedUntil: string };
  /**
   * Moves the weights on to days [.., until) of `series`: `settings.epochs` passes over the
   * newest `settings.recentDays` of them, the scaler kept as trained (the weights are in its
   * units). Fails or is cancelled with the model unchanged.
   */
  recalibrate(series: DailySeries, until: number, settings: NetworkRecalibration, hooks?: TrainingHooks): Promise<void>;
}

/** A network's kind: a ForecasterKind whose models also tell their size and how their fit went. */
export interface NetworkKind<H extends NetworkTrainingHyperparameters> extends ForecasterKind<H> {
  train(series: DailySeries, until: number, hyperparameters: H, hooks?: TrainingHooks): Promise<NetworkForecaster>;
  deserialize(bytes: Uint8Array): NetworkForecaster;
}

const FitSchema = Type.Object({ epochs: Type.Integer(), bestEpoch: Type.Integer(), validationMae: Type.Number(), trainedUntil: Type.String() });
const HeaderSchema = Type.Object({
  format: Type.Literal(1),
  architecture: Type.String(),
  hyperparameters: Type.Unknown(),
  scaler: SeriesScalerJson,
  residualOffsets: Type.Union([Type.Array(Type.Array(Type.Number())), Type.Null()]),
  fit: FitSchema,
});
type Header = Static<typeof HeaderSchema>;

function toDayForecast(scaled: ScaledDayForecast, scaler: SeriesScaler, offsets: number[][] | null): DayForecast {
  const point = Array.from(scaled.point, (v) => unscale(v, scaler.price));
  if (scaled.quantiles === null) {
    if (offsets === null) throw new Error('a point network needs residual offsets for its quantiles');
    return withResidualQuantiles(point, offsets);
  }
  return { point, quantiles: scaled.quantiles.map((values, i) => ({ level: QUANTILE_LEVELS[i]!, values: Array.from(values, (v) => unscale(v, scaler.price)) })) };
}

function checkSettings(what: string, schema: TObject, settings: unknown): void {
  if (!Value.Check(schema, settings)) {
    const first = Value.Errors(schema, settings).First();
    throw new RangeError(`${what}: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`);
  }
}

/**
 * A forecaster over trained weights: live tensors after training, or a file's arrays after
 * deserialize, which is synchronous by contract while the WebAssembly backend starts
 * asynchronously: those become tensors at the first forecast, once the backend is ready.
 */
function forecaster<H extends NetworkTrainingHyperparameters>(definition: NetworkDefinition<H>, trained: Header & { hyperparameters: H }, scaler: SeriesScaler, weights: Parameters | NamedWeights[]): NetworkForecaster {
  let header = trained;
  const hp = header.hyperparameters;
  const history = definition.historyDays(hp);
  const shape = { exogenous: header.scaler.exogenous.length };
  let live: { parameters: Parameters; network: Network } | null = null;
  let fileWeights: NamedWeights[] | null = null;
  if (weights instanceof Parameters) live = { parameters: weights, network: definition.build(weights, hp, shape) };
  else fileWeights = weights;
  let disposed = false;

  async function network(): Promise<Network> {
    if (disposed) throw new Error('the model has been disposed');
    if (live === null) {
      await useWasmBackend();
      const parameters = new Parameters();
      for (const w of fileWeights ?? []) parameters.add(w);
      live = { parameters, network: definition.build(parameters, hp, shape) };
      fileWeights = null;
    }
    return live.network;
  }

  return {
    architecture: definition.architecture,
    hyperparameters: hp,
    exogenous: header.scaler.exogenous.map((column) => column.name),
    parameterCount: live?.parameters.count() ?? (fileWeights ?? []).reduce((sum, w) => sum + w.values.length, 0),
    get fit() {
      return header.fit;
    },
    async recalibrate(series, until, settings, hooks) {
      checkSettings('recalibration', NetworkRecalibration, settings);
      const from = until - settings.recentDays;
      if (!Number.isInteger(until) || from < history || until > series.dates.length) {
        throw new RangeError(`cannot recalibrate on the ${String(settings.recentDays)} days before day ${String(until)}: the model reads ${String(history)} days before each and the series has ${String(series.dates.length)}`);
      }
      const net = await network();
      // Only the days passed over and the history they read, as in forecastDay.
      const window = scaleSeries(scaler, sliceDays(series, from - history, until));
      await continueTraining({
        parameters: live!.parameters,
        trainingDays: Array.from({ length: settings.recentDays }, (_, i) => history + i),
        loss: (days) => net.loss(window, days),
        epochs: settings.epochs,
        batchSize: hp.batchSize,
        learningRate: settings.learningRate,
        random: new SeededRandom(settings.seed),
        hooks,
      });
      header = { ...header, fit: { ...header.fit, trainedUntil: series.dates[until - 1]! } };
    },
    async forecastDay(series, target) {
      if (!Number.isInteger(target) || target < history || target >= series.dates.length) {
        throw new RangeError(`day ${String(target)} cannot be forecast: the model reads ${String(history)} days before it and the series has ${String(series.dates.length)}`);
      }
      const window = scaleSeries(scaler, sliceDays(series, target - history, target + 1));
      const [scaled] = (await network()).forecast(window, [history]);
      return toDayForecast(scaled!, scaler, header.residualOffsets);
    },
    serialize: () => writeModelFile(header, live?.parameters.snapshot() ?? fileWeights ?? []),
    dispose: () => {
      disposed = true;
      live?.parameters.dispose();
      live = null;
      fileWeights = null;
    },
  };
}

const meanAbsolute = (values: Float64Array): number => values.reduce((sum, v) => sum + Math.abs(v), 0) / values.length;

/** Errors (actual − forecast, in prices) of scaled forecasts of `days`, laid out day after day. */
function residuals(series: DailySeries, days: readonly number[], forecasts: readonly ScaledDayForecast[], scaler: SeriesScaler): Float64Array {
  const errors = new Float64Array(days.length * HOURS_PER_DAY);
  days.forEach((day, i) => {
    const actual = dayValues(series.prices, day);
    const point = forecasts[i]!.point;
    for (let h = 0; h < HOURS_PER_DAY; h++) errors[i * HOURS_PER_DAY + h] = actual[h]! - unscale(point[h]!, scaler.price);
  });
  return errors;
}

export function networkKind<H extends NetworkTrainingHyperparameters>(definition: NetworkDefinition<H>): NetworkKind<H> {
  return {
    architecture: definition.architecture,
    defaults: Value.Create(definition.schema) as H,
    async train(series, until, hp, hooks) {
      checkSettings('hyperparameters', definition.schema, hp);
      await useWasmBackend();
      if (until > series.dates.length) throw new RangeError(`training until day ${String(until)} of a series of ${String(series.dates.length)}`);
      const calibrationDays = definition.calibrationDays?.(hp);
      // Without a window the scaler is fitted on every day before the end, the first ones read only as history.
      const from = calibrationDays === undefined ? 0 : Math.max(0, until - calibrationDays);
      const { training, validation } = splitTrainingDays(Math.max(definition.historyDays(hp), from), until, hp.validationDays, definition.validationSampling?.(hp) ?? 'latest', hp.seed);
      const scaler = fitScaler(series, until, from, hp.scaling);
      const scaled = scaleSeries(scaler, sliceDays(series, 0, until));
      const shape = { exogenous: series.exogenous.length };
      const random = new SeededRandom(hp.seed);
      const parameters = new Parameters();
      try {
        for (const weights of definition.initialWeights(hp, shape, random)) parameters.add(weights);
        const network = definition.build(parameters, hp, shape);
        const validationErrors = (): Float64Array => residuals(series, validation, network.forecast(scaled, validation), scaler);
        const fit = await fitNetwork({
          parameters,
          trainingDays: training,
          loss: (days) => network.loss(scaled, days),
          validationMae: () => meanAbsolute(validationErrors()),
          hyperparameters: hp,
          random,
          hooks,
        });
        const residualQuantiles = definition.quantiles === 'residuals' ? residualOffsets(validationErrors()) : null;
        const header = { format: 1 as const, architecture: definition.architecture, hyperparameters: hp, scaler: seriesScalerToJson(scaler), residualOffsets: residualQuantiles, fit: { ...fit, trainedUntil: series.dates[until - 1]! } };
        return forecaster(definition, header, scaler, parameters);
      } catch (error) {
        parameters.dispose();
        throw error;
      }
    },
    deserialize(bytes) {
      const file = readModelFile(bytes);
      if (!Value.Check(HeaderSchema, file.header) || file.header.architecture !== definition.architecture) throw new TypeError(`not a ${definition.architecture} model file`);
      if (!Value.Check(definition.schema, file.header.hyperparameters)) throw new TypeError(`not a ${definition.architecture} model file: its hyperparameters are not ${definition.architecture}'s`);
      const header = { ...file.header, hyperparameters: file.header.hyperparameters as H };
      const expected = definition.initialWeights(header.hyperparameters, { exogenous: header.scaler.exogenous.length }, new SeededRandom(0));
      const layout = (weights: readonly NamedWeights[]): string => weights.map((w) => `${w.name}:${w.shape.join('x')}`).join(',');
      if (layout(expected) !== layout(file.tensors)) throw new TypeError(`not a ${definition.architecture} model file: its weights do not match its hyperparameters`);
      return forecaster(definition, header, seriesScalerFromJson(header.scaler, definition.architecture), file.tensors);
    },
  };
}
