import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A network's worker thread for bench/epf: reads the dataset once, loads the architecture through
 * the engine's registry (the same kind the terminal trains), then for each segment it is sent
 * trains one model per seed on the days before the segment and forecasts the segment's days with
 * each, recalibrated (when it is sent settings for that) on each day's newest days before
 * forecasting it; the reply carries the seeds' mean point forecast of each day asked for.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const [{ readEpfDataset }, { forecasterKinds }] = await Promise.all([load('main/engine/ml/data/epf-dataset.js'), load('main/engine/ml/forecaster-kinds.js')]);

const HOURS = 24;
const series = await readEpfDataset(workerData.file);
const kind = await forecasterKinds.byArchitecture[workerData.architecture].load();

parentPort.on('message', async ({ trainUntil, days, seeds, hyperparameters, recalibration }) => {
  const asked = new Map(days.map((day, i) => [day, i]));
  const last = Math.max(...days);
  const sums = days.map(() => new Float64Array(HOURS));
  // Training seconds: the segment's trainings, then each day's recalibration on that day.
  const recalibrateSeconds = days.map(() => 0);
  let trainSeconds = 0;
  let predictSeconds = 0;
  const fits = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const start = performance.now();
    const model = await kind.train(series, trainUntil, { ...hyperparameters, seed });
    trainSeconds += (performance.now() - start) / 1000;
    fits.push(model.fit);
    try {
      // Day by day from the segment's first: a recalibrated model depends on every day before it,
      // so the days in between are recalibrated on whether or not they are asked for (a resumed run).
      for (let day = trainUntil; day <= last; day++) {
        if (recalibration && day > trainUntil) {
          const began = performance.now();
          await model.recalibrate(series, day, { ...recalibration, seed: seed * 100_000 + day });
          if (asked.has(day)) recalibrateSeconds[asked.get(day)] += (performance.now() - began) / 1000;
        }
        if (!asked.has(day)) continue;
        const began = performance.now();
        const { point } = await model.forecastDay(series, day);
        predictSeconds += (performance.now() - began) / 1000;
        const sum = sums[asked.get(day)];
        for (let h = 0; h < HOURS; h++) sum[h] += point[h];
      }
    } finally {
      model.dispose();
    }
  }
  parentPort.postMessage({ forecasts: sums.map((sum) => Array.from(sum, (v) => v / seeds)), trainSeconds, recalibrateSeconds, predictSeconds, fits });
});
parentPort.postMessage({ ready: true });
