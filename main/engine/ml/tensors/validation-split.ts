import { SeededRandom } from '../../market/seeded-random.js';
import { MIN_TRAINING_DAYS } from '../models/network-history.js';
import { shuffled } from './fit-network.js';

/** How a network picks the days it holds back (splitTrainingDays). */
export type ValidationSampling = 'latest' | 'weeks';

/**
 * Which days of [first, until) a network is fitted on and which it holds back for early stopping
 * (and its residual quantiles). 'latest': the last `validationDays`, so early stopping judges
 * the newest market. 'weeks': `validationDays` / 7 whole weeks (rounded down; weeks counted back
 * from `until`) drawn with the model's seed, as the epftoolbox DNN does, so it judges every
 * season the model is fitted on. Both are ascending.
 */
export function splitTrainingDays(first: number, until: number, validationDays: number, sampling: ValidationSampling, seed: number): { training: number[]; validation: number[] } {
  const days = Array.from({ length: until - first }, (_, i) => first + i);
  if (days.length < validationDays + MIN_TRAINING_DAYS) {
    throw new RangeError(`the model needs at least ${String(first + validationDays + MIN_TRAINING_DAYS)} days to train on (${String(first)} of history, ${String(MIN_TRAINING_DAYS)} to fit, ${String(validationDays)} to validate); got ${String(until)}`);
  }
  if (sampling === 'latest') return { training: days.slice(0, -validationDays), validation: days.slice(-validationDays) };
  const weeks = Array.from({ length: Math.floor(days.length / 7) }, (_, w) => until - 7 * (w + 1));
  const held = new Set(shuffled(weeks, new SeededRandom(seed)).slice(0, Math.floor(validationDays / 7)).flatMap((start) => Array.from({ length: 7 }, (_, i) => start + i)));
  return { training: days.filter((day) => !held.has(day)), validation: days.filter((day) => held.has(day)) };
}
