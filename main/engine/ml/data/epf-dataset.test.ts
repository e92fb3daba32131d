import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../../app-paths.js';
import { EpfDatasetError, parseEpfDataset, readEpfDataset } from './epf-dataset.js';

const SHARED_EPF = join(appRoot, '..', 'shared', 'data', 'epf');
const ABSENT = `${SHARED_EPF} is absent: the real epftoolbox datasets are not on this machine`;

/** `days` days from 2018-01-01 in the file's format, hour h of day d priced d * 100 + h. */
function dataset(days: number, header = 'Date, Price, Load forecast, Wind forecast'): string {
  const rows = Array.from({ length: days * 24 }, (_, i) => {
    const at = new Date(Date.UTC(2018, 0, 1) + i * 3_600_000).toISOString();
    return `${at.slice(0, 10)} ${at.slice(11, 19)},${String(Math.floor(i / 24) * 100 + (i % 24))},${String(1000 + i)}.5,${String(2000 + i)}`;
  });
  return [header, ...rows].join('\n');
}

describe('reading an epftoolbox dataset', () => {
  it('gives whole days: dates, prices and each exogenous series by its name', () => {
    const series = parseEpfDataset(dataset(3), 'three-days.csv');
    expect(series.dates).toEqual(['2018-01-01', '2018-01-02', '2018-01-03']);
    expect(series.prices.length).toBe(72);
    expect(series.prices[25]).toBe(101);
    expect(series.exogenous.map((s) => s.name)).toEqual(['Load forecast', 'Wind forecast']);
    expect(series.exogenous[0]!.values[25]).toBe(1025.5);
    expect(series.exogenous[1]!.values[71]).toBe(2071);
  });

  it('refuses other headers, missing hours, partial days and cells that are not numbers, with their lines', () => {
    expect(() => parseEpfDataset(dataset(1, ',Price_DA,Load_DA'), 'entsoe.csv')).toThrow('not "Date, <price>, <exogenous>, …"');
    const lines = dataset(2).split('\n');
    expect(() => parseEpfDataset(lines.slice(0, 30).join('\n'), 'partial.csv')).toThrow('29 hourly rows are not whole days of 24');
    const gap = [...lines.slice(0, 5), ...lines.slice(6), lines[5]!.replace('2018-01-01 04', '2018-01-02 23')];
    expect(() => parseEpfDataset(gap.join('\n'), 'gap.csv')).toThrow('gap.csv:6: 2018-01-01 05:00:00 is not the hour after the row before');
    const text = lines.map((line, i) => (i === 10 ? line.replace(/,\d+,/, ',n/a,') : line)).join('\n');
    try {
      parseEpfDataset(text, 'text.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EpfDatasetError);
      expect((error as EpfDatasetError).problems).toEqual(['11: Price "n/a" is not a number']);
    }
  });

  it('reads the real NP dataset whole (../shared/data)', { timeout: 60_000 }, async ({ skip }) => {
    const path = join(SHARED_EPF, 'NP.csv');
    if (!existsSync(path)) return skip(ABSENT);
    const series = await readEpfDataset(path);
    expect(series.dates.length).toBe(2184);
    expect([series.dates[0], series.dates.at(-1)]).toEqual(['2013-01-01', '2018-12-24']);
    expect(series.exogenous.map((s) => s.name)).toEqual(['Grid load forecast', 'Wind power forecast']);
    // 2016-12-27 00:00, the first hour of the benchmark's test period: 24.08, 42653, 2124.
    const first = (series.dates.length - 728) * 24;
    expect([series.prices[first], series.exogenous[0]!.values[first], series.exogenous[1]!.values[first]]).toEqual([24.08, 42653, 2124]);
  });
});
