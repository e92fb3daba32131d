import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../market/seeded-random.js';
import { HOURS_PER_DAY, type DailySeries } from '../daily-series.js';
import { fitScaler, scaleSeries, seriesScalerFromJson, seriesScalerToJson, unscale, type ColumnScaler } from './series-scaler.js';
import { dayPrices, exogenousDays, hourlyWindows, priceLookback, weekdayOneHot } from './feature-windows.js';
import { lstmWeights, runLstm } from './lstm.js';
import { readModelFile, writeModelFile } from './model-file.js';
import { Parameters } from './parameters.js';
import { useWasmBackend } from './tensor-backend.js';

/** Days from Monday 2018-01-01; price of hour i is i, the one exogenous series 1000 + i. */
function counting(days: number): DailySeries {
  const dates = Array.from({ length: days }, (_, d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10));
  const prices = Float64Array.from({ length: days * HOURS_PER_DAY }, (_, i) => i);
  return { dates, prices, exogenous: [{ name: 'load', values: prices.map((p) => 1000 + p) }] };
}

const asinhColumn = (median: number, scale: number): ColumnScaler => ({ transform: 'asinh', median, scale });

describe('the series scaler', () => {
  it('asinh: centres on the median, divides by MAD / 0.6745, and maps back exactly', () => {
    const series = counting(2); // prices 0 … 47: median 23.5, |p − 23.5| has median 12
    const scaler = fitScaler(series, 2);
    expect(scaler.price).toEqual({ transform: 'asinh', median: 23.5, scale: expect.closeTo(12 / 0.6745, 12) as number });
    expect(scaler.exogenous[0]).toMatchObject({ name: 'load', scaler: { median: 1023.5 } });
    const scaled = scaleSeries(scaler, series);
    expect(scaled.prices[47]).toBeCloseTo(Math.asinh((47 - 23.5) / (12 / 0.6745)), 6);
    expect(unscale(scaled.prices[47]!, scaler.price)).toBeCloseTo(47, 4);
    expect([...scaled.weekdays]).toEqual([0, 1]);
  });

  it('fits on the days before `until` only, leaves a constant column unscaled, and refuses other exogenous series', () => {
    const series = counting(4);
    expect(fitScaler(series, 1).price).toMatchObject({ median: 11.5 });
    const flat = { ...series, exogenous: [{ name: 'load', values: new Float64Array(4 * HOURS_PER_DAY).fill(5) }] };
    expect(fitScaler(flat, 4).exogenous[0]).toEqual({ name: 'load', scaler: asinhColumn(5, 1) });
    expect(() => scaleSeries(fitScaler(series, 4), { ...series, exogenous: [{ name: 'wind', values: series.prices }] })).toThrow('[load]; the series has [wind]');
  });

  it('npit: each series through the mid-ranks of the days [from, until), the normal quantile, and back within their range', () => {
    const series = counting(4);
    // Days 1..2: prices 24 … 71, 48 distinct values; price 24 + k sits at mid-rank (k + 0.5) / 48.
    const scaler = fitScaler(series, 3, 1, 'npit');
    const scaled = scaleSeries(scaler, series);
    expect(scaled.prices[24 + 11]).toBeCloseTo(-0.7076435, 6); // Φ⁻¹(11.5 / 48) (Python's NormalDist().inv_cdf)
    expect(scaled.prices[24 + 36]).toBeCloseTo(0.7076435, 6); // Φ⁻¹(36.5 / 48), its mirror
    expect(scaled.exogenous[0]![24 + 36]).toBeCloseTo(scaled.prices[24 + 36]!, 6);
    // The days outside the fit (0, 3) land on its ends: a forecast never leaves the range it learnt.
    expect(scaled.prices[0]).toBeCloseTo(scaled.prices[24]!, 6);
    expect(unscale(scaled.prices[3 * 24 + 5]!, scaler.price)).toBeCloseTo(71, 3);
    expect(unscale(scaled.prices[24 + 30]!, scaler.price)).toBeCloseTo(54, 3);
    expect(unscale(0, scaler.price)).toBeCloseTo(47.5, 5); // the median, to Φ's 1.2e-7
  });

  it('reads back from its model-file form, a file from before N-PIT (no transform) as asinh, and refuses an N-PIT column that is not one', () => {
    const series = counting(3);
    for (const transform of ['asinh', 'npit'] as const) {
      const scaler = fitScaler(series, 3, 0, transform);
      const back = seriesScalerFromJson(JSON.parse(JSON.stringify(seriesScalerToJson(scaler))) as ReturnType<typeof seriesScalerToJson>, 'dnn');
      expect(scaleSeries(back, series)).toEqual(scaleSeries(scaler, series));
    }
    const old = seriesScalerFromJson({ price: { median: 23.5, scale: 2 }, exogenous: [{ name: 'load', median: 1023.5, scale: 3 }] }, 'dnn');
    expect(old).toEqual({ price: asinhColumn(23.5, 2), exogenous: [{ name: 'load', scaler: asinhColumn(1023.5, 3) }] });
    expect(() => seriesScalerFromJson({ price: { transform: 'npit', values: [2, 1], counts: [1, 1] }, exogenous: [] }, 'dnn')).toThrow('not a dnn model file: an N-PIT column');
  });
});

describe('feature windows', () => {
  const scaled = scaleSeries({ price: asinhColumn(0, 1), exogenous: [{ name: 'load', scaler: asinhColumn(0, 1) }] }, counting(9));
  const raw = (x: ArrayLike<number>): number[] => Array.from(x, (v) => Math.round(Math.sinh(v)));

  it('cut day-level inputs: the target day, the days before it, exogenous days by lag, the weekday', () => {
    expect(raw(dayPrices(scaled, [8])).slice(0, 2)).toEqual([192, 193]);
    const lookback = raw(priceLookback(scaled, [8, 3], 2));
    expect(lookback).toHaveLength(96);
    expect([lookback[0], lookback[47], lookback[48], lookback[95]]).toEqual([144, 191, 24, 71]);
    const exogenous = raw(exogenousDays(scaled, [8], [0, 1]));
    expect([exogenous[0], exogenous[24]]).toEqual([1192, 1168]);
    expect([...weekdayOneHot(scaled, [7, 8])]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('cut hourly windows: lags, exogenous, hour of day on a circle, weekday, packed or in slots', () => {
    const variables = [{ kind: 'price', lagHours: 1 }, { kind: 'price', lagHours: 168 }, { kind: 'exogenous', index: 0 }, { kind: 'hourOfDay' }, { kind: 'weekday' }] as const;
    const packed = hourlyWindows(scaled, [8], { firstStep: -2, steps: 3, variables, slot: null });
    expect(packed).toHaveLength(3 * 12);
    // Step 0 is hour 190 (22:00 of day 7, a Monday).
    expect(raw(packed.subarray(0, 3))).toEqual([189, 22, 1190]);
    expect(packed[3]).toBeCloseTo(Math.sin((2 * Math.PI * 22) / 24), 6);
    expect(packed[4]).toBeCloseTo(Math.cos((2 * Math.PI * 22) / 24), 6);
    expect([...packed.subarray(5, 12)]).toEqual([1, 0, 0, 0, 0, 0, 0]);
    // Step 2 is 00:00 of day 8, a Tuesday.
    expect(packed[24 + 4]).toBeCloseTo(1, 6);
    expect([...packed.subarray(24 + 5, 36)]).toEqual([0, 1, 0, 0, 0, 0, 0]);
    const slotted = hourlyWindows(scaled, [8], { firstStep: 0, steps: 1, variables, slot: 7 });
    expect(slotted).toHaveLength(5 * 7);
    expect(raw([slotted[0]!, slotted[7]!, slotted[14]!])).toEqual([191, 24, 1192]);
    expect([...slotted.subarray(28, 35)]).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });
});

describe('the model file', () => {
  const tensors = [
    { name: 'a.kernel', shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, -6.5]) },
    { name: 'a.bias', shape: [3], values: Float32Array.from([0.25, Math.PI, -1e-7]) },
  ];

  it('reads back its header and every tensor, whatever the header length (padding)', () => {
    for (const note of ['', 'x', 'xy', 'xyz']) {
      const file = readModelFile(writeModelFile({ architecture: 'test', note }, tensors));
      expect(file.header).toEqual({ architecture: 'test', note });
      expect(file.tensors).toEqual(tensors.map((t) => ({ ...t, values: Float32Array.from(t.values) })));
    }
  });

  it('refuses another format, a cut file and trailing bytes', () => {
    const bytes = writeModelFile({ architecture: 'test' }, tensors);
    expect(() => readModelFile(new TextEncoder().encode('{"architecture":"naive"}'))).toThrow('does not start with OBNN');
    expect(() => readModelFile(bytes.subarray(0, bytes.length - 4))).toThrow('the data of a.bias is cut short');
    expect(() => readModelFile(Uint8Array.from([...bytes, 0, 0, 0, 0]))).toThrow('4 bytes follow the last tensor');
    const badJson = Uint8Array.from(bytes);
    badJson[8] = 0x41;
    expect(() => readModelFile(badJson)).toThrow('header is not JSON');
  });
});

describe('the LSTM layer', () => {
  it('computes the gates in the order input, forget, cell, output, as by hand', async () => {
    await useWasmBackend();
    const parameters = new Parameters();
    // One input, one unit: kernels [1, 4] and [1, 4]; the forget bias starts at 1.
    for (const w of lstmWeights(new SeededRandom(3), 'cell', 1, 1)) parameters.add(w);
    parameters.restore([
      { name: 'cell.input', shape: [1, 4], values: Float32Array.from([0.5, -0.3, 0.8, 0.2]) },
      { name: 'cell.recurrent', shape: [1, 4], values: Float32Array.from([0.1, 0.4, -0.6, 0.7]) },
    ]);
    const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
    let h = 0;
    let c = 0;
    const expected: number[] = [];
    for (const x of [1, -2, 0.5]) {
      const [i, f, g, o] = [0.5 * x + 0.1 * h, -0.3 * x + 0.4 * h + 1, 0.8 * x - 0.6 * h, 0.2 * x + 0.7 * h];
      c = sigmoid(f) * c + sigmoid(i) * Math.tanh(g);
      h = sigmoid(o) * Math.tanh(c);
      expected.push(h);
    }
    const outputs = tf.tidy(() => runLstm(parameters, 'cell', tf.tensor3d([1, -2, 0.5], [1, 3, 1])).outputs);
    const got = [...outputs.dataSync()];
    outputs.dispose();
    parameters.dispose();
    got.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 5));
  });

  it('refuses weights of another shape', async () => {
    await useWasmBackend();
    const parameters = new Parameters();
    for (const w of lstmWeights(new SeededRandom(3), 'cell', 1, 2)) parameters.add(w);
    expect(() => parameters.restore([{ name: 'cell.input', shape: [1, 4], values: new Float32Array(4) }])).toThrow('cell.input are 1x4; the network expects 1x8');
    expect(() => parameters.get('cell.other')).toThrow('no weights named cell.other');
    parameters.dispose();
  });
});
