import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthOf, pollHealth, serviceOf } from '../../testing/health.js';
import { capturingLogger, INFO, tempDir, testConfig, WARN, type TempDir } from '../../testing/environment.js';
import { closedPort, silentSocket } from '../../testing/sockets.js';
import { createEngine, type Engine } from '../engine.js';

const OPTIONAL = ['redis', 'kafka', 'clickhouse', 'mlflow', 'minio'];

describe('health with every optional service configured but unreachable', () => {
  let dir: TempDir;
  let engine: Engine | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await Promise.all(cleanups.splice(0).map((c) => c()));
    await dir.remove();
  });

  it('starts without waiting on its probes, answers health while they run, and names each service unavailable with its reason', async () => {
    const hung = await silentSocket();
    cleanups.push(() => hung.close());
    const refused = await closedPort();
    const { logger, lines } = capturingLogger();
    engine = await createEngine(
      testConfig(dir.path, {
        REDIS_URL: `redis://127.0.0.1:${hung.port}`,
        KAFKA_BROKERS: `127.0.0.1:${hung.port}`,
        CLICKHOUSE_URL: `http://127.0.0.1:${hung.port}`,
        MLFLOW_TRACKING_URI: `http://127.0.0.1:${refused}`,
        MINIO_ENDPOINT: `http://127.0.0.1:${refused}`,
        OPTIBID_PROBE_TIMEOUT_MS: '5000',
      }),
      { logger },
    );
    // The hung socket never answers and its probes give up only after 5 s: had start-up or /health
    // waited on any of them, they would be checked by now. (No stopwatch: a loaded machine makes a
    // start-up slow without making it wait.)
    const during = await healthOf(engine);
    expect(during.status).toBe(200);
    for (const name of ['redis', 'kafka', 'clickhouse']) expect(serviceOf(during.body, name).checkedAt, name).toBeNull();

    const report = await pollHealth(engine, (r) => OPTIONAL.every((n) => serviceOf(r, n).checkedAt !== null), 15_000);
    expect(report.status).toBe('degraded');
    expect(serviceOf(report, 'database')).toMatchObject({ status: 'ok', dialect: 'sqlite', required: true });
    // Without DATABASE_URL the SQLite file is the database: there is no separate cache.
    expect(serviceOf(report, 'sqlite_cache')).toMatchObject({ status: 'not_configured', target: null, featuresAffected: [] });
    for (const name of OPTIONAL) {
      const s = serviceOf(report, name);
      expect(s.status, name).toBe('unavailable');
      expect(s.required).toBe(false);
      expect(s.featuresAffected.length, name).toBeGreaterThan(0);
      expect(s.lastError?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    for (const name of ['mlflow', 'minio']) expect(serviceOf(report, name).lastError?.type, name).toBe('ECONNREFUSED');
    for (const name of ['redis', 'kafka', 'clickhouse']) expect(serviceOf(report, name).lastError?.type, name).toBe('TimeoutError');

    const warnings = lines.filter((l) => l.level === WARN);
    expect(warnings.map((w) => w.service).sort()).toEqual([...OPTIONAL].sort());
    for (const warning of warnings) expect(warning).toMatchObject({ errorType: expect.any(String) as string, errorMessage: expect.any(String) as string, at: expect.any(String) as string });
  });

  it('logs an unavailable service once, re-probes with backoff, and logs its recovery', async () => {
    const port = await closedPort();
    const { logger, lines } = capturingLogger();
    engine = await createEngine(testConfig(dir.path, { CLICKHOUSE_URL: `http://127.0.0.1:${port}`, OPTIBID_PROBE_MAX_BACKOFF_MS: '1000', OPTIBID_PROBE_INTERVAL_MS: '1000' }), { logger });
    const running = engine;
    await pollHealth(running, (r) => serviceOf(r, 'clickhouse').status === 'unavailable' && serviceOf(r, 'clickhouse').checkedAt !== null, 10_000);
    // Two more failed probes (1 s backoff) must not log again.
    const firstFailure = serviceOf((await healthOf(running)).body, 'clickhouse').checkedAt;
    await pollHealth(running, (r) => serviceOf(r, 'clickhouse').checkedAt !== firstFailure, 10_000);
    expect(lines.filter((l) => l.level === WARN && l.service === 'clickhouse')).toHaveLength(1);

    const clickhouse: Server = createServer((request, response) => {
      response.writeHead(request.url === '/ping' ? 200 : 404).end('Ok.\n');
    });
    await new Promise<void>((resolve) => clickhouse.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => clickhouse.close(() => resolve())));

    const recovered = await pollHealth(running, (r) => serviceOf(r, 'clickhouse').status === 'ok', 10_000);
    expect(serviceOf(recovered, 'clickhouse')).toMatchObject({ status: 'ok', featuresAffected: [], lastError: expect.objectContaining({ type: 'ECONNREFUSED' }) as unknown });
    expect(recovered.status).toBe('ok');
    expect(lines.filter((l) => l.level === INFO && l.service === 'clickhouse').map((l) => l.msg)).toEqual(['clickhouse recovered']);
  });

  it('sends credentials written in a service URL as Basic auth and never shows them', async () => {
    const clickhouse: Server = createServer((request, response) => {
      const expected = `Basic ${Buffer.from('reader:s3cret').toString('base64')}`;
      response.writeHead(request.url === '/ping' && request.headers.authorization === expected ? 200 : 401).end();
    });
    await new Promise<void>((resolve) => clickhouse.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => clickhouse.close(() => resolve())));
    const address = clickhouse.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const refused = await closedPort();
    engine = await createEngine(
      testConfig(dir.path, { CLICKHOUSE_URL: `http://reader:s3cret@127.0.0.1:${port}/`, MINIO_ENDPOINT: `http://admin:s3cret@127.0.0.1:${refused}` }),
    );
    const running = engine;
    const report = await pollHealth(running, (r) => serviceOf(r, 'clickhouse').checkedAt !== null && serviceOf(r, 'minio').checkedAt !== null, 10_000);
    expect(serviceOf(report, 'clickhouse')).toMatchObject({ status: 'ok', target: `http://reader@127.0.0.1:${port}/` });
    expect(serviceOf(report, 'minio').status).toBe('unavailable');
    expect(JSON.stringify(report)).not.toContain('s3cret');
  });

  it('reports a configured Redis that answers as ok (TEST_REDIS_URL)', async ({ skip }) => {
    const url = process.env.TEST_REDIS_URL;
    if (!url) skip('TEST_REDIS_URL is not set: no Redis server to probe');
    engine = await createEngine(testConfig(dir.path, { REDIS_URL: url ?? '' }));
    const running = engine;
    const report = await pollHealth(running, (r) => serviceOf(r, 'redis').checkedAt !== null, 10_000);
    expect(serviceOf(report, 'redis')).toMatchObject({ status: 'ok', lastError: null });
    expect(running.services.isAvailable('redis')).toBe(true);
  });
});
