import { describe, expect, it } from 'vitest';
import { capturingLogger, INFO, WARN } from '../../testing/environment.js';
import type { Clock } from '../clock.js';
import { ServiceMonitor, type MonitorTimers } from './service-monitor.js';

/** Timers the test fires by hand: the schedule is read, not waited for. */
function manualTimers(): MonitorTimers & { delays: number[]; fire(): Promise<void> } {
  let pending: (() => void) | null = null;
  const delays: number[] = [];
  return {
    delays,
    after(delayMs, run) {
      delays.push(delayMs);
      pending = run;
      return () => {
        pending = null;
      };
    },
    async fire() {
      const run = pending;
      pending = null;
      run?.();
      // Let the probe settle and the next delay be scheduled.
      for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const clock: Clock = { now: () => new Date('2026-01-15T11:00:00Z') };
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });

describe('service monitor', () => {
  it('probes at once, backs off 1, 2, 4 s up to the maximum while failing, and returns to the interval when ok', async () => {
    const outcomes = [false, false, false, false, false, true, true, false];
    const timers = manualTimers();
    const { logger, lines } = capturingLogger();
    const monitor = new ServiceMonitor(
      {
        name: 'clickhouse',
        required: false,
        target: 'http://127.0.0.1:8123/',
        featuresAffected: ['long-range analytics'],
        probe: async () => {
          if (!outcomes.shift()) throw refused;
        },
      },
      { timeoutMs: 1000, intervalMs: 30_000, maxBackoffMs: 5000 },
      logger,
      clock,
      timers,
    );
    expect(monitor.snapshot()).toMatchObject({ status: 'unavailable', checkedAt: null, lastError: null });
    monitor.start();
    for (let i = 0; i < 8; i += 1) await timers.fire();
    expect(timers.delays).toEqual([0, 1000, 2000, 4000, 5000, 5000, 30_000, 30_000, 1000]);
    expect(monitor.snapshot()).toMatchObject({
      status: 'unavailable',
      checkedAt: '2026-01-15T11:00:00.000Z',
      lastError: { type: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:8123', at: '2026-01-15T11:00:00.000Z' },
      featuresAffected: ['long-range analytics'],
    });
    // One warning per outage, one info line per recovery.
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)).toEqual([
      'clickhouse unavailable: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8123',
      'clickhouse unavailable: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8123',
    ]);
    expect(lines.filter((l) => l.level === INFO).map((l) => l.msg)).toEqual(['clickhouse recovered']);
    await monitor.stop();
  });

  it('gives up on a probe at its timeout and reports it as a TimeoutError', async () => {
    const monitor = new ServiceMonitor(
      { name: 'redis', required: false, target: 'redis://127.0.0.1:6379/', featuresAffected: ['fan-out'], probe: () => new Promise<void>(() => undefined) },
      { timeoutMs: 50, intervalMs: 30_000, maxBackoffMs: 5000 },
      capturingLogger().logger,
      clock,
      manualTimers(),
    );
    await monitor.check();
    expect(monitor.snapshot().lastError).toMatchObject({ type: 'TimeoutError', message: 'no answer within 50 ms' });
    await monitor.stop();
  });

  it('passes the probe a signal that aborts at the timeout, so the probe can release its socket', async () => {
    let aborted = false;
    const monitor = new ServiceMonitor(
      {
        name: 'minio',
        required: false,
        target: null,
        featuresAffected: [],
        probe: (signal) =>
          new Promise<void>((_, reject) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            });
          }),
      },
      { timeoutMs: 30, intervalMs: 30_000, maxBackoffMs: 5000 },
      capturingLogger().logger,
      clock,
      manualTimers(),
    );
    await monitor.check();
    expect(aborted).toBe(true);
  });

  it('never schedules again once stopped, and reports an unconfigured service as such', async () => {
    const timers = manualTimers();
    const monitor = new ServiceMonitor({ name: 'kafka', required: false, target: null, featuresAffected: ['export'], probe: async () => undefined }, { timeoutMs: 100, intervalMs: 1000, maxBackoffMs: 1000 }, capturingLogger().logger, clock, timers);
    monitor.start();
    await monitor.stop();
    await timers.fire();
    expect(timers.delays).toEqual([0]);
    const unconfigured = new ServiceMonitor({ name: 'mlflow', required: false, target: null, featuresAffected: ['tracking'], probe: null }, { timeoutMs: 100, intervalMs: 1000, maxBackoffMs: 1000 }, capturingLogger().logger, clock, timers);
    unconfigured.start();
    expect(unconfigured.snapshot()).toMatchObject({ status: 'not_configured', featuresAffected: ['tracking'] });
  });
});
