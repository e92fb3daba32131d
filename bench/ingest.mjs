import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { multiRowInsert } from './multi-row-insert.mjs';
import { benchPostgres, freshDatabase } from './throwaway-postgres.mjs';

const DEFAULT_ROWS = 200_000;
const RUNS = 3;
/** The repository's statement size (ROWS_PER_STATEMENT in market-data-repository.ts), for the multi-row floor. */
const ROWS_PER_STATEMENT = 500;
const TARGET_RATIO = 2;
const T0 = Date.parse('2026-11-26T00:00:00Z');
const COLUMNS = ['zone_id', 'market', 'resolution_minutes', 'interval_start', 'price_minor', 'source', 'received_at'];

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist/main/engine', path)).href);
const [{ SqliteStore }, { createPgStore, prepareStore }, { loadZoneCatalogue }, { loadConfig }] = await Promise.all([
  load('db/sqlite/sqlite-store.js'),
  load('db/open-stores.js'),
  load('db/zone-catalogue.js'),
  load('config/load.js'),
]);

/** How many rows: BENCH_INGEST_ROWS, else 200,000. */
function rowCount() {
  const raw = process.env.BENCH_INGEST_ROWS;
  if (raw === undefined) return DEFAULT_ROWS;
  const rows = Number(raw);
  if (!Number.isInteger(rows) || rows <= 0) throw new Error(`BENCH_INGEST_ROWS: "${raw}" is not a positive whole number of rows`);
  return rows;
}

/** `count` ticks round the catalogue's zones, a second apart per zone, as StoredPrice. */
function ticks(zones, count) {
  return Array.from({ length: count }, (_, i) => {
    const intervalStart = new Date(T0 + Math.floor(i / zones.length) * 1000);
    return { zoneId: zones[i % zones.length].id, market: 'tick', resolutionMinutes: 0, intervalStart, priceMinor: 5000 + ((i * 7919) % 20000), source: 'simulator', receivedAt: new Date(intervalStart.getTime() + 5) };
  });
}

/** Seconds that `work` took. */
async function timed(work) {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs each contender RUNS times, interleaved, each time on a fresh database; returns the median rows/s of each. */
async function contest(contenders, rows) {
  const seconds = contenders.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, contender] of contenders.entries()) seconds[i].push(await contender.run(rows));
  }
  return contenders.map((contender, i) => ({ label: contender.label, rowsPerSecond: rows.length / median(seconds[i]) }));
}

function expectRows(actual, rows, label) {
  if (Number(actual) !== rows.length) throw new Error(`${label} left ${actual} rows in market_data, not ${rows.length}`);
}

// ---- SQLite ---------------------------------------------------------------------------------

/** A fresh SQLite file migrated by the engine, the catalogue seeded; `use` gets the store. */
async function withSqliteStore(catalogue, use) {
  const dir = await mkdtemp(join(tmpdir(), 'optibid-bench-ingest-'));
  const file = join(dir, 'optibid.sqlite');
  const store = new SqliteStore(file);
  try {
    await prepareStore(store, catalogue);
    return await use(store, file);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const sqliteRepository = (catalogue) => ({
  label: 'MarketDataRepository.insertMany',
  run: (rows) =>
    withSqliteStore(catalogue, async (store, file) => {
      const seconds = await timed(() => store.marketData.insertMany(rows));
      const db = new Database(file, { readonly: true });
      expectRows(db.prepare('SELECT count(*) AS n FROM market_data').get().n, rows, 'insertMany');
      db.close();
      return seconds;
    }),
});

/** better-sqlite3 alone: one prepared INSERT, run per row in one transaction, with the engine's pragmas. */
const sqliteBare = (catalogue) => ({
  label: 'better-sqlite3 prepared INSERT, 1 transaction',
  run: (rows) =>
    withSqliteStore(catalogue, async (store, file) => {
      await store.close();
      const db = new Database(file);
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        const insert = db.prepare(`INSERT INTO market_data (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
        const insertAll = db.transaction((prices) => {
          for (const p of prices) insert.run(p.zoneId, p.market, p.resolutionMinutes, p.intervalStart.getTime(), p.priceMinor, p.source, p.receivedAt.getTime());
        });
        const seconds = await timed(() => insertAll(rows));
        expectRows(db.prepare('SELECT count(*) AS n FROM market_data').get().n, rows, 'the prepared INSERT');
        return seconds;
      } finally {
        db.close();
      }
    }),
});

// ---- PostgreSQL -----------------------------------------------------------------------------

/** A fresh database on the bench's PostgreSQL, migrated by the engine with its pool settings; `use` gets the store and URL. */
async function withPgStore(adminUrl, catalogue, use) {
  const database = await freshDatabase(adminUrl);
  try {
    const { db } = loadConfig({ OPTIBID_DATA_DIR: tmpdir(), DATABASE_URL: database.url });
    const store = await createPgStore(database.url, db, () => undefined);
    try {
      await prepareStore(store, catalogue);
      return await use(store, database.url);
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
}

async function countPg(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*) AS n FROM market_data')).rows[0].n;
  } finally {
    await client.end();
  }
}

const pgRepository = (adminUrl, catalogue) => ({
  label: 'MarketDataRepository.insertMany',
  run: (rows) =>
    withPgStore(adminUrl, catalogue, async (store, url) => {
      const seconds = await timed(() => store.marketData.insertMany(rows));
      expectRows(await countPg(url), rows, 'insertMany');
      return seconds;
    }),
});

/** pg alone on one connection, in one transaction: `insert(client, rows)` is the bulk path measured. */
const pgBare = (adminUrl, catalogue, label, insert) => ({
  label,
  run: (rows) =>
    withPgStore(adminUrl, catalogue, async (_store, url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const seconds = await timed(async () => {
          await client.query('BEGIN');
          await insert(client, rows);
          await client.query('COMMIT');
        });
        expectRows(await countPg(url), rows, label);
        return seconds;
      } finally {
        await client.end();
      }
    }),
});

/** Multi-row INSERTs of the repository's statement size. */
const multiRowTicks = (client, rows) =>
  multiRowInsert(client, 'market_data', COLUMNS, rows, (p) => [p.zoneId, p.market, p.resolutionMinutes, p.intervalStart, p.priceMinor, p.source, p.receivedAt], ROWS_PER_STATEMENT);

/** One INSERT ... SELECT FROM unnest() of seven arrays: the whole batch in one statement and seven parameters. */
async function unnestInsert(client, rows) {
  const column = (pick) => rows.map(pick);
  await client.query(
    `INSERT INTO market_data (${COLUMNS.join(', ')})
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[], $5::bigint[], $6::text[], $7::timestamptz[])`,
    [column((p) => p.zoneId), column((p) => p.market), column((p) => p.resolutionMinutes), column((p) => p.intervalStart), column((p) => p.priceMinor), column((p) => p.source), column((p) => p.receivedAt)],
  );
}

// ---- report ---------------------------------------------------------------------------------

const thousands = (value) => Math.round(value).toLocaleString('en');
const verdict = (met) => (met ? 'met' : 'NOT met');

/** The repository beside the fastest bare path: the floor. */
function report(title, [repository, ...bare]) {
  const floor = bare.reduce((best, contender) => (contender.rowsPerSecond > best.rowsPerSecond ? contender : best));
  const ratio = floor.rowsPerSecond / repository.rowsPerSecond;
  console.log(`  ${title}`);
  for (const contender of [repository, ...bare]) console.log(`    ${contender.label.padEnd(56)} ${thousands(contender.rowsPerSecond).padStart(9)} rows/s${contender === floor ? '   (floor)' : ''}`);
  console.log(`    repository takes ${ratio.toFixed(2)}x the floor's time (target within ${TARGET_RATIO}x: ${verdict(ratio <= TARGET_RATIO)})`);
}

/**
 * Rows per second into market_data through the engine's repository, beside the bare driver's
 * bulk path on the same table (created by the engine's migrations), the same rows, on a fresh
 * database each run: SQLite, then PostgreSQL when one can be had.
 */
export default async function ingest() {
  const catalogue = loadZoneCatalogue();
  const rows = ticks(catalogue.zones, rowCount());
  console.log(`ingest: ${thousands(rows.length)} ticks across ${catalogue.zones.length} zones into market_data in one call, median of ${RUNS} interleaved runs, each on a fresh database`);
  report('SQLite (WAL, synchronous=FULL)', await contest([sqliteRepository(catalogue), sqliteBare(catalogue)], rows));

  let postgres;
  try {
    postgres = await benchPostgres();
  } catch (error) {
    console.log(`  PostgreSQL: not measured, no PostgreSQL could be started (${error instanceof Error ? error.message : String(error)}); set BENCH_DATABASE_URL to an admin URL to use one`);
    return;
  }
  try {
    const { adminUrl, description } = postgres;
    report(
      `PostgreSQL: ${description}`,
      await contest(
        [pgRepository(adminUrl, catalogue), pgBare(adminUrl, catalogue, `pg multi-row INSERT, ${ROWS_PER_STATEMENT} rows each, 1 transaction`, multiRowTicks), pgBare(adminUrl, catalogue, 'pg INSERT ... SELECT FROM unnest(arrays), 1 statement', unnestInsert)],
        rows,
      ),
    );
  } finally {
    await postgres.close();
  }
}
