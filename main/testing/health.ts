import type { HealthReport, ServiceHealth } from '../../shared/api/health.js';
import type { Engine } from '../engine/engine.js';

export async function healthOf(engine: Engine): Promise<{ status: number; body: HealthReport; ms: number }> {
  const started = performance.now();
  const response = await engine.app.inject({ url: '/health' });
  return { status: response.statusCode, body: response.json<HealthReport>(), ms: performance.now() - started };
}

export function serviceOf(report: HealthReport, name: string): ServiceHealth {
  const found = report.services.find((s) => s.name === name);
  if (!found) throw new Error(`${name} missing from /health`);
  return found;
}

/** Polls /health until `done` holds or `withinMs` passes; the last report either way, for the test to assert on. */
export async function pollHealth(engine: Engine, done: (report: HealthReport) => boolean, withinMs: number): Promise<HealthReport> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const { body } = await healthOf(engine);
    if (done(body) || performance.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
