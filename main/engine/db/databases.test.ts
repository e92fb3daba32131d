import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport, ServiceHealth } from '../../../shared/api/health.js';
import type { ZoneList } from '../../../shared/api/zones.js';
import { capturingLogger, tempDir, testConfig, WARN, type TempDir } from '../../testing/environment.js';
import { createTestDatabase, openSessions, type TestDatabase } from '../../testing/postgres.js';
import { closedPort, tcpProxy } from '../../testing/sockets.js';
import { createEngine } from '../engine.js';

const database = (report: HealthReport): ServiceHealth => report.services.find((s) => s.name === 'database') as ServiceHealth;

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
    expect(database(report).migrations).toEqual({ applied: ['001_core', '002_markets_trading', '003_analytics_billing_ops'], pending: [], current: '003_analytics_billing_ops' });
    expect(database(report).required).toBe(false);
    expect(report.services.find((s) => s.name === 'sqlite_cache')).toMatchObject({ status: 'ok', dialect: 'sqlite', required: true });
    expect((await engine.app.inject({ url: '/api/market-data/zones' })).json<ZoneList>().count).toBe(15);
    expect(await openSessions(pg.name)).toBeGreaterThan(0);
    await engine.close();
    expect(await openSessions(pg.name)).toBe(0);
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

      const proxy = await tcpProxy(Number(new URL(pg.url).port), port);
      try {
        const deadline = Date.now() + 5000;
        let report = down.json<HealthReport>();
        while (database(report).status !== 'ok' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          report = (await engine.app.inject({ url: '/health' })).json<HealthReport>();
        }
        expect(database(report)).toMatchObject({ status: 'ok', migrations: { pending: [], current: '003_analytics_billing_ops' } });
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
