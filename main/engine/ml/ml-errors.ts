import type { ModelArchitecture, ModelStatus } from '../../../shared/api/ml.js';
import { AppError, notFound } from '../http/app-error.js';

/** The forecasting routes' own refusals, one wording each. */

export const modelNotFound = (id: string): AppError => notFound('MODEL_NOT_FOUND', `Your organisation has no model ${id}`, { id });

export const jobNotFound = (id: string): AppError => notFound('JOB_NOT_FOUND', `This terminal has no training job ${id} of your organisation (jobs are kept in memory: a model's status tells how its training ended)`, { id });

/** 501: the route exists for every architecture of the API, but this build has no such model yet. */
export const modelNotAvailable = (architecture: ModelArchitecture): AppError =>
  new AppError('service_unavailable', 'MODEL_NOT_AVAILABLE', `${architecture} models are not available in this build of the terminal`, { architecture }, 501);

export const modelNotReady = (id: string, status: ModelStatus): AppError =>
  new AppError('conflict', 'MODEL_NOT_READY', `Model ${id} is ${status}: only a ready model forecasts, is recalibrated or is exported`, { id, status });

export const zoneNotFound = (id: string, field: string): AppError => new AppError('not_found', 'ZONE_NOT_FOUND', `Market zone ${id} does not exist`, [{ field, message: 'is not a market zone', value: id }]);

/**
 * Too few stored day-ahead prices for what was asked (a training, a recalibration): one code, and
 * details a client can read the same way whichever it was, with what is particular to each beside.
 */
export const insufficientHistory = (message: string, details: { zone: string; daysNeeded: number; daysAvailable: number } & Record<string, unknown>): AppError =>
  new AppError('validation_error', 'INSUFFICIENT_HISTORY', message, details);

export const invalidDay = (field: string, value: string, message: string): AppError => new AppError('validation_error', 'INVALID_DATE', `${field}: ${value} ${message}`, [{ field, message, value }]);

/**
 * The registry is the shared database's (ml_models, predictions): offline, the local cache has
 * no copy of it to read or write, so the routes answer at once instead of showing a stale or
 * empty registry.
 */
export const needsSharedDatabase = (): AppError =>
  new AppError('service_unavailable', 'SHARED_DATABASE_REQUIRED', 'Forecasting models are kept in the shared database, which is out of reach; try again when the terminal is back online');
