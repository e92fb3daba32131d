import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { multiRowInsert } from './multi-row-insert.mjs';
import { switchableProxy } from './switchable-proxy.mjs';
import { benchPostgres, freshDatabase } from './throwaway-postgres.mjs';

const DEFAULT_OPS = 10_000;
/** Quarter hours of the delivery day a curve covers by default: DE_LU's whole day. */
const DEFAULT_PERIODS = 96;
const POINTS_PER_PERIOD = 2;
/** The floor's statement size, as the repositories' ROWS_PER_STATEMENT. */
const ROWS_PER_STATEMENT = 500;
const FLOOR_RUNS = 3;
const TARGET_RATIO = 3;
const POLL_MS = 20;
const GIVE_UP_MS = 30 * 60_000;
const DAY_MS = 86_400_000;
const PASSWORD = 'correct horse battery staple';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist/main/engine', path)).href);
const [{ createEngine }, { loadConfig }] = await Promise.all([load('engine.js'), load('config/load.js')]);

/** A positive whole number from the environment, else `fallback`. */
function setting(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: "${raw}" is not a positive whole number`);
  return value;
}

/** A DE_LU day-ahead portfolio buy curve over the first `periods` quarter hours, two points each, on the zone's 0.1 tick and lot. */
const curve = (periods, price) => Array.from({ length: periods }, (_, i) => ({ period: i + 1, points: [{ price: price + i / 10, volume: 1.5 }, { price: price + 20 + i / 10, volume: 0.5 }] }));

const draft = (deliveryDate, periods, price) => ({ zoneId: 'DE_LU', market: 'day_ahead', auction: null, deliveryDate, assetId: null, portfolio: 'Desk', side: 'buy', notes: null, orderType: 'curve', curve: curve(periods, price) });

/**
 * A trader's day, ten writes at a time: seven new curve drafts, two of them edited, and the first
 * edited one submitted (70 % creates, 20 % edits, 10 % submissions), interleaved as made.
 * Each write is { method, url, payload, expect: status }.
 */
function tradersDay(count, periods, deliveryDate) {
  const writes = [];
  for (let unit = 0; writes.length < count; unit++) {
    const ids = Array.from({ length: 7 }, () => randomUUID());
    const price = 20 + (unit % 100);
    const create = (id) => ({ method: 'POST', url: '/api/bids', payload: { id, ...draft(deliveryDate, periods, price) }, expect: 201 });
    const edit = (id) => ({ method: 'PUT', url: `/api/bids/${id}`, payload: { version: 1, ...draft(deliveryDate, periods, price + 5) }, expect: 200 });
    const submit = (id) => ({ method: 'POST', url: `/api/bids/${id}/submit`, payload: { submissionId: randomUUID(), version: 2, confirmWarnings: [] }, expect: 200 });
    const [a, b, c, d, e, f, g] = ids;
    writes.push(create(a), create(b), edit(a), create(c), create(d), edit(b), create(e), submit(a), create(f), create(g));
  }
  return writes.slice(0, count);
}

const mixOf = (writes) => ({
  creates: writes.filter((w) => w.method === 'POST' && w.url === '/api/bids').length,
  edits: writes.filter((w) => w.method === 'PUT').length,
  submits: writes.filter((w) => w.url.endsWith('/submit')).length,
});

async function waitFor(check, what) {
  const deadline = performance.now() + GIVE_UP_MS;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`sync: gave up waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** A client whose values stay PostgreSQL's text: rows copied out go back in exactly as they were. */
async function textClient(url) {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (value) => value } });
  await client.connect();
  return client;
}

const count = async (client, table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

/**
 * The engine offline (its PostgreSQL behind a proxy switched off), `writes` made through its API
 * and queued in the outbox, then the proxy switched on: seconds from the engine seeing the
 * database back to an empty queue, as its SyncLoop and OutboxReplay ship.
 */
async function replay(proxy, writes) {
  const dataDir = await mkdtemp(join(tmpdir(), 'optibid-bench-sync-'));
  const engine = await createEngine(loadConfig({ OPTIBID_DATA_DIR: dataDir, OPTIBID_LOG_LEVEL: 'error', OPTIBID_PORT: '0', OPTIBID_FEEDS: 'none', DATABASE_URL: proxy.url }));
  try {
    const registered = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'bench@desk.example', password: PASSWORD, displayName: 'Bench', organizationName: 'Desk' } });
    if (registered.statusCode !== 201) throw new Error(`sync: register answered HTTP ${registered.statusCode}: ${registered.body}`);
    const headers = { authorization: `Bearer ${registered.json().accessToken}` };

    await proxy.down();
    await waitFor(() => engine.connectivity.current.state === 'offline', 'the engine to notice PostgreSQL gone');
    const queueStart = performance.now();
    for (const write of writes) {
      const response = await engine.app.inject({ method: write.method, url: write.url, payload: write.payload, headers });
      if (response.statusCode !== write.expect || response.json().syncState !== 'queued') throw new Error(`sync: ${write.method} ${write.url} offline answered HTTP ${response.statusCode}: ${response.body.slice(0, 300)}`);
    }
    const queueSeconds = (performance.now() - queueStart) / 1000;
    const queued = await engine.databases.local.outbox.pendingCount();
    if (queued !== writes.length) throw new Error(`sync: ${queued} writes queued, not ${writes.length}`);

    let backAt = null;
    const unsubscribe = engine.connectivity.subscribe((view) => {
      if (view.state === 'online') backAt ??= performance.now();
    });
    const switchedAt = performance.now();
    await proxy.up();
    await waitFor(async () => backAt !== null && (await engine.databases.local.outbox.pendingCount()) === 0, 'the queue to drain');
    const drainedAt = performance.now();
    unsubscribe();
    expectAllDone(engine.config.sqlitePath);
    return { queueSeconds, noticeSeconds: (backAt - switchedAt) / 1000, replaySeconds: (drainedAt - backAt) / 1000 };
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Every queued write was applied: none failed, none in conflict (read beside the engine's connection, as WAL allows). */
function expectAllDone(sqlitePath) {
  const outbox = new Database(sqlitePath, { readonly: true });
  try {
    const notDone = outbox.prepare("SELECT state, count(*) AS n FROM outbox WHERE state <> 'done' GROUP BY state").all();
    if (notDone.length > 0) throw new Error(`sync: the replay left writes not done: ${JSON.stringify(notDone)}`);
  } finally {
    outbox.close();
  }
}

/** The replay's result in PostgreSQL, checked against the writes made. */
async function expectReplayed(client, mix, periods) {
  const bids = await count(client, 'bids');
  const submitted = Number((await client.query("SELECT count(*) AS n FROM bids WHERE status = 'submitted'")).rows[0].n);
  const points = await count(client, 'bid_curve_points');
  const expected = { bids: mix.creates, submitted: mix.submits, points: mix.creates * periods * POINTS_PER_PERIOD };
  if (bids !== expected.bids || submitted !== expected.submitted || points !== expected.points) {
    throw new Error(`sync: PostgreSQL holds ${JSON.stringify({ bids, submitted, points })} after the replay, not ${JSON.stringify(expected)}`);
  }
  return { bids, points };
}

/**
 * The floor: the replay's final rows (bids, then their curve points) copied out, the tables
 * emptied, and the same rows inserted again by multi-row INSERTs in one transaction, on the same
 * database; median seconds of FLOOR_RUNS.
 */
async function floor(client) {
  const tables = [];
  for (const table of ['bids', 'bid_curve_points']) {
    const result = await client.query(`SELECT * FROM ${table}`);
    tables.push({ table, columns: result.fields.map((field) => field.name), rows: result.rows });
  }
  const seconds = [];
  for (let run = 0; run < FLOOR_RUNS; run++) {
    await client.query('TRUNCATE bids CASCADE');
    const start = performance.now();
    await client.query('BEGIN');
    for (const { table, columns, rows } of tables) await multiRowInsert(client, table, columns, rows, (row) => columns.map((column) => row[column]), ROWS_PER_STATEMENT);
    await client.query('COMMIT');
    seconds.push((performance.now() - start) / 1000);
    for (const { table, rows } of tables) if ((await count(client, table)) !== rows.length) throw new Error(`sync: the floor left ${table} without its ${rows.length} rows`);
  }
  return seconds.toSorted((a, b) => a - b)[Math.floor(FLOOR_RUNS / 2)];
}

const thousands = (value) => Math.round(value).toLocaleString('en');
const secs = (value) => `${value.toFixed(2)} s`;

/**
 * Bid writes made on a terminal whose shared PostgreSQL is out of reach, queued in its outbox,
 * and replayed when it returns, beside the floor of inserting the replay's final rows in bulk,
 * on the same PostgreSQL in the same run.
 */
export default async function sync() {
  const ops = setting('BENCH_SYNC_OPS', DEFAULT_OPS);
  const periods = setting('BENCH_SYNC_PERIODS', DEFAULT_PERIODS);
  if (periods > 92) console.log(`  (BENCH_SYNC_PERIODS ${periods}: DE_LU days have 92-100 quarter hours; ${periods} fit every day but the spring clock change)`);
  const deliveryDate = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);
  const writes = tradersDay(ops, periods, deliveryDate);
  const mix = mixOf(writes);

  let postgres;
  try {
    postgres = await benchPostgres();
  } catch (error) {
    throw new Error(`sync: not measured, no PostgreSQL could be started (${error instanceof Error ? error.message : String(error)}); set BENCH_DATABASE_URL to an admin URL to use one`, { cause: error });
  }
  try {
    const database = await freshDatabase(postgres.adminUrl);
    try {
      // Both sides reach PostgreSQL over the same link: the proxy, in a process of its own as a network would be.
      const proxy = await switchableProxy(database.url);
      let run;
      let client;
      try {
        run = await replay(proxy, writes);
        client = await textClient(proxy.url);
      } catch (error) {
        await proxy.close();
        throw error;
      }
      try {
        const rows = await expectReplayed(client, mix, periods);
        const floorSeconds = await floor(client);
        const ratio = run.replaySeconds / floorSeconds;
        console.log(
          `sync: ${thousands(ops)} bid writes queued offline and replayed to PostgreSQL (${thousands(mix.creates)} curve drafts created, ${thousands(mix.edits)} edited, ${thousands(mix.submits)} submitted; DE_LU day-ahead, ${periods} periods x ${POINTS_PER_PERIOD} points)`,
        );
        console.log(`  PostgreSQL: ${postgres.description}`);
        console.log(`  queued offline through the API   ${secs(run.queueSeconds)}  (${thousands(ops / run.queueSeconds)} writes/s; not part of the comparison)`);
        console.log(`  engine noticed PostgreSQL back   ${secs(run.noticeSeconds)} after the proxy passed again (health interval; not counted below)`);
        console.log(`  replay (SyncLoop/OutboxReplay)   ${secs(run.replaySeconds)}  ${thousands(ops / run.replaySeconds)} ops/s  (online to an empty queue)`);
        console.log(`  floor                            ${secs(floorSeconds)}  the final ${thousands(rows.bids)} bids + ${thousands(rows.points)} curve points, multi-row INSERT of ${ROWS_PER_STATEMENT} rows each, 1 transaction, through the same proxy (median of ${FLOOR_RUNS})`);
        console.log(`  replay takes ${ratio.toFixed(1)}x the floor's time (target within ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`);
      } finally {
        await client.end();
        await proxy.close();
      }
    } finally {
      await database.drop();
    }
  } finally {
    await postgres.close();
  }
}
