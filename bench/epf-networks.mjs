import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Value } from '@sinclair/typebox/value';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
// The registry's schemas only: the networks themselves (and tfjs) load in their worker threads.
const [{ forecasterKinds }, { NetworkRecalibration }] = await Promise.all([load('main/engine/ml/forecaster-kinds.js'), load('shared/ml/network-recalibration.js')]);

/**
 * The networks in bench/epf. Training one from scratch every day, as LEAR is recalibrated, would
 * take weeks of CPU on a desktop; each is trained on a fixed schedule instead, on every day
 * before the segment it then forecasts: the test period is cut into segments of `retrainDays`
 * from its first day, the model of a segment is trained on the days before the segment's first
 * day only, and it forecasts each day of the segment from the prices before that day (the same
 * inputs LEAR gets). With `recalibrate`, the model is also moved on every day of its segment
 * before forecasting it (NetworkForecaster.recalibrate, the terminal's default settings: two
 * passes over the newest 182 days), so it has learnt every day before the one it forecasts, as
 * LEAR has. Where `seeds` > 1, as many models are trained with seeds 1..seeds and their forecasts
 * averaged. The defaults are what fits one run of a few hours on two cores (training seconds
 * measured on NP, one core each): N-BEATS about 25 s a model and 0.3 s a recalibration, TFT
 * about 7 minutes, DeepAR about 20 minutes; the DNN (on PJM) 20-28 s, so it can be retrained weekly
 * (epftoolbox retrains it daily) and is not recalibrated in between.
 */
export const NETWORK_SCHEDULES = {
  nbeats: { label: 'N-BEATS', retrainDays: 28, seeds: 4, recalibrate: true },
  // Run and printed, but not members of the ensemble: well behind LEAR and N-BEATS on PJM's
  // validation year, where each made the ensemble worse (bench/epf-validation.md).
  tft: { label: 'TFT', retrainDays: 91, seeds: 1, recalibrate: false, member: false },
  deepar: { label: 'DeepAR', retrainDays: 182, seeds: 1, recalibrate: false, member: false },
  dnn: { label: 'DNN', retrainDays: 7, seeds: 4, recalibrate: false },
  // A second configuration of the DNN, as the published DNN ensemble is four of them: learning
  // from the last 3 years only (epftoolbox's DNNs learn from the last 4; its hyperparameter
  // searches give each another structure), with softplus activations; recalibrated every day on
  // its newest 8 weeks (chosen among four settings on PJM's validation year, bench/epf-validation.md).
  dnn2: {
    label: 'DNN 2',
    architecture: 'dnn',
    hyperparameters: { calibrationDays: 1092, activation: 'softplus' },
    retrainDays: 7,
    seeds: 2,
    recalibrate: true,
    recalibration: { recentDays: 56, epochs: 10, learningRate: 0.0003 },
  },
};

/** `schema`'s defaults with `changed` over them; an error naming each setting the schema refuses. */
function settingsOf(schema, changed, what) {
  const settings = { ...Value.Create(schema), ...changed };
  const wrong = [...Value.Errors(schema, settings)].map((error) => `${error.path.slice(1)} ${JSON.stringify(error.value)}: ${error.message}`);
  if (wrong.length > 0) throw new Error(`bench epf: ${what}: ${wrong.join('; ')}`);
  return settings;
}

/**
 * A bench/epf forecaster for `network` (a key of NETWORK_SCHEDULES: a kind, or a named
 * configuration of one) retrained every `retrainDays` with `seeds` seeds; its fill trains and
 * forecasts in a worker thread of its own. `first` is the first test day's index. It trains with
 * the kind's default hyperparameters and recalibrates with the terminal's default settings (each
 * under the configuration's own), but for those in `changed.hyperparameters` and `changed.recalibration` (checked
 * against their schemas); a hash of both is in its id (the name of its forecasts' file), so
 * changing a setting starts a new file instead of mixing forecasts of two models in one.
 */
export function networkForecaster(network, { retrainDays, seeds, recalibrate }, changed, { file, first }) {
  const { label, architecture = network, hyperparameters: configured = {}, recalibration: configuredRecalibration = {}, member = true } = NETWORK_SCHEDULES[network];
  if (!recalibrate && Object.keys(changed.recalibration).length > 0) throw new Error(`bench epf: ${label} is not recalibrated (--recalibrate ${network}=on), so its recalibration settings would not be used`);
  const recalibration = recalibrate ? { ...configuredRecalibration, ...changed.recalibration } : {};
  const settings = {
    hyperparameters: settingsOf(forecasterKinds.byArchitecture[architecture].hyperparameters, { ...configured, ...changed.hyperparameters }, `${label}'s hyperparameters`),
    recalibration: recalibrate ? settingsOf(NetworkRecalibration, recalibration, `${label}'s recalibration`) : null,
  };
  const settingsHash = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 8);
  const changes = Object.entries({ ...configured, ...changed.hyperparameters, ...Object.fromEntries(Object.entries(recalibration).map(([name, value]) => [`recalibration ${name}`, value])) });
  const extras = [seeds > 1 ? `${seeds} seeds` : '', ...changes.map(([name, value]) => `${name} ${value}`)].filter(Boolean);
  return {
    id: `${architecture}-every-${retrainDays}-seeds-${seeds}${recalibrate ? '-daily' : ''}-${settingsHash}`,
    model: label,
    architecture,
    label: `${label} (every ${retrainDays} d${recalibrate ? ' + daily' : ''}${extras.map((extra) => `, ${extra}`).join('')})`,
    published: null,
    network: true,
    member,
    async fill({ series, days, put, signal }) {
      const segments = new Map();
      for (const day of days) {
        const start = first + Math.floor((day - first) / retrainDays) * retrainDays;
        segments.set(start, [...(segments.get(start) ?? []), day]);
      }
      if (segments.size === 0) return;
      const worker = new Worker(new URL('epf-network-worker.mjs', import.meta.url), { workerData: { file, architecture } });
      const replies = [];
      const waiting = [];
      worker.on('message', (message) => (waiting.length > 0 ? waiting.shift().done(message) : replies.push(message)));
      worker.on('error', (error) => waiting.splice(0).forEach((w) => w.fail(error)));
      worker.on('exit', () => waiting.splice(0).forEach((w) => w.fail(new Error(`bench epf: the ${label} worker stopped`))));
      signal.addEventListener('abort', () => worker.terminate());
      const reply = () => (replies.length > 0 ? Promise.resolve(replies.shift()) : new Promise((done, fail) => waiting.push({ done, fail })));
      try {
        await reply();
        for (const [start, segmentDays] of segments) {
          worker.postMessage({ trainUntil: start, days: segmentDays, seeds, ...settings });
          const { forecasts, trainSeconds, recalibrateSeconds, predictSeconds, fits } = await reply();
          for (const [i, day] of segmentDays.entries()) {
            // The segment's training is counted on its first day with that day's recalibration, its prediction shared out.
            await put(day, { forecast: forecasts[i], trainSeconds: recalibrateSeconds[i] + (i === 0 ? trainSeconds : 0), predictSeconds: predictSeconds / segmentDays.length });
          }
          const validation = fits.map((fit) => fit.validationMae.toFixed(3)).join('/');
          console.log(`    ${label}: trained on the days before ${series.dates[start]} (${trainSeconds.toFixed(0)} s, validation MAE ${validation}), ${segmentDays.length} days forecast`);
        }
      } finally {
        await worker.terminate();
      }
    },
  };
}
