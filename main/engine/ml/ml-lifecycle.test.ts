import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { TrainAccepted, TrainingJobStatus } from '../../../shared/api/ml.js';
import { steppingClock } from '../../testing/clock.js';
import { storeDayAheadHistory } from '../../testing/day-ahead-history.js';
import { capturingLogger, tempDir, testConfig, WARN, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { createTestDatabase } from '../../testing/postgres.js';
import { closedPort } from '../../testing/sockets.js';
import { createEngine, type Engine } from '../engine.js';

const PASSWORD = 'correct horse battery staple';
const NOW = '2026-03-20T10:00:00Z';
const TRAINING = { zone: 'DE_LU', from: '2026-01-01', to: '2026-02-28' };

const post = (engine: Engine, url: string, payload: object, token?: string) =>
  engine.app.inject({ method: 'POST', url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
const get = (engine: Engine, url: string, token: string) => engine.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
const register = async (engine: Engine): Promise<AuthTokens> => (await post(engine, '/api/auth/register', { email: 'ana@desk.example', password: PASSWORD, displayName: 'Ana', organizationName: 'Nordic Desk' })).json<AuthTokens>();

/** Starts a job through the API (a training, a recalibration) and waits for it to end. */
async function jobEnded(engine: Engine, token: string, url: string, body: object): Promise<TrainingJobStatus> {
  const { jobId } = (await post(engine, url, body, token)).json<TrainAccepted>();
  let status: TrainingJobStatus | null = null;
  await eventually(async () => {
    status = (await get(engine, `/api/ml/jobs/${jobId}`, token)).json<TrainingJobStatus>();
    return status.state !== 'queued' && status.state !== 'training';
  }, 'the job to end', 30_000);
  return status!;
}

/** Trains a naive model on TRAINING's days, stored first, and waits for its job to end. */
async function trainNaive(engine: Engine, token: string): Promise<TrainingJobStatus> {
  const zone = engine.databases.catalogue.zones.find((z) => z.id === 'DE_LU')!;
  await storeDayAheadHistory(engine.store, zone, TRAINING.from, TRAINING.to);
  return jobEnded(engine, token, '/api/ml/train/naive', TRAINING);
}

describe('the model registry across restarts and outages', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('marks a training the terminal was running when it stopped as failed at the next start (embedded database)', async () => {
    const first = await createEngine(testConfig(dir.path), { clock: steppingClock(NOW) });
    const tokens = await register(first);
    const ready = await trainNaive(first, tokens.accessToken);
    // As a crash would leave it: the row still training, no job anywhere.
    await first.store.sql.run("UPDATE ml_models SET status = 'training' WHERE id = ?", [ready.modelId]);
    await first.close();

    const again = await createEngine(testConfig(dir.path), { clock: steppingClock(NOW) });
    try {
      const signedIn = (await post(again, '/api/auth/login', { email: 'ana@desk.example', password: PASSWORD })).json<AuthTokens>();
      expect((await get(again, `/api/ml/models/${ready.modelId}/info`, signedIn.accessToken)).json()).toMatchObject({ status: 'failed', error: 'The terminal stopped before this training ended' });
    } finally {
      await again.close();
    }
  });

  it('marks failed at the next start only the trainings this terminal was running, on a shared database', { timeout: 60_000 }, async () => {
    const pg = await createTestDatabase();
    try {
      const config = testConfig(dir.path, { DATABASE_URL: pg.url });
      const first = await createEngine(config, { clock: steppingClock(NOW) });
      const tokens = await register(first);
      const own = await trainNaive(first, tokens.accessToken);
      const others = await jobEnded(first, tokens.accessToken, '/api/ml/train/naive', TRAINING);
      // As a crash would leave them: this terminal's training and one another terminal is running.
      await first.store.sql.run("UPDATE ml_models SET status = 'training' WHERE id = ?", [own.modelId]);
      await first.store.sql.run("UPDATE ml_models SET status = 'training', trained_on = ? WHERE id = ?", ['0f0e0d0c-0b0a-4998-8776-655443322110', others.modelId]);
      await first.close();

      const again = await createEngine(config, { clock: steppingClock(NOW) });
      try {
        const token = (await post(again, '/api/auth/login', { email: 'ana@desk.example', password: PASSWORD })).json<AuthTokens>().accessToken;
        expect((await get(again, `/api/ml/models/${own.modelId}/info`, token)).json()).toMatchObject({ status: 'failed', error: 'The terminal stopped before this training ended' });
        expect((await get(again, `/api/ml/models/${others.modelId}/info`, token)).json()).toMatchObject({ status: 'training' });
      } finally {
        await again.close();
      }
    } finally {
      await pg.drop();
    }
  });

  it('answers SHARED_DATABASE_REQUIRED while the shared database is out of reach: the registry is not in the local cache', { timeout: 60_000 }, async () => {
    const pg = await createTestDatabase();
    const timing = { OPTIBID_DB_CONNECT_TIMEOUT_MS: '500', OPTIBID_DB_HEALTH_INTERVAL_MS: '600000' };
    try {
      const online = await createEngine(testConfig(dir.path, { DATABASE_URL: pg.url, ...timing }));
      await register(online);
      await online.close();
      const unreachable = new URL(pg.url);
      unreachable.port = String(await closedPort());
      const offline = await createEngine(testConfig(dir.path, { DATABASE_URL: unreachable.toString(), ...timing }));
      try {
        const token = (await post(offline, '/api/auth/login', { email: 'ana@desk.example', password: PASSWORD })).json<AuthTokens>().accessToken;
        for (const response of [await get(offline, '/api/ml/models', token), await post(offline, '/api/ml/train/naive', TRAINING, token)]) {
          expect([response.statusCode, response.json()]).toEqual([503, { error: expect.objectContaining({ code: 'SHARED_DATABASE_REQUIRED', type: 'service_unavailable' }) as unknown }]);
        }
      } finally {
        await offline.close();
      }
    } finally {
      await pg.drop();
    }
  });
});

describe('training runs logged to MLflow', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('logs each run through the REST API (create, log-batch, update) when MLFLOW_TRACKING_URI is set', async () => {
    // A loopback HTTP server answering MLflow's REST endpoints as MLflow documents them (no MLflow server can be installed here).
    const calls: { path: string; body: Record<string, unknown> }[] = [];
    const server = createServer((request: IncomingMessage, response) => {
      // The terminal's health probe of the service (GET /health) is not part of a run.
      if (request.method !== 'POST') {
        response.end('OK');
        return;
      }
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        calls.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
        response.setHeader('content-type', 'application/json');
        response.end(request.url?.endsWith('/runs/create') ? JSON.stringify({ run: { info: { run_id: 'run-1' } } }) : '{}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const engine = await createEngine(testConfig(dir.path, { MLFLOW_TRACKING_URI: `http://127.0.0.1:${String(port)}/tracking` }), { clock: steppingClock(NOW) });
    try {
      const token = (await register(engine)).accessToken;
      const ready = await trainNaive(engine, token);
      expect(ready.state).toBe('ready');
      await eventually(() => calls.length === 3, 'three MLflow calls');
      expect(calls.map((c) => c.path)).toEqual(['/tracking/api/2.0/mlflow/runs/create', '/tracking/api/2.0/mlflow/runs/log-batch', '/tracking/api/2.0/mlflow/runs/update']);
      expect(calls[0]!.body).toMatchObject({ experiment_id: '0', run_name: 'naive DE_LU 2026-02-28', tags: expect.arrayContaining([{ key: 'optibid.model_id', value: ready.modelId }]) as unknown });
      expect(calls[1]!.body).toMatchObject({ run_id: 'run-1', params: expect.arrayContaining([{ key: 'quantileDays', value: '56' }, { key: 'zone', value: 'DE_LU' }]) as unknown });
      expect((calls[1]!.body.metrics as { key: string }[]).map((m) => m.key).sort()).toEqual(['heldback_mae', 'heldback_rmae', 'heldback_rmse', 'heldback_smape']);
      expect(calls[2]!.body).toMatchObject({ run_id: 'run-1', status: 'FINISHED' });

      // A recalibration is a run of its own, tagged as one, its last day and settings as params.
      const lear = await jobEnded(engine, token, '/api/ml/train/lear', { ...TRAINING, hyperparameters: { calibrationWindows: [21], quantileDays: 2 } });
      const recalibrated = await jobEnded(engine, token, `/api/ml/models/${lear.modelId}/recalibrate`, {});
      expect(recalibrated).toMatchObject({ task: 'recalibrate', state: 'ready' });
      await eventually(() => calls.length === 9, 'three MLflow calls a run');
      expect(calls[6]!.body).toMatchObject({ tags: expect.arrayContaining([{ key: 'optibid.task', value: 'recalibrate' }, { key: 'optibid.model_id', value: lear.modelId }]) as unknown });
      expect(calls[7]!.body).toMatchObject({ params: expect.arrayContaining([{ key: 'trainingTo', value: '"2026-02-28"' }, { key: 'learntFrom', value: '"2026-02-08"' }]) as unknown });
      expect((calls[7]!.body.metrics as { key: string }[]).map((m) => m.key)).toEqual(['loss']);
      expect(calls[8]!.body).toMatchObject({ status: 'FINISHED' });
    } finally {
      await engine.close();
      server.close();
    }
  });

  it('trains all the same when MLflow cannot be reached, and says so in the log', async () => {
    const { logger, lines } = capturingLogger('warn');
    const engine = await createEngine(testConfig(dir.path, { MLFLOW_TRACKING_URI: `http://127.0.0.1:${String(await closedPort())}` }), { clock: steppingClock(NOW), logger });
    try {
      expect((await trainNaive(engine, (await register(engine)).accessToken)).state).toBe('ready');
      await eventually(() => lines.some((line) => line.level === WARN && line.msg.includes('could not be logged to MLflow')), 'the warning');
    } finally {
      await engine.close();
    }
  });
});
