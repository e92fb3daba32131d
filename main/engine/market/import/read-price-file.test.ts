import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { tempDir, type TempDir } from '../../../testing/environment.js';
import { loadZoneCatalogue } from '../../db/zone-catalogue.js';
import { PriceFileError, readPriceFile, type PriceFile } from './read-price-file.js';

const zones = loadZoneCatalogue().zones;
const zone = (id: string): MarketZone => zones.find((z) => z.id === id)!;
const ENTSOE_HEADER = ',Price_DA,Load_DA,Load_AC,Gen_SC,Sol_DA,Won_DA';
const iso = (at: Date): string => at.toISOString();

/** One ENTSO-E row per local hour of a day, written as the platform writes them (M/D/YYYY H:MM). */
const entsoeDay = (date: string, hours: readonly number[], price = (hour: number) => `${String(40 + hour)}.5`): string[] =>
  hours.map((hour) => `${date} ${String(hour)}:00,${price(hour)},41000,0,52000.5,0,12000`);
const allHours = Array.from({ length: 24 }, (_, hour) => hour);

describe('reading a price file', () => {
  let dir: TempDir;
  let n = 0;
  const file = async (lines: readonly string[]): Promise<string> => {
    const path = join(dir.path, `prices-${String(++n)}.csv`);
    await writeFile(path, lines.map((line) => `${line}\n`).join(''));
    return path;
  };
  const problemsOf = async (lines: readonly string[], zoneId = 'DE_LU'): Promise<string[]> => {
    const path = await file(lines);
    const error = await readPriceFile(path, zone(zoneId)).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PriceFileError);
    return (error as PriceFileError).message.split('\n').map((line) => line.replace(path, 'FILE'));
  };

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('reads ENTSO-E local time: the spring hour that does not exist is skipped and counted, MW become kW, a 0 is "not published"', async () => {
    // 3/31/2019 in Berlin: 2:00 does not exist; the platform writes it anyway, as a copy of 1:00.
    const read = await readPriceFile(await file([ENTSOE_HEADER, ...entsoeDay('3/31/2019', allHours)]), zone('DE_LU'));
    expect(read.format.name).toBe('ENTSO-E');
    expect(read.intervals).toHaveLength(23);
    expect(read.nonexistentLines).toEqual([4]);
    expect(iso(read.intervals[0]!.intervalStart)).toBe('2019-03-30T23:00:00.000Z');
    expect(iso(read.intervals[2]!.intervalStart)).toBe('2019-03-31T01:00:00.000Z');
    expect(read.intervals[2]!.priceMinor).toBe(4350);
    expect(iso(read.intervals.at(-1)!.intervalStart)).toBe('2019-03-31T21:00:00.000Z');
    expect(read.intervals[0]!.fundamentals).toEqual({ loadForecastKw: 41_000_000, loadActualKw: null, generationKw: 52_000_500, solarForecastKw: null, windOnshoreForecastKw: 12_000_000, windOffshoreForecastKw: null });
    expect(read.gaps).toEqual({ count: 0, first: [] });
    expect([read.duplicateLines, read.blankRows, read.roundedPrices, read.notStored]).toEqual([[], 0, 0, []]);
  });

  it('reads the autumn hour written once as its first occurrence and reports the second as a gap; written twice, as both', async () => {
    const once = await readPriceFile(await file([ENTSOE_HEADER, ...entsoeDay('10/27/2019', allHours)]), zone('DE_LU'));
    expect(once.intervals).toHaveLength(24);
    expect(iso(once.intervals[0]!.intervalStart)).toBe('2019-10-26T22:00:00.000Z');
    expect(iso(once.intervals[2]!.intervalStart)).toBe('2019-10-27T00:00:00.000Z');
    expect(iso(once.intervals[3]!.intervalStart)).toBe('2019-10-27T02:00:00.000Z');
    expect(once.gaps).toEqual({ count: 1, first: [new Date('2019-10-27T01:00:00Z')] });

    const twice = await readPriceFile(await file([ENTSOE_HEADER, ...entsoeDay('10/27/2019', [0, 1, 2, 2, 3])]), zone('DE_LU'));
    expect(twice.intervals.map((interval) => iso(interval.intervalStart))).toEqual(['2019-10-26T22:00:00.000Z', '2019-10-26T23:00:00.000Z', '2019-10-27T00:00:00.000Z', '2019-10-27T01:00:00.000Z', '2019-10-27T02:00:00.000Z']);
    expect([twice.gaps.count, twice.duplicateLines]).toEqual([0, []]);
  });

  it("follows the zone's own clock change (Helsinki skips 3:00), skips blank rows and repeated hours, rounds sub-cent prices half away from zero", async () => {
    const read = await readPriceFile(
      await file([ENTSOE_HEADER, '3/31/2019 2:00,-41.605,1,1,1,1,1', '3/31/2019 3:00,1,1,1,1,1,1', '3/31/2019 4:00,41.604,1,1,1,1,1', ',,,,,,', '3/31/2019 4:00,9,1,1,1,1,1', ',,,,,,', '3/31/2019 5:00,0.005,1,1,1,1,1']),
      zone('FI'),
    );
    expect(read.intervals.map((interval) => [iso(interval.intervalStart), interval.priceMinor])).toEqual([
      ['2019-03-31T00:00:00.000Z', -4161],
      ['2019-03-31T01:00:00.000Z', 4160],
      ['2019-03-31T02:00:00.000Z', 1],
    ]);
    expect([read.nonexistentLines, read.duplicateLines, read.blankRows, read.roundedPrices]).toEqual([[3], [6], 2, 3]);
  });

  it('reads epftoolbox hours as UTC, maps the columns it knows by name and names the others as not stored', async () => {
    const np = await readPriceFile(await file(['Date, Price, Grid load forecast, Wind power forecast', '2013-03-31 01:00:00,31.05,42497.0,2798.0', '2013-03-31 02:00:00,46.575,0,0.5', '2013-03-31 03:00:00,30.47,41463.0,2417.0']), zone('NO_1'));
    expect(np.format.name).toBe('epftoolbox');
    expect(np.intervals.map((interval) => [iso(interval.intervalStart), interval.priceMinor, interval.fundamentals.loadForecastKw])).toEqual([
      ['2013-03-31T01:00:00.000Z', 3105, 42_497_000],
      ['2013-03-31T02:00:00.000Z', 4658, 0],
      ['2013-03-31T03:00:00.000Z', 3047, 41_463_000],
    ]);
    expect([np.notStored, np.roundedPrices, np.nonexistentLines]).toEqual([['Wind power forecast'], 1, []]);

    const pjm = await readPriceFile(await file(['Date, Zonal COMED price, System load forecast, Zonal COMED load foecast', '2013-01-01 00:00:00,25.464211,85049.0,11509.0']), zone('PJM'));
    expect(pjm.intervals[0]).toMatchObject({ priceMinor: 2546, fundamentals: { loadForecastKw: 11_509_000 } });
    expect(pjm.notStored).toEqual(['System load forecast']);
  });

  it('refuses a file it does not recognise, an empty one and one without prices, saying what it expected', async () => {
    expect(await problemsOf(['Time,Price,Volume', '2019-01-01 00:00,1,2'])).toEqual([
      'FILE: not imported (1 problem; nothing was written)',
      'FILE:1: the header "Time,Price,Volume" is not a known price file; expected ENTSO-E ",Price_DA,Load_DA,…" or epftoolbox "Date, Price, …"',
    ]);
    expect((await problemsOf([]))[1]).toBe('FILE: is empty; expected a header: ENTSO-E ",Price_DA,Load_DA,…" or epftoolbox "Date, Price, …"');
    expect((await problemsOf([ENTSOE_HEADER, ',,,,,,']))[1]).toBe('FILE: has a header but no prices');
    expect((await problemsOf([ENTSOE_HEADER, '1/1/2019 0:00,"5,1,1,1,1,1']))[1]).toMatch(/^FILE:2: is not valid CSV \(Quote Not Closed/);
    const missing = join(dir.path, 'missing.csv');
    await expect(readPriceFile(missing, zone('FR'))).rejects.toThrow(`${missing}: cannot be read (ENOENT`);
  });

  it('lists every problem of a file with its line, and nothing of it is returned', async () => {
    expect(
      await problemsOf([
        ENTSOE_HEADER,
        '1/1/2019 0:00,50,1,1,1,1,1',
        '1/1/2019 1:00,fifty,1,1,1,1,1',
        '2019-01-01 02:00,50,1,1,1,1,1',
        '1/1/2019 3:00,4000.01,1,1,1,1,1',
        '1/1/2019 4:00,-500.01,1,1,1,1,1',
        '1/1/2019 5:00,,1,1,1,1,1',
        '1/1/2019 6:30,50,1,1,1,1,1',
        '2/30/2019 7:00,50,1,1,1,1,1',
        '1/1/2019 8:00,50,-1,x,1.0001,1,1',
        '1/1/2019 9:00,50,1,1',
        '1/1/2019 10:00,50,1,1,1,1,1',
        '1/1/2019 9:00,50,1,1,1,1,1',
      ]),
    ).toEqual([
      'FILE: not imported (12 problems; nothing was written)',
      'FILE:3: Price_DA "fifty" is not a number',
      'FILE:4: timestamp "2019-01-01 02:00" is not a date and time written M/D/YYYY H:MM',
      "FILE:5: Price_DA 4000.01 is outside DE_LU's price limits (-500 to 4000 EUR/MWh)",
      "FILE:6: Price_DA -500.01 is outside DE_LU's price limits (-500 to 4000 EUR/MWh)",
      'FILE:7: Price_DA is empty',
      'FILE:8: timestamp 1/1/2019 6:30 is not the start of an hour; expected hourly prices',
      'FILE:9: timestamp "2/30/2019 7:00" is not a date and time written M/D/YYYY H:MM',
      'FILE:10: Load_DA -1 is negative; expected MW of 0 or more',
      'FILE:10: Load_AC "x" is not a number',
      'FILE:10: Gen_SC 1.0001 is finer than a kW',
      'FILE:11: has 4 fields; the header has 7',
      "FILE:13: timestamp 1/1/2019 9:00 goes back before the previous row's 1/1/2019 10:00; expected rows in time order",
    ]);
  });

  it('shows the first 20 problems of a long list and counts the rest', async () => {
    const lines = await problemsOf(['Date, Price', ...Array.from({ length: 25 }, (_, hour) => `2019-01-${String(1 + Math.floor(hour / 24)).padStart(2, '0')} ${String(hour % 24).padStart(2, '0')}:00:00,n/a`)]);
    expect(lines[0]).toBe('FILE: not imported (25 problems; nothing was written)');
    expect(lines).toHaveLength(22);
    expect(lines[20]).toBe('FILE:21: Price "n/a" is not a number');
    expect(lines[21]).toBe('… and 5 more problems');
  });

  it('checks prices against the limits of the zone it imports into (US markets: up to the cost-verified cap)', async () => {
    const read: PriceFile = await readPriceFile(await file(['Date, Price', '2019-01-01 00:00:00,1999.99']), zone('PJM'));
    expect(read.intervals[0]?.priceMinor).toBe(199_999);
    expect((await problemsOf(['Date, Price', '2019-01-01 00:00:00,-150.01'], 'CAISO'))[1]).toBe("FILE:2: Price -150.01 is outside CAISO's price limits (-150 to 2000 USD/MWh)");
  });
});
