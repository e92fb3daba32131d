import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../main/engine/app-paths.js';
import { tempDir, type TempDir } from '../main/testing/environment.js';

const run = promisify(execFile);

/**
 * `npm run bench -- epf FILE` on a file of epftoolbox's format that is neither of the published
 * datasets (its own column names, 120 days of made-up prices driven by a load and a wind
 * forecast), run as a trader would run it: the protocol's rows come out, the forecasts go where
 * --forecasts says (not into the repository), and --cached reprints the same figures from them.
 */
const DAYS = 120;
const TEST_DAYS = 3;
const ARGS = ['--days', String(TEST_DAYS), '--models', 'lear,lear-npit,nbeats', '--windows', '28,56', '--seeds', 'nbeats=1', '--recalibrate', 'nbeats=off', '--hyperparameters', 'nbeats.epochs=2,nbeats.validationDays=7'];

/** Hourly rows from 2021-01-01: a seeded load and wind forecast, and a price that follows them with noise. */
function datasetText(): string {
  let seed = 11;
  const noise = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648 - 0.5;
  };
  const rows = Array.from({ length: DAYS * 24 }, (_, i) => {
    const [day, hour] = [Math.floor(i / 24), i % 24];
    const load = 30_000 + 6_000 * Math.sin((2 * Math.PI * (hour - 9)) / 24) + (day % 7 < 5 ? 1_500 : -1_500) + 600 * noise();
    const wind = 5_000 + 3_000 * Math.sin(day / 5) + 1_000 * noise();
    const price = 20 + load / 1_000 - wind / 1_000 + 4 * noise();
    const at = new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    return `${at},${price.toFixed(2)},${load.toFixed(1)},${wind.toFixed(1)}`;
  });
  return ['Date, Spot price, Load forecast, Wind forecast', ...rows].join('\n');
}

/** The printed table's rows: model name -> MAE. */
function maeByModel(stdout: string): Map<string, number> {
  const rows = stdout.split('\n').flatMap((line) => {
    const match = /^\s{4}(\S.*?)\s+(\d+\.\d{3})\s+\d+\.\d{2}\s+\d+\.\d{3}\s+\d+\.\d{3}\s/.exec(line);
    return match ? [[match[1]!, Number(match[2])] as const] : [];
  });
  return new Map(rows);
}

describe('the forecast benchmark on a file of its own', () => {
  let dir: TempDir;
  let file: string;
  const bench = async (...extra: string[]): Promise<string> => (await run(process.execPath, ['bench/run.mjs', 'epf', file, ...ARGS, '--forecasts', join(dir.path, 'forecasts'), ...extra], { cwd: appRoot })).stdout;

  beforeAll(async () => {
    dir = await tempDir();
    file = join(dir.path, 'XX.csv');
    await writeFile(file, datasetText());
  });
  afterAll(async () => {
    await dir.remove();
  });

  it('prints every model of the protocol, keeps their forecasts where told, and reprints the same from them', async () => {
    const first = await bench();
    const mae = maeByModel(first);
    expect([...mae.keys()]).toEqual([
      'LEAR 28',
      'LEAR 56',
      'LEAR N-PIT 28',
      'LEAR N-PIT 56',
      'N-BEATS (every 28 d, epochs 2, validationDays 7)',
      'naive',
      'LEAR ensemble (28/56)',
      'LEAR N-PIT ensemble (28/56)',
      'ensemble (LEAR N-PIT + N-BEATS)',
    ]);
    for (const [model, value] of mae) expect(value, model).toBeGreaterThan(0);
    expect(first).toContain('published: none for this file');

    // The forecasts of the last three days, one file per forecaster, none in the repository's folder.
    const kept = (await readdir(join(dir.path, 'forecasts'))).sort();
    expect(kept.map((name) => name.replace(/^XX-[0-9a-f]{12}-/, ''))).toEqual(['lear-28.json', 'lear-56.json', 'lear-npit-28.json', 'lear-npit-56.json', expect.stringMatching(/^nbeats-every-28-seeds-1-[0-9a-f]{8}\.json$/) as unknown]);
    expect((await readdir(join(appRoot, 'bench', 'epf-forecasts'))).filter((name) => name.startsWith('XX-'))).toEqual([]);
    const lear28 = JSON.parse(await readFile(join(dir.path, 'forecasts', kept[0]!), 'utf8')) as { days: Record<string, { forecast: number[] }> };
    expect(Object.keys(lear28.days)).toEqual(['2021-04-28', '2021-04-29', '2021-04-30']);

    // The LEAR ensemble's MAE is that of the two windows' mean, recomputed here from the kept forecasts and the file's prices.
    const lear56 = JSON.parse(await readFile(join(dir.path, 'forecasts', kept[1]!), 'utf8')) as typeof lear28;
    const prices = datasetText().split('\n').slice(1).map((line) => Number(line.split(',')[1]));
    const errors = Object.keys(lear28.days).flatMap((date, d) =>
      lear28.days[date]!.forecast.map((f28, h) => Math.abs((f28 + lear56.days[date]!.forecast[h]!) / 2 - prices[(DAYS - TEST_DAYS + d) * 24 + h]!)),
    );
    expect(mae.get('LEAR ensemble (28/56)')).toBeCloseTo(errors.reduce((sum, e) => sum + e, 0) / errors.length, 2);

    expect(maeByModel(await bench('--cached'))).toEqual(mae);
  });
});
