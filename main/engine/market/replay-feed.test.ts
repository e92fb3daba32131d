import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LatestPrices } from '../../../shared/api/market-data.js';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { steppingClock } from '../../testing/clock.js';
import { dialects, type DialectFixture } from '../../testing/dialects.js';
import { capturingLogger, tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { prepareStore } from '../db/open-stores.js';
import { SqliteStore } from '../db/sqlite/sqlite-store.js';
import type { Store } from '../db/store.js';
import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import { createEngine } from '../engine.js';
import { readPriceFile } from './import/read-price-file.js';
import { storePriceFile } from './import/store-price-file.js';
import type { FeedTick } from './price-feed.js';
import { ReplayFeed } from './replay-feed.js';

const catalogue = loadZoneCatalogue();
const HOUR_MS = 3_600_000;
const START = Date.UTC(2020, 0, 6);
/** A distinct price per zone and hour: 100 × zone number + hour, plus cents. */
const priceOf = (zoneNumber: number, hour: number): number => zoneNumber * 100 + hour + 0.25;

/** Imports `hours` generated hourly prices (epftoolbox format) into each zone, through the importer. */
async function importHistory(store: Store, dir: string, zoneIds: readonly string[], hours: number): Promise<void> {
  for (const [zoneNumber, zoneId] of zoneIds.entries()) {
    const path = join(dir, `${zoneId}.csv`);
    const rows = Array.from({ length: hours }, (_, hour) => `${new Date(START + hour * HOUR_MS).toISOString().slice(0, 19).replace('T', ' ')},${String(priceOf(zoneNumber + 1, hour))}`);
    await writeFile(path, ['Date, Price', ...rows].join('\n'));
    await storePriceFile(store, await readPriceFile(path, catalogue.zones.find((zone) => zone.id === zoneId)!), new Date(START));
  }
}

const tickAt = (zoneId: string, zoneNumber: number, hour: number): FeedTick => ({ zoneId, at: new Date(START + hour * HOUR_MS), price: priceOf(zoneNumber, hour) });

describe.each(dialects)('replaying stored prices on $dialect', ({ open }) => {
  let db: DialectFixture;
  let dir: TempDir;
  let feed: ReplayFeed | null = null;
  const databases = () => ({ read: <T>(query: (store: Store) => Promise<T>) => query(db.store) });

  beforeEach(async () => {
    db = await open();
    dir = await tempDir();
    await prepareStore(db.store, catalogue);
    await importHistory(db.store, dir.path, ['DE_LU', 'FR', 'PL'], 7);
  });
  afterEach(async () => {
    feed?.stop();
    await db.dispose();
    await dir.remove();
  });

  it('plays the chosen zones in time order at the chosen speed, with their historical instants, page by page, and stops at the end', async () => {
    const clock = steppingClock('2026-11-26T12:00:00Z');
    const { logger, lines } = capturingLogger();
    const batches: FeedTick[][] = [];
    // An hour of market time per second; pages of 3 rows, so a page ends inside an hour.
    feed = new ReplayFeed(databases(), { zones: ['FR', 'DE_LU'], from: null, speed: 3600, clock, logger, pollMs: 5, pageSize: 3 });
    feed.start((ticks) => batches.push(ticks));
    expect([feed.name, feed.source, feed.intervalMs]).toEqual(['replay', 'replay', 1000]);

    await eventually(() => batches.length === 1, 'the first hour at once');
    expect(batches[0]).toEqual([tickAt('DE_LU', 1, 0), tickAt('FR', 2, 0)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toHaveLength(1);

    clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toHaveLength(1);
    clock.advance(1);
    await eventually(() => batches.length === 2, 'the second hour a second later');
    expect(batches[1]).toEqual([tickAt('DE_LU', 1, 1), tickAt('FR', 2, 1)]);

    clock.advance(2500);
    await eventually(() => batches.length === 3, 'two more hours 2.5 seconds later');
    expect(batches[2]).toEqual([tickAt('DE_LU', 1, 2), tickAt('FR', 2, 2), tickAt('DE_LU', 1, 3), tickAt('FR', 2, 3)]);

    clock.advance(60_000);
    await eventually(() => lines.some((line) => line.msg === 'The replay reached the end of the stored prices and stops'), 'the end of the history');
    expect(batches.flat().map((tick) => [tick.zoneId, tick.at.toISOString()])).toEqual(
      Array.from({ length: 7 }, (_, hour) => new Date(START + hour * HOUR_MS).toISOString()).flatMap((at) => [
        ['DE_LU', at],
        ['FR', at],
      ]),
    );
    expect(lines.find((line) => line.msg.startsWith('Replaying'))).toMatchObject({ zones: ['DE_LU', 'FR'], withoutPrices: [], from: '2020-01-06T00:00:00.000Z', speed: 3600 });
  });

  it('plays every zone with stored prices by default, from the instant asked for, and stays quiet without any', async () => {
    const clock = steppingClock('2026-11-26T12:00:00Z');
    const { logger, lines } = capturingLogger();
    const batches: FeedTick[][] = [];
    feed = new ReplayFeed(databases(), { zones: null, from: new Date(START + 5 * HOUR_MS), speed: 7200, clock, logger, pollMs: 5 });
    feed.start((ticks) => batches.push(ticks));
    await eventually(() => batches.length === 1, 'the hour asked for');
    expect(batches[0]).toEqual([tickAt('DE_LU', 1, 5), tickAt('FR', 2, 5), tickAt('PL', 3, 5)]);
    clock.advance(500);
    await eventually(() => batches.length === 2, 'the next hour after half a second at 7200x');
    expect(batches[1]).toEqual([tickAt('DE_LU', 1, 6), tickAt('FR', 2, 6), tickAt('PL', 3, 6)]);
    feed.stop();

    feed = new ReplayFeed(databases(), { zones: ['NL'], from: null, speed: 3600, clock, logger, pollMs: 5 });
    feed.start((ticks) => batches.push(ticks));
    await eventually(() => lines.some((line) => line.msg.startsWith('The replay has no stored day-ahead prices')), 'the warning');
    expect(batches).toHaveLength(2);
  });
});

describe('the replay feed in the engine (OPTIBID_FEEDS=replay)', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('streams replayed prices as ticks of source replay at their historical instants, and keeps them as such', async () => {
    const store = new SqliteStore(join(dir.path, 'optibid.sqlite'));
    await prepareStore(store, catalogue);
    await importHistory(store, dir.path, ['NL'], 3);
    await store.close();

    const clock = steppingClock('2026-11-26T12:00:00Z');
    const engine = await createEngine(testConfig(dir.path, { OPTIBID_FEEDS: 'replay', OPTIBID_REPLAY_ZONES: 'nl', OPTIBID_REPLAY_SPEED: '3600' }), { clock });
    try {
      const { accessToken } = (await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'replay@desk.example', password: 'correct horse battery staple', displayName: 'Replay' } })).json<AuthTokens>();
      const latest = async (): Promise<LatestPrices> => (await engine.app.inject({ url: '/api/market-data/latest', headers: { authorization: `Bearer ${accessToken}` } })).json<LatestPrices>();
      await eventually(async () => (await latest()).prices.length === 1, 'the first replayed price');
      expect((await latest()).prices).toEqual([{ zoneId: 'NL', market: 'tick', resolutionMinutes: 0, at: '2020-01-06T00:00:00.000Z', price: 100.25, currency: 'EUR', source: 'replay' }]);
      clock.advance(1000);
      await eventually(async () => (await latest()).prices[0]?.at === '2020-01-06T01:00:00.000Z', 'the next hour');
      const status = await engine.events.snapshot('terminal-status', null);
      expect(status?.feed).toEqual({ state: 'live', source: 'replay' });
      await eventually(async () => ((await engine.store.sql.one<{ n: number }>("SELECT count(*) AS n FROM market_data WHERE market = 'tick' AND source = 'replay'"))?.n ?? 0) === 2, 'the replayed ticks written');
      const kept = await engine.store.sql.all<{ interval_start: number }>("SELECT interval_start FROM market_data WHERE market = 'tick' ORDER BY interval_start");
      expect(kept.map((row) => new Date(row.interval_start).toISOString())).toEqual(['2020-01-06T00:00:00.000Z', '2020-01-06T01:00:00.000Z']);
    } finally {
      await engine.close();
    }
  });
});
