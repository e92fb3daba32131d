import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A network's worker thread for bench/epf: reads the dataset once, loads the architecture through
 * the engine's registry (the same kind the terminal trains), then for each segment it is sent
 * trains one model per seed on the days before the segment and forecasts the segment's days with
 * each; the reply carries the seeds' mean point forecast of each day.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist/main/engine/ml', path)).href);
const [{ readEpfDataset }, { forecasterKinds }] = await Promise.all([load('data/epf-dataset.js'), load('forecaster-kinds.js')]);

const HOURS = 24;
const series = await readEpfDataset(workerData.file);
const kind = await forecasterKinds.byArchitecture[workerData.architecture].load();

parentPort.on('message', async ({ trainUntil, days, seeds }) => {
  const sums = days.map(() => new Float64Array(HOURS));
  let trainSeconds = 0;
  let predictSeconds = 0;
  const fits = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const start = performance.now();
    const model = await kind.train(series, trainUntil, { ...kind.defaults, seed });
    const trained = performance.now();
    trainSeconds += (trained - start) / 1000;
    fits.push(model.fit);
    try {
      for (const [i, day] of days.entries()) {
        const { point } = await model.forecastDay(series, day);
        for (let h = 0; h < HOURS; h++) sums[i][h] += point[h];
      }
    } finally {
      model.dispose();
    }
    predictSeconds += (performance.now() - trained) / 1000;
  }
  parentPort.postMessage({ forecasts: sums.map((sum) => Array.from(sum, (v) => v / seeds)), trainSeconds, predictSeconds, fits });
});
parentPort.postMessage({ ready: true });
