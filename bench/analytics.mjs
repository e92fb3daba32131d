import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { row, summary } from './figures.mjs';
import { benchPostgres, freshDatabase } from './throwaway-postgres.mjs';

/**
 * The analytics of issue 7 computed from the database, uncached, on the longest period a request
 * may ask (a year) of quarter-hour prices (35 040 rows per zone), on SQLite and on PostgreSQL:
 * each beside the bare driver reading the same zone's rows in time order, the least any
 * analysis of them must do. Target: each analysis within 3x of reading its rows (the cross-market
 * analysis reads three zones: within 3x of reading all three). The largest cross-market request
 * (ten zones: 45 pairs, each correlated at 49 lags) is measured too, beside reading its ten zones:
 * it runs on the engine's thread, so its time is the time every other request and tick waits.
 */

const RUNS = 5;
const TARGET_RATIO = 3;
const QUARTER_MS = 15 * 60_000;
const FROM = Date.parse('2025-10-01T00:00:00Z');
const TO = FROM + 365 * 86_400_000;
const ZONES = ['DE_LU', 'FR', 'NL'];
/** As many zones as one cross-market request may name (MAX_CROSS_MARKET_ZONES). */
const ALL_ZONES = ['DE_LU', 'FR', 'NL', 'BE', 'DK_1', 'DK_2', 'NO_1', 'NO_2', 'SE_3', 'PL'];

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist/main/engine', path)).href);
const [{ SqliteStore }, { createPgStore, prepareStore }, { loadZoneCatalogue }, { loadConfig }, hourly, market, anomalies, cross] = await Promise.all([
  load('db/sqlite/sqlite-store.js'),
  load('db/open-stores.js'),
  load('db/zone-catalogue.js'),
  load('config/load.js'),
  load('analytics/hourly-prices.js'),
  load('analytics/market-analytics.js'),
  load('analytics/anomaly-report.js'),
  load('analytics/cross-market.js'),
]);

/** A year of quarter hours per zone: a daily shape, a weekly dip, seeded noise and a spike now and then. */
function prices(zoneId, offset) {
  let seed = 17 + offset;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648 - 0.5;
  };
  return Array.from({ length: (TO - FROM) / QUARTER_MS }, (_, i) => {
    const hour = Math.floor(i / 4);
    const shape = 6000 + 2500 * Math.sin(((hour % 24) / 24) * 2 * Math.PI) - (Math.floor(hour / 24) % 7 >= 5 ? 1500 : 0);
    const priceMinor = Math.round(shape + 1500 * noise() + (i % 5003 === 0 ? 40_000 : 0) + offset * 300);
    return { zoneId, market: 'day_ahead', resolutionMinutes: 15, intervalStart: new Date(FROM + i * QUARTER_MS), priceMinor, source: 'import', receivedAt: new Date(FROM) };
  });
}

/** What the engine's analytics read through (Databases.read), straight to one store. */
const direct = (store) => ({ read: (query) => query(store) });
const period = { from: FROM, to: TO, market: 'day_ahead' };
const zoneOf = (catalogue, id) => catalogue.zones.find((zone) => zone.id === id);

async function timings(work) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return summary(times);
}

/** Each analysis and its floor on one store; `readRows(zoneId)` is the bare driver's read of a zone's rows. */
async function measure(store, catalogue, readRows) {
  const databases = direct(store);
  const [de] = ZONES.map((id) => zoneOf(catalogue, id));
  const readOne = await timings(() => readRows('DE_LU'));
  const readZones = (ids) =>
    timings(async () => {
      for (const id of ids) await readRows(id);
    });
  const crossMarketOf = (ids) =>
    timings(async () => {
      const series = [];
      for (const id of ids) series.push(await hourly.readHourlyPrices(databases, id, period));
      return cross.crossMarket(ids.map((id) => zoneOf(catalogue, id)), series, period);
    });
  const readAll = await readZones(ZONES);
  const analytics = await timings(async () => market.marketAnalytics(await hourly.readHourlyPrices(databases, 'DE_LU', period), de, period, 200));
  const anomaly = await timings(async () => anomalies.anomalyReport(await hourly.readHourlyPrices(databases, 'DE_LU', period), de, period, {}, TO));
  const crossMarket = await crossMarketOf(ZONES);
  const readTen = await readZones(ALL_ZONES);
  const crossMarketTen = await crossMarketOf(ALL_ZONES);
  return { readOne, readAll, analytics, anomaly, crossMarket, readTen, crossMarketTen };
}

function report(title, figures) {
  const ratio = (figure, floor) => figure.median / floor.median;
  const lines = [
    row('read 1 zone (bare)', figures.readOne, 30),
    row('market-analytics', figures.analytics, 30) + `  ${ratio(figures.analytics, figures.readOne).toFixed(2)}x`,
    row('anomaly-detection', figures.anomaly, 30) + `  ${ratio(figures.anomaly, figures.readOne).toFixed(2)}x`,
    row('read 3 zones (bare)', figures.readAll, 30),
    row('cross-market (3 zones)', figures.crossMarket, 30) + `  ${ratio(figures.crossMarket, figures.readAll).toFixed(2)}x`,
    row('read 10 zones (bare)', figures.readTen, 30),
    row('cross-market (10 zones)', figures.crossMarketTen, 30) + `  ${ratio(figures.crossMarketTen, figures.readTen).toFixed(2)}x`,
  ];
  const met = [ratio(figures.analytics, figures.readOne), ratio(figures.anomaly, figures.readOne), ratio(figures.crossMarket, figures.readAll), ratio(figures.crossMarketTen, figures.readTen)].every((r) => r <= TARGET_RATIO);
  console.log(`${title}\n${lines.join('\n')}\n  target: each within ${TARGET_RATIO}x of reading its rows: ${met ? 'met' : 'NOT met'}`);
}

const SELECT_ROWS = "SELECT interval_start, price_minor FROM market_data WHERE zone_id = ? AND market = 'day_ahead' AND interval_start >= ? AND interval_start < ? ORDER BY interval_start";

async function sqlite(catalogue, rows) {
  const dir = await mkdtemp(join(tmpdir(), 'optibid-bench-analytics-'));
  const file = join(dir, 'optibid.sqlite');
  const store = new SqliteStore(file);
  try {
    await prepareStore(store, catalogue);
    await store.marketData.insertMany(rows);
    const db = new Database(file, { readonly: true });
    const select = db.prepare(SELECT_ROWS);
    try {
      report('analytics, SQLite (a year of quarter hours per zone, uncached):', await measure(store, catalogue, async (zoneId) => select.all(zoneId, FROM, TO)));
    } finally {
      db.close();
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgres(catalogue, rows) {
  let server;
  try {
    server = await benchPostgres();
  } catch (error) {
    console.log(`analytics, PostgreSQL: not measured (no PostgreSQL could be had: ${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  const database = await freshDatabase(server.adminUrl);
  try {
    const { db } = loadConfig({ OPTIBID_DATA_DIR: tmpdir(), DATABASE_URL: database.url });
    const store = await createPgStore(database.url, db, () => undefined);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await prepareStore(store, catalogue);
      await store.marketData.insertMany(rows);
      await client.query('ANALYZE market_data');
      let n = 0;
      const numbered = SELECT_ROWS.replace(/\?/g, () => `$${++n}`);
      report(`analytics, PostgreSQL, ${server.description}:`, await measure(store, catalogue, (zoneId) => client.query(numbered, [zoneId, new Date(FROM), new Date(TO)])));
    } finally {
      await client.end();
      await store.close();
    }
  } finally {
    await database.drop();
    await server.close();
  }
}

export default async function analytics() {
  const catalogue = loadZoneCatalogue();
  const rows = ALL_ZONES.flatMap((zoneId, offset) => prices(zoneId, offset));
  await sqlite(catalogue, rows);
  await postgres(catalogue, rows);
}

