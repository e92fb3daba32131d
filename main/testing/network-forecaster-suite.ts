import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUANTILE_LEVELS, type DayForecast } from '../../shared/api/ml.js';
import type { NetworkTrainingHyperparameters } from '../../shared/ml/network-training-hyperparameters.js';
import type { TrainingStep } from '../engine/ml/forecaster.js';
import { TrainingCancelled } from '../engine/ml/forecaster.js';
import type { NetworkForecaster, NetworkKind } from '../engine/ml/tensors/network-kind.js';
import { useWasmBackend } from '../engine/ml/tensors/tensor-backend.js';
import { syntheticDailySeries } from './synthetic-daily-series.js';

/**
 * What every neural forecaster must do, run against each of them on a small synthetic series
 * with tiny sizes (seconds per model on the real WebAssembly backend): its loss falls, its
 * forecasts have the contract's shape, a saved model forecasts the same, the same seed gives the
 * same model, recalibrating moves it on to newer days, and cancelling or disposing leaves no
 * tensor behind.
 */
export function describeNetworkForecaster<H extends NetworkTrainingHyperparameters>(kind: NetworkKind<H>, tiny: H): void {
  const series = syntheticDailySeries(70);
  const until = 63;

  const expectForecastShape = (forecast: DayForecast): void => {
    expect(forecast.point).toHaveLength(24);
    expect(forecast.point.every(Number.isFinite)).toBe(true);
    expect(forecast.quantiles.map((q) => q.level)).toEqual([...QUANTILE_LEVELS]);
    for (let h = 0; h < 24; h++) {
      const column = forecast.quantiles.map((q) => q.values[h]!);
      expect(column.every(Number.isFinite)).toBe(true);
      for (let i = 1; i < column.length; i++) expect(column[i]).toBeGreaterThanOrEqual(column[i - 1]!);
    }
  };

  describe(`${kind.architecture} on the WebAssembly backend`, () => {
    // One model trained for the tests that only read it: training is most of the suite's time.
    const steps: TrainingStep[] = [];
    let model: NetworkForecaster;
    beforeAll(async () => {
      model = await kind.train(series, until, tiny, { onStep: (step) => steps.push(step) });
    });
    afterAll(() => {
      model.dispose();
    });

    it('trains: the loss falls, validation MAE is reported in prices, forecasts have 24 hours and ordered quantiles', async () => {
      expect(tf.getBackend()).toBe('wasm');
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(steps.map((s) => s.epoch)).toEqual(steps.map((_, i) => i + 1));
      // The mean of the last two epochs against the first, by a fifth of its size (a likelihood
      // loss may be negative): one noisy epoch cannot decide it.
      const first = steps[0]!.loss;
      const last = (steps.at(-1)!.loss + steps.at(-2)!.loss) / 2;
      expect(last).toBeLessThan(first - 0.2 * Math.abs(first));
      for (const step of steps) {
        expect(step.epochs).toBe(tiny.epochs);
        expect(step.validationMae).toBeGreaterThan(0);
      }
      // The series' hours swing ±8 around a wandering level: flat at the level misses by about 5.
      const best = Math.min(...steps.map((s) => s.validationMae ?? Infinity));
      expect(best).toBeLessThan(5);
      const forecast = await model.forecastDay(series, until + 2);
      expectForecastShape(forecast);
      const actual = series.prices.subarray((until + 2) * 24, (until + 3) * 24);
      const mae = forecast.point.reduce((sum, p, h) => sum + Math.abs(p - actual[h]!), 0) / 24;
      expect(mae).toBeLessThan(3 * best);
    });

    it('saves to one self-describing file and reads back to the same forecasts; refuses other files', async () => {
      const copy = kind.deserialize(model.serialize());
      try {
        const bytes = model.serialize();
        expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('OBNN');
        const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)))) as Record<string, unknown>;
        expect(header).toMatchObject({ architecture: kind.architecture, hyperparameters: tiny });
        expect([copy.hyperparameters, copy.exogenous]).toEqual([tiny, series.exogenous.map((x) => x.name)]);
        expect(await copy.forecastDay(series, until + 1)).toEqual(await model.forecastDay(series, until + 1));
        expect(copy.serialize()).toEqual(bytes);
        expect(() => kind.deserialize(new TextEncoder().encode('{"architecture":"naive"}'))).toThrow(TypeError);
        expect(() => kind.deserialize(bytes.subarray(0, bytes.length - 4))).toThrow(TypeError);
      } finally {
        copy.dispose();
      }
    });

    it('reads no price of the day it forecasts, nor of any day after it', async () => {
      const target = until + 1;
      const hidden = Float64Array.from(series.prices, (p, i) => (i >= target * 24 ? Number.NaN : p));
      expect(await model.forecastDay({ ...series, prices: hidden }, target)).toEqual(await model.forecastDay(series, target));
    });

    it('gives the same model for the same seed and another for another seed', async () => {
      const again = await kind.train(series, until, tiny);
      const other = await kind.train(series, until, { ...tiny, seed: tiny.seed + 1 });
      try {
        expect(again.serialize()).toEqual(model.serialize());
        expect(other.serialize()).not.toEqual(model.serialize());
      } finally {
        again.dispose();
        other.dispose();
      }
    });

    it('stops with TrainingCancelled when aborted and leaves no tensor behind, nor does a disposed model', async () => {
      await useWasmBackend();
      const before = tf.memory().numTensors;
      const controller = new AbortController();
      const cancelled = kind.train(series, until, tiny, { signal: controller.signal, onStep: () => controller.abort() });
      await expect(cancelled).rejects.toBeInstanceOf(TrainingCancelled);
      expect(tf.memory().numTensors).toBe(before);

      // An abort from outside the loop (a timer here, a worker message in the app) lands too.
      const fromTimer = new AbortController();
      setTimeout(() => fromTimer.abort(), 1);
      await expect(kind.train(series, until, { ...tiny, epochs: 1000, patience: 1000 }, { signal: fromTimer.signal })).rejects.toBeInstanceOf(TrainingCancelled);
      expect(tf.memory().numTensors).toBe(before);

      const trained = await kind.train(series, until, tiny);
      await trained.forecastDay(series, until);
      trained.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('recalibrates on newer days: fits them better, reads no price from its end on, moves trainedUntil, saves as moved; refuses what it cannot do and stays as it was', async () => {
      // A copy read back from its file, so the path from a saved model (weights not yet tensors) is the one taken.
      const moved = kind.deserialize(model.serialize());
      const newer = { recentDays: 7, epochs: 8, learningRate: 0.003, seed: 1 };
      const end = series.dates.length;
      const days = Array.from({ length: newer.recentDays }, (_, i) => end - newer.recentDays + i);
      const mae = async (forecaster: NetworkForecaster): Promise<number> => {
        let sum = 0;
        for (const day of days) {
          const forecast = await forecaster.forecastDay(series, day);
          const actual = series.prices.subarray(day * 24, (day + 1) * 24);
          sum += forecast.point.reduce((s, p, h) => s + Math.abs(p - actual[h]!), 0) / 24;
        }
        return sum / days.length;
      };
      try {
        const before = await mae(moved);
        const steps: TrainingStep[] = [];
        await moved.recalibrate(series, end, newer, { onStep: (step) => steps.push(step) });
        expect(await mae(moved)).toBeLessThan(before);
        // Each pass reported as it ends; with no held-back days there is no validation MAE.
        expect(steps.map((s) => [s.epoch, s.epochs, s.validationMae])).toEqual(Array.from({ length: newer.epochs }, (_, i) => [i + 1, newer.epochs, null]));
        expect(moved.fit.trainedUntil).toBe(series.dates[end - 1]);
        expect(model.fit.trainedUntil).toBe(series.dates[until - 1]);
        const saved = kind.deserialize(moved.serialize());
        expect(saved.fit.trainedUntil).toBe(series.dates[end - 1]);
        expect(await saved.forecastDay(series, end - 1)).toEqual(await moved.forecastDay(series, end - 1));
        saved.dispose();

        // It learns nothing of the days from `until` on: hidden, the same weights come out.
        const seen = kind.deserialize(model.serialize());
        const blind = kind.deserialize(model.serialize());
        const hidden = Float64Array.from(series.prices, (p, i) => (i >= (end - 2) * 24 ? Number.NaN : p));
        await seen.recalibrate(series, end - 2, newer);
        await blind.recalibrate({ ...series, prices: hidden }, end - 2, newer);
        expect(blind.serialize()).toEqual(seen.serialize());
        seen.dispose();
        blind.dispose();

        const bytes = moved.serialize();
        await expect(moved.recalibrate(series, end, { ...newer, recentDays: end })).rejects.toThrow(RangeError);
        await expect(moved.recalibrate(series, end + 1, newer)).rejects.toThrow(RangeError);
        await expect(moved.recalibrate(series, end, { ...newer, epochs: 0 })).rejects.toThrow('recalibration: /epochs');
        // Cancelled after its first pass: the weights as they were before it.
        const cancel = new AbortController();
        const cancelled = moved.recalibrate(series, end, newer, { signal: cancel.signal, onStep: () => cancel.abort() });
        await expect(cancelled).rejects.toThrow(TrainingCancelled);
        expect(moved.serialize()).toEqual(bytes);
      } finally {
        moved.dispose();
      }
    });

    it('refuses too little data and a day it cannot see', async () => {
      await expect(kind.train(series, tiny.validationDays + 3, tiny)).rejects.toThrow(RangeError);
      await expect(model.forecastDay(series, 0)).rejects.toThrow(RangeError);
      await expect(model.forecastDay(series, series.dates.length)).rejects.toThrow(RangeError);
      await expect(model.forecastDay({ ...series, exogenous: [] }, until)).rejects.toThrow('exogenous');
    });
  });
}
