import type { DnnHyperparameters } from '../../../../shared/ml/dnn-hyperparameters.js';
import type { DeepArHyperparameters } from '../../../../shared/ml/deepar-hyperparameters.js';
import type { NBeatsHyperparameters } from '../../../../shared/ml/nbeats-hyperparameters.js';
import type { NetworkTrainingHyperparameters } from '../../../../shared/ml/network-training-hyperparameters.js';
import type { TftHyperparameters } from '../../../../shared/ml/tft-hyperparameters.js';
import { HOURS_PER_DAY } from '../daily-series.js';
import type { HyperparameterConflict } from '../forecaster-kinds.js';
import { earliestHourRead, type HourlyVariable } from '../tensors/feature-windows.js';

/**
 * How far back each network reads, kept apart from the networks themselves: the model registry
 * in the engine's main thread needs these spans to check a request's history, and must not load
 * tfjs to learn them (the networks run in the training worker).
 */

/** Fewest days a network is fitted on, besides its history and its validation days. */
export const MIN_TRAINING_DAYS = 7;

/** TFT and DeepAR read beside each hour the same hour a week before. */
export const WEEK_BEFORE: HourlyVariable = { kind: 'price', lagHours: 168 };

/** N-BEATS reads each exogenous series on the target day and the day before (as LEAR does, less its d−7). */
export const NBEATS_EXOGENOUS_LAGS: readonly number[] = [0, 1];

const daysBefore = (firstStep: number): number => Math.ceil(-earliestHourRead(firstStep, [WEEK_BEFORE]) / HOURS_PER_DAY);

export const tftHistoryDays = (hp: TftHyperparameters): number => daysBefore(-hp.encoderHours);
export const deepArHistoryDays = (hp: DeepArHyperparameters): number => daysBefore(-hp.contextHours);
export const nbeatsHistoryDays = (hp: NBeatsHyperparameters): number => Math.max(hp.lookbackDays, ...NBEATS_EXOGENOUS_LAGS);
export const dnnHistoryDays = (hp: DnnHyperparameters): number => Math.max(...hp.priceLagDays, ...hp.exogenousLagDays);

/** The DNN's calibration window must leave days to fit once its validation days are held back. */
export const dnnConflicts = (hp: DnnHyperparameters): HyperparameterConflict[] =>
  hp.calibrationDays !== undefined && hp.calibrationDays < hp.validationDays + MIN_TRAINING_DAYS
    ? [{ name: 'calibrationDays', message: `must be at least validationDays + ${String(MIN_TRAINING_DAYS)} (${String(hp.validationDays + MIN_TRAINING_DAYS)}): the window holds the validation days and the days fitted` }]
    : [];

/** Days of prices a network needs to train: its history before the first day it fits, the days it fits, those it validates on. */
export const networkTrainingDays = (historyDays: number, hp: NetworkTrainingHyperparameters): number => historyDays + MIN_TRAINING_DAYS + hp.validationDays;
