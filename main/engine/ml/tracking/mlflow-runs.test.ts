import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger, WARN } from '../../../testing/environment.js';
import { MlflowRuns, type TrainingRunRecord } from './mlflow-runs.js';

interface Call {
  endpoint: string;
  body: { params?: unknown[]; metrics?: { key: string; step: number }[]; tags?: unknown[]; status?: string };
}

/**
 * A loopback stand-in for MLflow's tracking server (none can be installed here) that refuses a
 * log-batch over the limits its REST API reference gives: 1,000 metrics, 100 params, and 1,000
 * entries in all. `failBatches` refuses every log-batch, as a server in trouble would.
 */
async function trackingServer(failBatches = false): Promise<{ server: Server; url: string; calls: Call[] }> {
  const calls: Call[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const call: Call = { endpoint: (request.url ?? '').replace('/api/2.0/mlflow/', ''), body: JSON.parse(text) as Call['body'] };
      calls.push(call);
      const { params = [], metrics = [], tags = [] } = call.body;
      const overLimits = metrics.length > 1000 || params.length > 100 || metrics.length + params.length + tags.length > 1000;
      response.setHeader('content-type', 'application/json');
      if (call.endpoint === 'runs/log-batch' && (overLimits || failBatches)) {
        response.statusCode = 400;
        response.end(JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'A batch logging request can contain at most 1000 metrics' }));
        return;
      }
      response.end(call.endpoint === 'runs/create' ? JSON.stringify({ run: { info: { run_id: 'run-1' } } }) : '{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${String((server.address() as { port: number }).port)}`, calls };
}

/** A network's run of 700 epochs (a loss and a validation MAE each) with 120 hyperparameters. */
const LONG_RUN: TrainingRunRecord = {
  task: 'train',
  modelId: 'model-1',
  name: 'TFT DE_LU',
  architecture: 'tft',
  zoneId: 'DE_LU',
  params: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`setting${String(i)}`, i])),
  steps: Array.from({ length: 700 }, (_, i) => ({ epoch: i + 1, epochs: 700, loss: 1 / (i + 1), validationMae: 10 + 1 / (i + 1) })),
  heldBack: { mae: 9.5, smape: 12, rmae: 0.8, rmse: 14 },
  outcome: 'ready',
  startedAt: Date.parse('2026-03-20T10:00:00Z'),
  endedAt: Date.parse('2026-03-20T10:30:00Z'),
};

describe('MLflow runs', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it('logs a long run whole in batches within the server’s limits and finishes it', async () => {
    const { server, url, calls } = await trackingServer();
    servers.push(server);
    const { logger, lines } = capturingLogger('warn');
    await new MlflowRuns(url, logger).log(LONG_RUN);
    expect(lines).toEqual([]);
    const batches = calls.filter((c) => c.endpoint === 'runs/log-batch');
    expect(batches.length).toBeGreaterThan(1);
    // Every param and metric arrived once: 2 + 120 params, 700 losses, 700 validation MAEs and 4 held-back figures.
    expect(batches.flatMap((b) => b.body.params ?? [])).toHaveLength(122);
    const metrics = batches.flatMap((b) => b.body.metrics ?? []);
    expect(metrics).toHaveLength(1404);
    expect(metrics.filter((m) => m.key === 'validation_mae').map((m) => m.step)).toEqual(LONG_RUN.steps.map((s) => s.epoch));
    expect(calls.at(-1)).toMatchObject({ endpoint: 'runs/update', body: { status: 'FINISHED' } });
  });

  it('marks a run FAILED when its logging breaks off, and warns that the model is not affected', async () => {
    const { server, url, calls } = await trackingServer(true);
    servers.push(server);
    const { logger, lines } = capturingLogger('warn');
    await new MlflowRuns(url, logger).log(LONG_RUN);
    expect(calls.map((c) => c.endpoint)).toEqual(['runs/create', 'runs/log-batch', 'runs/update']);
    expect(calls[2]!.body).toMatchObject({ status: 'FAILED' });
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[WARN, 'The training run could not be logged to MLflow; the model is not affected']]);
  });
});
