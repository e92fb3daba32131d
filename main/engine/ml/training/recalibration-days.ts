import { Value } from '@sinclair/typebox/value';
import { NetworkRecalibration } from '../../../../shared/ml/network-recalibration.js';
import { shiftDay } from '../../../../shared/market/time-zone.js';
import { AppError } from '../../http/app-error.js';
import { dayCount } from '../calendar-days.js';
import type { RecalibrationNeeds } from '../forecaster-kinds.js';
import { insufficientHistory } from '../ml-errors.js';

/** What one recalibration reads and learns: days first..last of prices, the newest from learntFrom on, with these settings. */
export interface RecalibrationDays {
  first: string;
  learntFrom: string;
  settings: NetworkRecalibration;
}

interface Request {
  zoneId: string;
  hyperparameters: object;
  /** The settings asked for, checked against their schema by the route; what is left out takes its default. */
  given: Partial<NetworkRecalibration> | undefined;
  /** The last day to learn, and the first with stored prices. */
  last: string;
  storedFrom: string;
}

const recalibrationHistoryTooShort = (request: Request, daysNeeded: number, first: string, advice: string): AppError =>
  insufficientHistory(`Recalibrating to ${request.last} reads ${String(daysNeeded)} days of ${request.zoneId} day-ahead prices, from ${first}; they are stored from ${request.storedFrom}${advice}`, {
    zone: request.zoneId,
    daysNeeded,
    daysAvailable: dayCount(request.storedFrom, request.last),
    from: first,
    storedFrom: request.storedFrom,
  });

/**
 * The days a recalibration reads. LEAR refits each window on its own days and takes no settings.
 * A network passes over its newest `recentDays`; left out, that is the default half year or, where
 * fewer days are stored, every day there is (a trader's Recalibrate on a young model should work,
 * not ask for a number), while a number asked for is kept to or refused.
 */
export function recalibrationDays(needs: RecalibrationNeeds, request: Request): RecalibrationDays {
  if (needs.by === 'windows') {
    if (request.given !== undefined) {
      throw new AppError('validation_error', 'SETTINGS_NOT_APPLICABLE', 'LEAR refits its own calibration windows: leave out body.settings', [
        { field: 'body.settings', message: 'LEAR takes no recalibration settings', value: request.given },
      ]);
    }
    const days = needs.days(request.hyperparameters);
    const first = shiftDay(request.last, 1 - days);
    if (first < request.storedFrom) throw recalibrationHistoryTooShort(request, days, first, '');
    return { first, learntFrom: first, settings: Value.Create(NetworkRecalibration) };
  }
  const history = needs.historyDays(request.hyperparameters);
  const defaults = Value.Create(NetworkRecalibration);
  const available = dayCount(request.storedFrom, request.last) - history;
  const recentDays = request.given?.recentDays ?? Math.min(defaults.recentDays, available);
  const first = shiftDay(request.last, 1 - (recentDays + history));
  if (recentDays < 1 || first < request.storedFrom) throw recalibrationHistoryTooShort(request, Math.max(recentDays, 1) + history, first, request.given?.recentDays === undefined ? '' : ': ask for fewer settings.recentDays');
  return { first, learntFrom: shiftDay(request.last, 1 - recentDays), settings: Value.Parse(NetworkRecalibration, { ...request.given, recentDays }) };
}
