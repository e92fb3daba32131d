import pgClient from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport, ServiceHealth } from '../../../shared/api/health.js';
import type { ZoneList } from '../../../shared/api/zones.js';
import { pollHealth, serviceOf } from '../../testing/health.js';
import { capturingLogger, tempDir, testConfig, WARN, type TempDir } from '../../testing/environment.js';
import { createTestDatabase, openSessions, type TestDatabase } from '../../testing/postgres.js';
import { Fault, startFaultProxy } from '../../testing/fault-proxy.js';
import { closedPort } from '../../testing/sockets.js';
import { createEngine } from '../engine.js';
import { createPgStore } from './open-stores.js';
import { DatabaseUnreachableError } from './postgres/pg-errors.js';

/** PostgreSQL lists a session until its backend has exited: poll briefly for the count. */
async function eventually(read: () => Promise<number>, expected: number): Promise<number> {
  const deadline = Date.now() + 2000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

const database = (report: HealthReport): ServiceHealth => serviceOf(report, 'database');

describe('engine on the shared PostgreSQL', () => {
  let dir: TempDir;
  let pg: TestDatabase;
  beforeEach(async () => {
    dir = await tempDir();
    pg = await createTestDatabase();
  });
  afterEach(async () => {
    await pg.drop();
    await dir.remove();
  });

  it('migrates and seeds PostgreSQL at start, keeps SQLite as the local cache, and releases every connection on close', async () => {
    const engine = await createEngine(testConfig(dir.path, { DATABASE_URL: pg.url }));
    expect(engine.store.dialect).toBe('postgres');
    const report = (await engine.app.inject({ url: '/health' })).json<HealthReport>();
    expect(database(report)).toMatchObject({ status: 'ok', dialect: 'postgres', target: expect.not.stringContaining('optibid-test') as string });
    expect(database(report).migrations).toEqual({ applied: ['001_core', '002_markets_trading', '003_analytics_billing_ops', '004_auth_keys', '005_user_preferences', '006_market_data_notify', '007_alert_rules', '008_dnn_architecture', '009_ml_models_terminal'], pending: [], current: '009_ml_models_terminal' });
    expect(database(report).required).toBe(false);
    expect(report.services.find((s) => s.name === 'sqlite_cache')).toMatchObject({ status: 'ok', dialect: 'sqlite', required: false });
    expect((await engine.app.inject({ url: '/api/market-data/zones' })).json<ZoneList>().count).toBe(15);
    expect(await openSessions(pg.name)).toBeGreaterThan(0);
    await engine.close();
    expect(await eventually(() => openSessions(pg.name), 0)).toBe(0);
  });

  it('starts on the local cache while PostgreSQL is unreachable, reports it, and migrates it once it answers', async () => {
    const port = await closedPort();
    const viaProxy = new URL(pg.url);
    viaProxy.port = String(port);
    const { logger, lines } = capturingLogger();
    const engine = await createEngine(testConfig(dir.path, { DATABASE_URL: viaProxy.toString(), OPTIBID_DB_HEALTH_INTERVAL_MS: '250', OPTIBID_DB_CONNECT_TIMEOUT_MS: '500' }), { logger });
    try {
      // Still serving from the cache: degraded, not down.
      const down = await engine.app.inject({ url: '/health' });
      expect(down.statusCode).toBe(200);
      expect(down.json<HealthReport>().status).toBe('degraded');
      expect(database(down.json<HealthReport>())).toMatchObject({ status: 'unavailable', lastError: { type: 'ECONNREFUSED' } });
      expect(lines.filter((l) => l.level === WARN && l.service === 'database')).toHaveLength(1);
      // Reads fall back to the local cache.
      expect((await engine.app.inject({ url: '/api/market-data/zones' })).json<ZoneList>().count).toBe(15);

      const proxy = await startFaultProxy(pg.url, { port });
      try {
        const report = await pollHealth(engine, (r) => database(r).status === 'ok', 5000);
        expect(database(report)).toMatchObject({ status: 'ok', migrations: { pending: [], current: '009_ml_models_terminal' } });
        expect(report.status).toBe('ok');
        expect(await engine.store.zones.get('SE_4')).toMatchObject({ timezone: 'Europe/Stockholm' });
      } finally {
        await engine.close();
        await proxy.close();
      }
    } finally {
      // Idempotent: already closed when the proxy was started; needed if an early step failed.
      await engine.close();
    }
  });
});

describe('PostgreSQL migrations seen from a running terminal', () => {
  let dir: TempDir;
  let pg: TestDatabase;
  beforeEach(async () => {
    dir = await tempDir();
    pg = await createTestDatabase();
  });
  afterEach(async () => {
    await pg.drop();
    await dir.remove();
  });

  const fastTimeouts = { OPTIBID_DB_HEALTH_INTERVAL_MS: '250', OPTIBID_DB_CONNECT_TIMEOUT_MS: '500', OPTIBID_DB_QUERY_TIMEOUT_MS: '500' };

  it('waits for another terminal’s migration lock with one connection, and close() ends it', async () => {
    const other = new pgClient.Client({ connectionString: pg.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query("SELECT pg_advisory_xact_lock(hashtext('optibid.schema_migrations'))");
    try {
      const engine = await createEngine(testConfig(dir.path, { DATABASE_URL: pg.url, ...fastTimeouts }));
      const report = (await engine.app.inject({ url: '/health' })).json<HealthReport>();
      expect(report.status).toBe('degraded');
      expect(database(report)).toMatchObject({ status: 'unavailable', lastError: { type: 'TimeoutError' } });
      // Several probes later, still one migration waiting, not one per probe.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await openSessions(pg.name, 'optibid-terminal migrate')).toBe(1);
      await engine.close();
      expect(await eventually(() => openSessions(pg.name, 'optibid-terminal migrate'), 0)).toBe(0);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('refuses to start on a PostgreSQL migrated by a newer build', async () => {
    const store = await createPgStore(pg.url, { poolMax: 1, connectTimeoutMs: 2000, queryTimeoutMs: 2000, healthIntervalMs: 1000 }, () => undefined);
    await store.migrate();
    await store.close();
    const raw = new pgClient.Client({ connectionString: pg.url });
    await raw.connect();
    await raw.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'from_a_newer_build', 'x')");
    await raw.end();
    await expect(createEngine(testConfig(dir.path, { DATABASE_URL: pg.url }))).rejects.toThrow(/099_from_a_newer_build.*newer version/);
    expect(await eventually(() => openSessions(pg.name), 0)).toBe(0);
  });

  it('finds a newer build’s schema when PostgreSQL comes back, reports it and stops touching it', async () => {
    const store = await createPgStore(pg.url, { poolMax: 1, connectTimeoutMs: 2000, queryTimeoutMs: 2000, healthIntervalMs: 1000 }, () => undefined);
    await store.migrate();
    await store.close();
    const raw = new pgClient.Client({ connectionString: pg.url });
    await raw.connect();
    await raw.query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    await raw.end();

    const port = await closedPort();
    const viaProxy = new URL(pg.url);
    viaProxy.port = String(port);
    const engine = await createEngine(testConfig(dir.path, { DATABASE_URL: viaProxy.toString(), ...fastTimeouts }));
    const proxy = await startFaultProxy(pg.url, { port });
    try {
      const report = await pollHealth(engine, (r) => database(r).lastError?.type === 'MigrationError', 5000);
      expect(database(report)).toMatchObject({ status: 'unavailable', lastError: { type: 'MigrationError', message: expect.stringContaining('001_core was changed') as string } });
      expect(report.status).toBe('degraded');
      // Latched: later probes do not connect to PostgreSQL again.
      await engine.databases.read(async () => undefined);
      expect(await eventually(() => openSessions(pg.name), 0)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await openSessions(pg.name)).toBe(0);
    } finally {
      await engine.close();
      await proxy.close();
    }
  });

  it('sends no query while its health probe fails, failing each at once as unreachable, and sends them again once a probe answers', async () => {
    const proxy = await startFaultProxy(pg.url);
    const store = await createPgStore(proxy.url, { poolMax: 2, connectTimeoutMs: 500, queryTimeoutMs: 500, healthIntervalMs: 1000 }, () => undefined);
    try {
      await store.ping();
      expect(await store.sql.one<{ n: number }>('SELECT 1 AS n')).toEqual({ n: 1 });
      proxy.setMode(Fault.blackhole);
      await expect(store.ping()).rejects.toSatisfy((error: unknown) => store.isConnectionError(error));
      // Not sent: only the gate throws this error, and it counts as the database being unreachable.
      const refused = await store.sql.one('SELECT 1 AS n').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseUnreachableError);
      expect(store.isConnectionError(refused)).toBe(true);
      await expect(store.transaction((r) => r.zones.list())).rejects.toBeInstanceOf(DatabaseUnreachableError);
      // The probe is not gated: it finds the database back, and queries go out again.
      proxy.setMode(Fault.pass);
      await store.ping();
      expect(await store.sql.one<{ n: number }>('SELECT 1 AS n')).toEqual({ n: 1 });
    } finally {
      await store.close();
      await proxy.close();
    }
  });

  it('answers reads from the cache when PostgreSQL drops between two health probes', async () => {
    const port = await closedPort();
    let proxy = await startFaultProxy(pg.url, { port });
    const viaProxy = new URL(pg.url);
    viaProxy.port = String(port);
    // A long probe interval: the outage is found by the failing read, not by the monitor.
    const engine = await createEngine(testConfig(dir.path, { DATABASE_URL: viaProxy.toString(), OPTIBID_DB_HEALTH_INTERVAL_MS: '600000', OPTIBID_DB_CONNECT_TIMEOUT_MS: '500' }));
    try {
      expect(database((await engine.app.inject({ url: '/health' })).json<HealthReport>()).status).toBe('ok');
      await proxy.close();
      const zones = await engine.app.inject({ url: '/api/market-data/zones' });
      expect(zones.statusCode).toBe(200);
      expect(zones.json<ZoneList>().count).toBe(15);
      const report = await pollHealth(engine, (r) => database(r).status !== 'ok', 3000);
      expect(database(report).status).toBe('unavailable');
      proxy = await startFaultProxy(pg.url, { port });
    } finally {
      await engine.close();
      await proxy.close();
    }
  });
});
