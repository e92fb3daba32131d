import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { NETWORK_SCHEDULES, networkForecaster } from './epf-networks.mjs';

/**
 * The epftoolbox benchmark (Lago et al. 2021) on a dataset in its format: each of the last 728 days
 * (or --days N) is forecast for its 24 hours using only prices before it and the exogenous series
 * up to it, LEAR recalibrated every day with each calibration window (in worker threads; with
 * `lear-npit`, also with N-PIT in place of its asinh-median scaling), the
 * networks retrained on the schedule of epf-networks.mjs (each in a thread of its own), beside the
 * naive benchmark, the LEAR ensemble (mean of the windows), the ensemble of LEAR and the networks
 * and the published figures.
 *
 * Each forecaster under test writes its forecasts day by day to
 * bench/epf-forecasts/<dataset>-<file hash>-<forecaster>.json: a run picks up where an
 * interrupted one stopped (Ctrl-C saves what is done), even in another session, since the files
 * are committed (the forecasts behind the README's table, as epftoolbox publishes its own; no
 * price of the dataset is in them, the naive forecast is not kept); models can be run apart
 * (--models) and reported together (--cached).
 *
 *   npm run bench -- epf FILE [--days N] [--models lear,lear-npit,nbeats,tft,deepar,dnn,dnn2] [--windows 56,84]
 *                    [--retrain nbeats=28,tft=91] [--seeds nbeats=4] [--recalibrate nbeats=off,tft=on]
 *                    [--hyperparameters nbeats.width=256,dnn.hiddenLayers=512/256] [--recalibration nbeats.learningRate=0.0003]
 *                    [--workers N] [--exact-aic] [--validation] [--cached] [--forecasts DIR]
 * --days: the last N test days only; --models: which models to run and report (all);
 * --windows: every LEAR's calibration windows (lear's 56,84,1092,1456; lear-npit's those and 364,728); --retrain, --seeds, --recalibrate: a
 * network's schedule (epf-networks.mjs); --hyperparameters: a network's hyperparameters where
 * they differ from its defaults (checked against its schema; a list written with slashes); --recalibration: the same for its
 * daily recalibration's settings (NetworkRecalibration); --workers: threads for LEAR's calibrations (2);
 * --exact-aic: also the short windows with the AIC scored on the path's own columns (see
 * lasso-lars-ic.ts); --validation: the same protocol on the 364 days before the test period
 * instead, where settings are chosen (never on the test days; the 1456 day window needs more
 * history than that leaves); --cached: compute nothing, report the days every forecaster already has;
 * --forecasts: keep the forecasts in DIR instead of bench/epf-forecasts (a file of one's own, say). Without FILE: a week of ../shared/data/epf/NP.csv
 * with LEAR and N-BEATS (one seed).
 */

const TEST_DAYS = 728;
/** The validation year: the days before the test period (--validation). */
const VALIDATION_DAYS = 364;
/** LEAR by the scaling of its inputs and prices: the published asinh-median, and N-PIT (lear-scaler.ts). */
const LEAR_TRANSFORMS = { lear: 'asinh', 'lear-npit': 'npit' };
/**
 * Each LEAR's calibration windows where --windows does not say: epftoolbox's four for the
 * published LEAR; for N-PIT LEAR two long ones more (364 and 728 days: its ensemble over more
 * windows, chosen on PJM's validation year, bench/epf-validation.md).
 */
const LEAR_WINDOWS = { asinh: [56, 84, 1092, 1456], npit: [56, 84, 364, 728, 1092, 1456] };
const MODELS = [...Object.keys(LEAR_TRANSFORMS), ...Object.keys(NETWORK_SCHEDULES)];
/** The run without arguments (`npm run bench`): a week of NP, enough to see every kind of row work. */
const QUICK = { file: '../shared/data/epf/NP.csv', days: 7, models: ['lear', 'nbeats'], seeds: { nbeats: 1 } };
const HOURS = 24;
const SAVE_EVERY = 10;

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist/main/engine/ml', path)).href);
const [{ readEpfDataset }, { meanAbsoluteError, rootMeanSquaredError, symmetricMape }, { naiveSourceDay }] = await Promise.all([
  load('data/epf-dataset.js'),
  load('evaluation/forecast-metrics.js'),
  load('models/naive.js'),
]);

function options(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { days: { type: 'string' }, models: { type: 'string' }, windows: { type: 'string' }, retrain: { type: 'string' }, seeds: { type: 'string' }, recalibrate: { type: 'string' }, hyperparameters: { type: 'string' }, recalibration: { type: 'string' }, workers: { type: 'string' }, 'exact-aic': { type: 'boolean' }, validation: { type: 'boolean' }, cached: { type: 'boolean' }, forecasts: { type: 'string' } },
  });
  const whole = (text, what) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`bench epf: ${what} "${text}" is not a positive whole number`);
    return value;
  };
  const list = (text) => text.split(',').map((item) => item.trim());
  const onOff = (text, what) => {
    if (text !== 'on' && text !== 'off') throw new Error(`bench epf: ${what} "${text}" is neither on nor off`);
    return text === 'on';
  };
  // `nbeats=28,tft=91`: a value per network, read by `parse`.
  const perNetwork = (text, what, parse) =>
    Object.fromEntries(
      (text === undefined ? [] : list(text)).map((pair) => {
        const [network, value] = pair.split('=');
        if (!(network in NETWORK_SCHEDULES)) throw new Error(`bench epf: ${what} names "${network}"; the networks are ${Object.keys(NETWORK_SCHEDULES).join(', ')}`);
        return [network, parse(value, `${what} ${network}`)];
      }),
    );
  // `nbeats.width=256,dnn.hiddenLayers=512/256`: settings by network, each value a number where it
  // reads as one, a list of numbers where it is written with slashes.
  const settingValue = (value) => {
    const number = (text) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
    return value.includes('/') ? value.split('/').map(number) : number(value);
  };
  const networkSettings = (text, what) => {
    const settings = {};
    for (const pair of text === undefined ? [] : list(text)) {
      const match = /^(\w+)\.(\w+)=(.+)$/.exec(pair);
      if (!match) throw new Error(`bench epf: ${what} "${pair}" is not network.name=value`);
      const [, network, name, value] = match;
      if (!(network in NETWORK_SCHEDULES)) throw new Error(`bench epf: ${what} names "${network}"; the networks are ${Object.keys(NETWORK_SCHEDULES).join(', ')}`);
      (settings[network] ??= {})[name] = settingValue(value);
    }
    return settings;
  };
  if (positionals.length > 1) throw new Error(`bench epf: one dataset file, not ${positionals.join(' ')}`);
  const quick = positionals[0] === undefined;
  const models = values.models === undefined ? (quick ? QUICK.models : MODELS) : list(values.models);
  const unknown = models.filter((m) => !MODELS.includes(m));
  if (unknown.length > 0) throw new Error(`bench epf: no model ${unknown.join(', ')}; there are ${MODELS.join(', ')}`);
  const transforms = models.filter((m) => m in LEAR_TRANSFORMS).map((m) => LEAR_TRANSFORMS[m]);
  const retrain = perNetwork(values.retrain, '--retrain', whole);
  const seeds = { ...(quick ? QUICK.seeds : {}), ...perNetwork(values.seeds, '--seeds', whole) };
  const recalibrate = perNetwork(values.recalibrate, '--recalibrate', onOff);
  const hyperparameters = networkSettings(values.hyperparameters, '--hyperparameters');
  const recalibration = networkSettings(values.recalibration, '--recalibration');
  return {
    file: resolve(root, positionals[0] ?? QUICK.file),
    days: values.days === undefined ? (quick ? QUICK.days : TEST_DAYS) : whole(values.days, '--days'),
    transforms,
    windows: Object.fromEntries(transforms.map((transform) => [transform, values.windows === undefined ? LEAR_WINDOWS[transform] : list(values.windows).map((w) => whole(w, '--windows'))])),
    networks: models
      .filter((m) => m in NETWORK_SCHEDULES)
      .map((network) => ({
        network,
        schedule: { retrainDays: retrain[network] ?? NETWORK_SCHEDULES[network].retrainDays, seeds: seeds[network] ?? NETWORK_SCHEDULES[network].seeds, recalibrate: recalibrate[network] ?? NETWORK_SCHEDULES[network].recalibrate },
        changed: { hyperparameters: hyperparameters[network] ?? {}, recalibration: recalibration[network] ?? {} },
      })),
    workers: values.workers === undefined ? Math.min(2, availableParallelism()) : whole(values.workers, '--workers'),
    exactAic: values['exact-aic'] ?? false,
    validation: values.validation ?? false,
    cachedOnly: values.cached ?? false,
    forecastsDir: values.forecasts === undefined ? FORECASTS_DIR : resolve(root, values.forecasts),
  };
}

/** The published rows of ../README.md beside the dataset's folder (shared/data's table), by model, for this dataset's column; {} when none. */
async function publishedFigures(file) {
  const readme = join(dirname(file), '..', 'README.md');
  if (!existsSync(readme)) return {};
  const lines = (await readFile(readme, 'utf8')).split('\n').filter((line) => line.startsWith('|'));
  const cells = (line) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const dataset = basename(file).replace(/\.csv$/i, '');
  const header = lines.map(cells).find((row) => row[0] === 'model' && row.includes(dataset));
  if (!header) return {};
  const column = header.indexOf(dataset);
  const figures = {};
  for (const row of lines.map(cells)) {
    const match = /^(\d+\.\d+) \/ (\d+\.\d+) \/ (\d+\.\d+) \/ (\d+\.\d+)$/.exec(row[column] ?? '');
    if (!match) continue;
    const window = /^LEAR,? calibration window (\d+)|^LEAR (\d+)/.exec(row[0]);
    const name = window ? `LEAR ${window[1] ?? window[2]}` : /^LEAR ensemble/.test(row[0]) ? 'LEAR ensemble' : row[0];
    figures[name] = { mae: Number(match[1]), smape: Number(match[2]), rmae: Number(match[3]), rmse: Number(match[4]) };
  }
  return figures;
}

const FORECASTS_DIR = join(root, 'bench', 'epf-forecasts');
/** Forecasts are kept to the cent (the datasets' own precision), seconds to the millisecond. */
const rounded = (value, digits) => Number(value.toFixed(digits));

/**
 * A forecaster's cache: its forecasts of test days by date, for this exact dataset (its hash is
 * in the file's name, so another file of the same name never overwrites them); in memory only
 * when `persist` is false.
 */
async function openCache(dir, dataset, fingerprint, id, persist) {
  const path = join(dir, `${dataset}-${fingerprint.slice(0, 12)}-${id}.json`);
  let days = {};
  if (persist && existsSync(path)) days = JSON.parse(await readFile(path, 'utf8')).days;
  let unsaved = 0;
  // Written beside and renamed over: an interrupted write never leaves a cache that does not parse,
  // and two runs saving the same file never rename each other's partial file. One day a line, in
  // date order: a run that adds days adds lines to the file's history in git.
  const partial = `${path}.${process.pid}.partial`;
  const save = async () => {
    if (!persist) return;
    const lines = Object.keys(days)
      .sort()
      .map((date) => `${JSON.stringify(date)}:${JSON.stringify(days[date])}`);
    await writeFile(partial, `{"dataset":${JSON.stringify(dataset)},"fingerprint":"${fingerprint}","forecaster":"${id}","days":{\n${lines.join(',\n')}\n}}\n`);
    await rename(partial, path);
  };
  return {
    days,
    async put(date, { forecast, trainSeconds, predictSeconds }) {
      days[date] = { forecast: forecast.map((v) => rounded(v, 2)), trainSeconds: rounded(trainSeconds, 3), predictSeconds: rounded(predictSeconds, 3) };
      if (++unsaved >= SAVE_EVERY) {
        unsaved = 0;
        await save();
      }
    },
    // Written only when days were added since the last save: a run that adds none (--cached) leaves no file behind.
    flush: () => (unsaved > 0 ? save() : Promise.resolve()),
  };
}

/** Runs (day, window) calibrations on `count` worker threads; `onResult` gets each as it ends. Aborting `signal` stops them. */
async function learPool(file, count, tasks, onResult, signal) {
  const queue = [...tasks];
  const workers = Array.from({ length: Math.min(count, queue.length) }, () => new Worker(new URL('epf-lear-worker.mjs', import.meta.url), { workerData: { file } }));
  signal.addEventListener('abort', () => workers.forEach((worker) => worker.terminate()));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise((done, fail) => {
            const next = () => {
              const task = queue.shift();
              if (task) worker.postMessage(task);
              else done();
            };
            worker.on('error', fail);
            worker.on('exit', () => fail(new Error('bench epf: a LEAR worker stopped')));
            worker.on('message', (message) => {
              if (message.ready) return next();
              Promise.resolve(onResult(message)).then(next, fail);
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

const learName = (transform) => (transform === 'asinh' ? 'LEAR' : 'LEAR N-PIT');

/** LEAR with one calibration window and transform, recalibrated daily (epftoolbox's protocol; the published LEAR is asinh's). */
const learWindow = (window, transform, exactAic) => ({
  id: `lear-${transform === 'asinh' ? '' : `${transform}-`}${window}${exactAic ? '-exact-aic' : ''}`,
  label: `${learName(transform)} ${window}${exactAic ? ' exact AIC' : ''}`,
  published: transform === 'asinh' ? `LEAR ${window}` : null,
  pool: { window, transform, exactAic },
});

/** epftoolbox's naive benchmark: last week's day for Mondays and weekends, yesterday otherwise. */
const naive = {
  id: 'naive',
  label: 'naive',
  published: null,
  // Its forecasts are the dataset's own prices: computed at once, never written out.
  persist: false,
  async fill({ series, days, put }) {
    for (const day of days) {
      const source = naiveSourceDay(series, day);
      await put(day, { forecast: [...series.prices.subarray(source * HOURS, (source + 1) * HOURS)], trainSeconds: 0, predictSeconds: 0 });
    }
  },
};

/** Where index i of 0..count-1 comes in van der Corput order: its bits reversed, as a fraction. */
function spreadRank(i, count) {
  const bits = Math.max(1, Math.ceil(Math.log2(count)));
  let reversed = 0;
  for (let b = 0; b < bits; b++) reversed = (reversed << 1) | ((i >> b) & 1);
  return reversed;
}

const number = (value, digits) => (value === undefined ? '-' : value.toFixed(digits));

export default async function epf(args = []) {
  const { file, days, transforms, windows, networks, workers, exactAic, validation, cachedOnly, forecastsDir } = options(args);
  if (!existsSync(file)) {
    console.log(`epf: ${file} is absent; give an epftoolbox-format file (npm run bench -- epf FILE)`);
    return;
  }
  const text = await readFile(file);
  const series = await readEpfDataset(file);
  const dataset = basename(file).replace(/\.csv$/i, '');
  const fingerprint = createHash('sha256').update(text).digest('hex');
  // Forecasts are cached by date, so the validation year's and the test period's share the files.
  const count = Math.min(days, validation ? VALIDATION_DAYS : TEST_DAYS);
  const first = series.dates.length - (validation ? TEST_DAYS : 0) - count;
  const period = validation ? 'validation days' : 'test days';
  if (first < 0) throw new Error(`bench epf: ${dataset} has ${series.dates.length} days, too few for ${count} ${period}${validation ? ` before its ${TEST_DAYS} test days` : ''}`);
  const longest = Math.max(0, ...Object.values(windows).flat());
  if (first < longest) throw new Error(`bench epf: ${dataset} has ${first} days before its ${period}; a ${longest} day window needs ${longest} (--windows picks others)`);
  const testDays = Array.from({ length: count }, (_, i) => first + i);
  const published = validation ? {} : await publishedFigures(file);
  await mkdir(forecastsDir, { recursive: true });

  // The forecasters under test, each with its cache file. LEAR's windows share the worker pool; any
  // other (a network, retrained on its own schedule) is an entry with `fill({ series, days, put, signal })`
  // that forecasts the days it is given, each with only the data before it, puts each one, and
  // stops its thread when `signal` aborts.
  const forecasters = [
    ...transforms.flatMap((transform) => windows[transform].map((w) => learWindow(w, transform, false))),
    ...(exactAic && transforms.includes('asinh') ? windows.asinh.filter((w) => w < 1000).map((w) => learWindow(w, 'asinh', true)) : []),
    ...networks.map(({ network, schedule, changed }) => networkForecaster(network, schedule, changed, { file, first })),
    naive,
  ];
  const caches = new Map();
  for (const f of forecasters) caches.set(f, await openCache(forecastsDir, dataset, fingerprint, f.id, f.persist ?? true));
  console.log(`  epf ${dataset}: ${testDays.length} ${period} ${series.dates[testDays[0]]} .. ${series.dates[testDays.at(-1)]}, ${forecasters.length} forecasters, forecasts kept in ${forecastsDir}`);

  // Ctrl-C saves what every forecaster has done, so the next run resumes from there.
  const saveAll = () => Promise.all([...caches.values()].map((cache) => cache.flush()));
  const interrupted = () => saveAll().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);

  // Days in van der Corput order (the first, the middle, the quarters, …), every window of a day
  // together: the days an interrupted run did are spread over the whole test period and the same
  // for every forecaster, so its figures (--cached) already estimate the full run's. A network's
  // segments come in the order of their first day in that order.
  const spread = (a, b) => spreadRank(a - first, count) - spreadRank(b - first, count);
  const missing = (f) => testDays.filter((day) => !caches.get(f).days[series.dates[day]]).sort(spread);
  const pooled = forecasters.filter((f) => f.pool);
  const tasks = pooled.flatMap((f) => missing(f).map((day) => ({ day, ...f.pool }))).sort((a, b) => spread(a.day, b.day) || a.window - b.window);
  let done = 0;
  const started = performance.now();
  const stop = new AbortController();
  const learRuns = learPool(file, workers, cachedOnly ? [] : tasks, async ({ day, window, transform, exactAic: exact, forecast, trainSeconds, predictSeconds }) => {
    const f = pooled.find((p) => p.pool.window === window && p.pool.transform === transform && p.pool.exactAic === exact);
    await caches.get(f).put(series.dates[day], { forecast: [...forecast], trainSeconds, predictSeconds });
    if (++done % 100 === 0) console.log(`    ${done}/${tasks.length} calibrations, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }, stop.signal);
  const fills = forecasters
    .filter((f) => f.fill && !(cachedOnly && f.network))
    .map((f) => {
      const cache = caches.get(f);
      return f.fill({ series, days: missing(f), put: (day, entry) => cache.put(series.dates[day], entry), signal: stop.signal });
    });
  try {
    await Promise.all([learRuns, ...fills]);
  } catch (error) {
    // One forecaster failing stops the others' threads, so the run ends with its error.
    stop.abort();
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupted);
    await saveAll();
  }

  // Metrics over the test days (with --cached, those every forecaster has), forecasts in day order.
  const scored = testDays.filter((day) => forecasters.every((f) => caches.get(f).days[series.dates[day]]));
  if (scored.length === 0) throw new Error(`bench epf: none of the ${period} has forecasts from every forecaster yet`);
  const actual = Float64Array.from(scored.flatMap((day) => [...series.prices.subarray(day * HOURS, (day + 1) * HOURS)]));
  // rMAE's denominator as epftoolbox's rMAE(m='W'), over the whole test period: the weekly naive
  // built from the test prices alone, so its first week is left out.
  const weeklyFrom = testDays.length > 7 ? 7 : 0;
  const weeklyActual = Float64Array.from(testDays.slice(weeklyFrom).flatMap((day) => [...series.prices.subarray(day * HOURS, (day + 1) * HOURS)]));
  const weeklyNaive = Float64Array.from(testDays.slice(weeklyFrom).flatMap((day) => [...series.prices.subarray((day - 7) * HOURS, (day - 6) * HOURS)]));
  const naiveMae = meanAbsoluteError(weeklyActual, weeklyNaive);
  const rows = [];
  const row = (label, forecast, entries, publishedName) => {
    const mae = meanAbsoluteError(actual, forecast);
    const reference = published[publishedName]?.mae;
    rows.push([label, number(mae, 3), number(symmetricMape(actual, forecast) * 100, 2), number(mae / naiveMae, 3), number(rootMeanSquaredError(actual, forecast), 3), number(reference, 3), reference === undefined ? '-' : `${(((mae - reference) / reference) * 100).toFixed(1)}%`, number(entries.reduce((s, e) => s + e.trainSeconds, 0), 1), number(entries.reduce((s, e) => s + e.predictSeconds, 0), 2)]);
  };
  const forecastsOf = (f) => scored.map((day) => caches.get(f).days[series.dates[day]]);
  const pointsOf = (f) => Float64Array.from(forecastsOf(f).flatMap((e) => e.forecast));
  for (const f of forecasters) row(f.label, pointsOf(f), forecastsOf(f), f.published);
  const meanOf = (members) => Float64Array.from({ length: actual.length }, (_, i) => members.reduce((s, m) => s + m[i], 0) / members.length);
  // Each transform's LEAR: its windows' mean (the LEAR ensemble) where it ran several, else its one window.
  const lears = transforms.map((transform) => {
    const windowsOf = forecasters.filter((f) => f.pool && !f.pool.exactAic && f.pool.transform === transform);
    if (windowsOf.length === 1) return { transform, windowsOf, points: pointsOf(windowsOf[0]) };
    const points = meanOf(windowsOf.map(pointsOf));
    const asPublished = transform === 'asinh' && windowsOf.map((f) => f.pool.window).join('/') === LEAR_WINDOWS.asinh.join('/');
    row(`${learName(transform)} ensemble (${windowsOf.map((f) => f.pool.window).join('/')})`, points, windowsOf.flatMap(forecastsOf), asPublished ? 'LEAR ensemble' : null);
    return { transform, windowsOf, points };
  });
  // The ensemble: LEAR (its ensemble, or its one window) and each network architecture that is
  // a member (all but TFT and DeepAR: epf-networks.mjs) count as one member each (an architecture run in several configurations, as
  // the DNN and DNN 2, by their mean, as LEAR by its windows' mean), averaged with equal weights
  // (chosen on the validation year, not fitted to the test period); it is the row to hold
  // against the published DNN ensemble. LEAR's member is N-PIT's LEAR where it ran (chosen on
  // PJM's validation year: bench/epf-validation.md), the published asinh LEAR otherwise.
  const memberNetworks = forecasters.filter((f) => f.network && f.member);
  const architectures = new Map();
  for (const f of memberNetworks) architectures.set(f.architecture, [...(architectures.get(f.architecture) ?? []), f]);
  const lear = lears.find((l) => l.transform === 'npit') ?? lears[0];
  const overall = architectures.size > 0 && (lear || memberNetworks.length > 1);
  if (overall) {
    const members = [...(lear ? [lear.points] : []), ...[...architectures.values()].map((configurations) => meanOf(configurations.map(pointsOf)))];
    const names = [...(lear ? [learName(lear.transform)] : []), ...[...architectures.values()].map((configurations) => configurations.map((f) => f.model).join(' & '))];
    row(`ensemble (${names.join(' + ')})`, meanOf(members), [...(lear?.windowsOf ?? []), ...memberNetworks].flatMap(forecastsOf), 'DNN ensemble');
  }
  if (published['DNN ensemble'] && !overall) rows.push(['DNN ensemble (published)', '-', '-', '-', '-', number(published['DNN ensemble'].mae, 3), '-', '-', '-']);

  const header = ['model', 'MAE', 'sMAPE%', 'rMAE', 'RMSE', 'published MAE', 'diff', 'train s', 'predict s'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => `    ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`;
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  if (scored.length < testDays.length) console.log(`    ${scored.length} of the ${testDays.length} ${period} have every forecaster's forecasts (spread over the period); the figures are over those`);
  console.log(`    (rMAE: against the weekly naive, MAE ${naiveMae.toFixed(3)}; train/predict s: wall seconds summed over the days, ${workers} worker threads; published: ${Object.keys(published).length > 0 ? 'shared/data README' : 'none for this file'}${overall ? "; the ensemble's is the published DNN ensemble's, the target" : ''})`);
}
