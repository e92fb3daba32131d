import { HOURS_PER_DAY } from '../daily-series.js';
import type { ScaledSeries } from './series-scaler.js';

/**
 * The networks' inputs cut from a scaled series, for a batch of target days at once, as flat
 * Float32Arrays ready for tf.tensor. Every reader takes the target days' indices; what it reads
 * of each target (which hours, which lags) is fixed by the model, never by the data.
 */

/** The 24 scaled prices of day d − lag for each target d and each lag in `lags`: [days, lags × 24]. */
export function priceDays(series: ScaledSeries, days: readonly number[], lags: readonly number[]): Float32Array {
  const width = lags.length * HOURS_PER_DAY;
  const out = new Float32Array(days.length * width);
  days.forEach((d, i) => {
    lags.forEach((lag, l) => {
      out.set(series.prices.subarray((d - lag) * HOURS_PER_DAY, (d - lag + 1) * HOURS_PER_DAY), i * width + l * HOURS_PER_DAY);
    });
  });
  return out;
}

/** Day d's 24 scaled prices for each target d: [days, 24]. */
export const dayPrices = (series: ScaledSeries, days: readonly number[]): Float32Array => priceDays(series, days, [0]);

/** The `lookbackDays` × 24 hourly prices before each target, oldest first: [days, lookbackDays × 24]. */
export function priceLookback(series: ScaledSeries, days: readonly number[], lookbackDays: number): Float32Array {
  const width = lookbackDays * HOURS_PER_DAY;
  const out = new Float32Array(days.length * width);
  days.forEach((d, i) => {
    out.set(series.prices.subarray((d - lookbackDays) * HOURS_PER_DAY, d * HOURS_PER_DAY), i * width);
  });
  return out;
}

/** Each exogenous series over day d − lag for each lag in `lags`: [days, lags × exogenous × 24]. */
export function exogenousDays(series: ScaledSeries, days: readonly number[], lags: readonly number[]): Float32Array {
  const width = lags.length * series.exogenous.length * HOURS_PER_DAY;
  const out = new Float32Array(days.length * width);
  days.forEach((d, i) => {
    let offset = i * width;
    for (const lag of lags) {
      for (const values of series.exogenous) {
        out.set(values.subarray((d - lag) * HOURS_PER_DAY, (d - lag + 1) * HOURS_PER_DAY), offset);
        offset += HOURS_PER_DAY;
      }
    }
  });
  return out;
}

/** The weekday of each target day, one-hot Monday … Sunday: [days, 7]. */
export function weekdayOneHot(series: ScaledSeries, days: readonly number[]): Float32Array {
  const out = new Float32Array(days.length * 7);
  days.forEach((d, i) => {
    out[i * 7 + series.weekdays[d]!] = 1;
  });
  return out;
}

/** One input of an hourly network, read at each step t of its window. */
export type HourlyVariable =
  /** The scaled price at t − lagHours. */
  | { kind: 'price'; lagHours: number }
  /** Exogenous series `index` at t (a day-ahead forecast, known for the whole target day). */
  | { kind: 'exogenous'; index: number }
  /** The hour of the day as a point on a circle (sin, cos), so 23:00 sits next to 00:00. */
  | { kind: 'hourOfDay' }
  /** The weekday of t's day, one-hot. */
  | { kind: 'weekday' };

export function variableWidth(variable: HourlyVariable): number {
  return variable.kind === 'hourOfDay' ? 2 : variable.kind === 'weekday' ? 7 : 1;
}

/** The earliest hour, relative to its target day's first hour, that a window of these variables reads. */
export const earliestHourRead = (firstStep: number, variables: readonly HourlyVariable[]): number =>
  firstStep - Math.max(0, ...variables.map((v) => (v.kind === 'price' ? v.lagHours : 0)));

export interface HourlyWindow {
  /** First step relative to the target day's hour 0 (negative: before the day). */
  firstStep: number;
  steps: number;
  variables: readonly HourlyVariable[];
  /**
   * Slots per variable: each variable's values start at a multiple of it, zero-padded (the
   * layout a per-variable network reads, [.., variables, slot]); null packs them one after another.
   */
  slot: number | null;
}

export const windowWidth = (window: HourlyWindow): number =>
  window.slot === null ? window.variables.reduce((sum, v) => sum + variableWidth(v), 0) : window.variables.length * window.slot;

/** The window of each target day: [days, steps, windowWidth]. */
export function hourlyWindows(series: ScaledSeries, days: readonly number[], window: HourlyWindow): Float32Array {
  const width = windowWidth(window);
  const out = new Float32Array(days.length * window.steps * width);
  days.forEach((d, i) => {
    for (let s = 0; s < window.steps; s++) {
      const t = d * HOURS_PER_DAY + window.firstStep + s;
      let offset = (i * window.steps + s) * width;
      for (const variable of window.variables) {
        switch (variable.kind) {
          case 'price':
            out[offset] = series.prices[t - variable.lagHours]!;
            break;
          case 'exogenous':
            out[offset] = series.exogenous[variable.index]![t]!;
            break;
          case 'hourOfDay': {
            const angle = (2 * Math.PI * (((t % HOURS_PER_DAY) + HOURS_PER_DAY) % HOURS_PER_DAY)) / HOURS_PER_DAY;
            out[offset] = Math.sin(angle);
            out[offset + 1] = Math.cos(angle);
            break;
          }
          case 'weekday':
            out[offset + series.weekdays[Math.floor(t / HOURS_PER_DAY)]!] = 1;
            break;
        }
        offset += window.slot ?? variableWidth(variable);
      }
    }
  });
  return out;
}
