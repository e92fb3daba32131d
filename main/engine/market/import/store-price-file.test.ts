import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { tempDir, type TempDir } from '../../../testing/environment.js';
import { appRoot } from '../../app-paths.js';
import { prepareStore } from '../../db/open-stores.js';
import { loadZoneCatalogue } from '../../db/zone-catalogue.js';
import { readPriceFile, type PriceFile } from './read-price-file.js';
import { storePriceFile } from './store-price-file.js';

/** The real market data beside the repository (never copied into it); tests on it skip without it. */
const SHARED_DATA = join(appRoot, '..', 'shared', 'data');
const ABSENT = `${SHARED_DATA} is absent: the real ENTSO-E and epftoolbox files are not on this machine`;
const RECEIVED = new Date('2026-11-26T12:00:00Z');
/** A whole real file is 40-50 thousand rows: seconds alone, far more on two cores shared with the rest of the suite. */
const WHOLE_FILE = { timeout: 120_000 };

const zones = loadZoneCatalogue().zones;
const zone = (id: string): MarketZone => zones.find((z) => z.id === id)!;

describe.each(dialects)('storing a price file on $dialect', ({ open }) => {
  let db: DialectFixture;
  let dir: TempDir;
  const count = async (where = "market = 'day_ahead'", params: unknown[] = []): Promise<number> => Number((await db.raw(`SELECT count(*) AS n FROM market_data WHERE ${where}`, params))[0]?.n);
  const priceAt = async (zoneId: string, at: string): Promise<number | null> => {
    const rows = await db.raw("SELECT price_minor FROM market_data WHERE zone_id = ? AND market = 'day_ahead' AND interval_start = ?", [zoneId, db.store.dialect === 'sqlite' ? Date.parse(at) : new Date(at)]);
    return rows[0] ? Number(rows[0].price_minor) : null;
  };
  const between = (from: string, to: string): unknown[] => (db.store.dialect === 'sqlite' ? [Date.parse(from), Date.parse(to)] : [new Date(from), new Date(to)]);

  beforeEach(async () => {
    db = await open();
    dir = await tempDir();
    await prepareStore(db.store, loadZoneCatalogue());
  });
  afterEach(async () => {
    await db.dispose();
    await dir.remove();
  });

  it('writes every hour with its fundamentals as day-ahead prices of the zone, and a second import replaces the same rows', async () => {
    const path = join(dir.path, 'fr.csv');
    const hours = Array.from({ length: 1200 }, (_, i) => i);
    await writeFile(path, ['Date, Price, Grid load forecast, Wind power forecast', ...hours.map((i) => `${new Date(Date.UTC(2017, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')},${String(30 + (i % 24))}.25,${String(50_000 + i)}.5,0`)].join('\n'));
    const file = await readPriceFile(path, zone('FR'));
    const progress: number[] = [];
    expect(await storePriceFile(db.store, file, RECEIVED, (written) => progress.push(written))).toBe(1200);
    expect(progress).toEqual([500, 1000, 1200]);
    const [row] = await db.raw("SELECT * FROM market_data WHERE zone_id = 'FR' ORDER BY interval_start LIMIT 1");
    expect({ ...row, interval_start: null, received_at: null, price_minor: Number(row?.price_minor), load_forecast_kw: Number(row?.load_forecast_kw) }).toEqual({
      zone_id: 'FR',
      market: 'day_ahead',
      resolution_minutes: 60,
      interval_start: null,
      price_minor: 3025,
      volume_kw: null,
      load_forecast_kw: 50_000_500,
      load_actual_kw: null,
      generation_kw: null,
      solar_forecast_kw: null,
      wind_onshore_forecast_kw: null,
      wind_offshore_forecast_kw: null,
      source: 'import',
      received_at: null,
    });
    expect(await storePriceFile(db.store, file, RECEIVED)).toBe(1200);
    expect(await count()).toBe(1200);
    expect(await priceAt('FR', '2017-01-01T23:00:00Z')).toBe(5325);
  });

  it('forgets the cached analytics computed from prices once the file is written, not the organisations\' KPIs', async () => {
    const path = join(dir.path, 'be.csv');
    await writeFile(path, ['Date, Price', '2017-01-01 00:00:00,10', '2017-01-01 01:00:00,11'].join('\n'));
    const organizationId = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
    await db.store.organizations.insert({ id: organizationId, name: 'Desk', slug: 'desk', defaultCurrency: 'EUR', createdAt: RECEIVED });
    const entry = (key: string, kind: 'market_analytics' | 'cross_market' | 'kpis', organization: string | null) => ({
      key,
      kind,
      organizationId: organization,
      params: {},
      payload: { cached: true },
      computedAt: RECEIVED,
      expiresAt: new Date(RECEIVED.getTime() + 6 * 3_600_000),
    });
    await db.store.analyticsCache.put(entry('market', 'market_analytics', null));
    await db.store.analyticsCache.put(entry('cross', 'cross_market', null));
    await db.store.analyticsCache.put(entry('kpis', 'kpis', organizationId));
    await storePriceFile(db.store, await readPriceFile(path, zone('BE')), RECEIVED);
    const left = await Promise.all(['market', 'cross', 'kpis'].map(async (key) => (await db.store.analyticsCache.get(key, RECEIVED)) !== null));
    expect(left).toEqual([false, false, true]);
  });

  it('writes all or nothing: a row the database refuses fails the whole file and leaves market_data as it was', async () => {
    const path = join(dir.path, 'nl.csv');
    await writeFile(path, ['Date, Price', '2017-01-01 00:00:00,10', '2017-01-01 01:00:00,11'].join('\n'));
    const before = await readPriceFile(path, zone('NL'));
    await storePriceFile(db.store, before, RECEIVED);
    const good = before.intervals[0]!;
    // Past every check of the reader (as a later schema rule would be): a negative load in the middle.
    const intervals = Array.from({ length: 900 }, (_, i) => ({ ...good, intervalStart: new Date(good.intervalStart.getTime() + (i + 2) * 3_600_000), fundamentals: { ...good.fundamentals, loadForecastKw: i === 600 ? -1 : 1 } }));
    const refused: PriceFile = { ...before, intervals };
    await expect(storePriceFile(db.store, refused, RECEIVED)).rejects.toThrow();
    expect(await count()).toBe(2);
  });

  it('imports the real ENTSO-E DE_LU file: clock changes, known prices, blank rows (../shared/data)', WHOLE_FILE, async ({ skip }) => {
    const path = join(SHARED_DATA, 'entsoe', 'DE_LU.csv');
    if (!existsSync(path)) return skip(ABSENT);
    const file = await readPriceFile(path, zone('DE_LU'));
    expect(await storePriceFile(db.store, file, RECEIVED)).toBe(41_611);
    expect(await count()).toBe(41_611);
    expect(file.intervals[0]?.intervalStart.toISOString()).toBe('2018-09-30T22:00:00.000Z');
    expect(file.intervals.at(-1)?.intervalStart.toISOString()).toBe('2023-06-30T21:00:00.000Z');
    expect([file.blankRows, file.nonexistentLines.length, file.duplicateLines.length, file.notStored]).toEqual([240, 5, 0, []]);
    expect(file.gaps.count).toBe(5);
    expect(file.gaps.first.map((at) => at.toISOString())).toContain('2019-10-27T01:00:00.000Z');
    // 2019-03-31 in Berlin had 23 hours; all of them are stored.
    expect(await count("zone_id = 'DE_LU' AND interval_start >= ? AND interval_start < ?", between('2019-03-30T23:00:00Z', '2019-03-31T22:00:00Z'))).toBe(23);
    expect(await priceAt('DE_LU', '2018-09-30T22:00:00Z')).toBe(5953);
    expect(await priceAt('DE_LU', '2019-03-31T01:00:00Z')).toBe(3195);
    expect(await priceAt('DE_LU', '2019-10-27T01:00:00Z')).toBeNull();
  });

  it('imports the real epftoolbox NP file as UTC hours (../shared/data)', WHOLE_FILE, async ({ skip }) => {
    const path = join(SHARED_DATA, 'epf', 'NP.csv');
    if (!existsSync(path)) return skip(ABSENT);
    const file = await readPriceFile(path, zone('NO_1'));
    expect(await storePriceFile(db.store, file, RECEIVED)).toBe(52_416);
    expect([file.intervals[0]?.intervalStart.toISOString(), file.intervals.at(-1)?.intervalStart.toISOString()]).toEqual(['2013-01-01T00:00:00.000Z', '2018-12-24T23:00:00.000Z']);
    expect([file.gaps.count, file.nonexistentLines.length, file.blankRows, file.notStored]).toEqual([0, 0, 0, ['Wind power forecast']]);
    expect(await priceAt('NO_1', '2013-01-01T00:00:00Z')).toBe(3105);
    expect(await priceAt('NO_1', '2018-12-24T23:00:00Z')).toBe(4810);
  });
});
