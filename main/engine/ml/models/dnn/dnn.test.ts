import { describe, expect, it } from 'vitest';
import { HOURS_PER_DAY, type DailySeries } from '../../daily-series.js';
import { describeNetworkForecaster } from '../../../../testing/network-forecaster-suite.js';
import { readModelFile, writeModelFile } from '../../tensors/model-file.js';
import { syntheticDailySeries } from '../../../../testing/synthetic-daily-series.js';
import { dnnHistoryDays } from '../network-history.js';
import { dnnKind } from './dnn.js';

const tiny = { ...dnnKind.defaults, epochs: 6, patience: 6, batchSize: 8, validationDays: 7, learningRate: 0.003, hiddenLayers: [32, 16] };

describe('DNN', () => {
  describeNetworkForecaster(dnnKind, tiny);
  describeNetworkForecaster(dnnKind, { ...tiny, validationSampling: 'latest', activation: 'softplus', l1: 0.0001, dropout: 0.2, hiddenLayers: [24], priceLagDays: [1, 7], exogenousLagDays: [0] });
  describeNetworkForecaster(dnnKind, { ...tiny, scaling: 'npit' });

  it('reads a model file from before N-PIT (no scaling, columns without a transform) as asinh, forecasting as it did', async () => {
    const series = syntheticDailySeries(70);
    const model = await dnnKind.train(series, 63, { ...tiny, scaling: 'asinh' });
    try {
      const { header, tensors } = readModelFile(model.serialize());
      const { scaling, ...olderHyperparameters } = header.hyperparameters as typeof tiny;
      expect(scaling).toBe('asinh');
      const column = ({ median, scale }: { median: number; scale: number }) => ({ median, scale });
      const scaler = header.scaler as { price: { median: number; scale: number }; exogenous: { name: string; median: number; scale: number }[] };
      const older = { ...header, hyperparameters: olderHyperparameters, scaler: { price: column(scaler.price), exogenous: scaler.exogenous.map((x) => ({ name: x.name, ...column(x) })) } };
      const read = dnnKind.deserialize(writeModelFile(older, tensors));
      expect(await read.forecastDay(series, 65)).toEqual(await model.forecastDay(series, 65));
      read.dispose();
      // What the asinh columns are kept beside: an N-PIT model's.
      const npit = await dnnKind.train(series, 63, { ...tiny, scaling: 'npit' });
      expect(readModelFile(npit.serialize()).header.scaler).toMatchObject({ price: { transform: 'npit' }, exogenous: [{ name: 'load forecast', transform: 'npit' }] });
      npit.dispose();
    } finally {
      model.dispose();
    }
  });

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
