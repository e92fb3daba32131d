import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * One of bench/epf's worker threads: reads the dataset once, then calibrates LEAR for each
 * (day, window, transform) it is sent and forecasts that day, replying with the forecast and the seconds each
 * part took.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist/main/engine/ml', path)).href);
const [{ readEpfDataset }, { calibrateLear, predictLearDay, EPFTOOLBOX_SOLVER }] = await Promise.all([load('data/epf-dataset.js'), load('models/lear/lear-calibration.js')]);

const series = await readEpfDataset(workerData.file);
parentPort.on('message', ({ day, window, transform, exactAic }) => {
  const solver = { ...EPFTOOLBOX_SOLVER, scoreOnSwappedColumns: !exactAic };
  const start = performance.now();
  const calibration = calibrateLear(series, day, window, transform, solver);
  const calibrated = performance.now();
  const forecast = predictLearDay(calibration, series, day);
  parentPort.postMessage({ day, window, transform, exactAic, forecast, trainSeconds: (calibrated - start) / 1000, predictSeconds: (performance.now() - calibrated) / 1000 });
});
parentPort.postMessage({ ready: true });
