import { describe, expect, it } from 'vitest';
import { HOURS_PER_DAY, type DailySeries } from '../../daily-series.js';
import { describeNetworkForecaster } from '../../../../testing/network-forecaster-suite.js';
import { syntheticDailySeries } from '../../../../testing/synthetic-daily-series.js';
import { dnnHistoryDays } from '../network-history.js';
import { dnnKind } from './dnn.js';

const tiny = { ...dnnKind.defaults, epochs: 6, patience: 6, batchSize: 8, validationDays: 7, learningRate: 0.003, hiddenLayers: [32, 16] };

describe('DNN', () => {
  describeNetworkForecaster(dnnKind, tiny);
  describeNetworkForecaster(dnnKind, { ...tiny, validationSampling: 'latest', activation: 'softplus', l1: 0.0001, dropout: 0.2, hiddenLayers: [24], priceLagDays: [1, 7], exogenousLagDays: [0] });

  it('with a calibration window, learns from the window alone: days before it (and its history) change nothing', async () => {
    const series = syntheticDailySeries(70);
    const [until, calibrationDays] = [63, 28];
    // Every price and load before the window's first day's history raised by a third.
    const untouched = (until - calibrationDays - dnnHistoryDays(tiny)) * HOURS_PER_DAY;
    const raise = (values: Float64Array): Float64Array => values.map((value, i) => (i < untouched ? value * 1.33 : value));
    const older: DailySeries = { ...series, prices: raise(series.prices), exogenous: series.exogenous.map((x) => ({ ...x, values: raise(x.values) })) };
    const forecastOf = async (data: DailySeries, hyperparameters: typeof tiny): Promise<number[]> => {
      const model = await dnnKind.train(data, until, hyperparameters);
      try {
        return (await model.forecastDay(data, until + 2)).point;
      } finally {
        model.dispose();
      }
    };
    const windowed = { ...tiny, calibrationDays };
    expect(await forecastOf(older, windowed)).toEqual(await forecastOf(series, windowed));
    expect(await forecastOf(older, tiny)).not.toEqual(await forecastOf(series, tiny));
  });
});
