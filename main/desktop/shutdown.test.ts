import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import { capturingLogger, tempDir, testConfig, WARN } from '../testing/environment.js';
import { closeWithin } from './shutdown.js';

const ERROR = 50;

describe('closing the engine on quit, within a bounded wait', () => {
  it('closes a real engine well within the limit', async () => {
    const dir = await tempDir();
    const { logger } = capturingLogger();
    try {
      const engine = await createEngine(testConfig(dir.path));
      expect(await closeWithin(() => engine.close(), 5000, logger)).toBe('closed');
    } finally {
      await dir.remove();
    }
  });

  it('gives up on a close that hangs, at the limit, and says so', async () => {
    const { logger, lines } = capturingLogger();
    const started = Date.now();
    expect(await closeWithin(() => new Promise<void>(() => undefined), 80, logger)).toBe('timed-out');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(75);
    expect(waited).toBeLessThan(1000);
    expect(lines.find((line) => line.level === WARN)?.msg).toMatch(/did not close in time/);
  });

  it('does not wait out the limit for a close that finishes, even slowly', async () => {
    const { logger } = capturingLogger();
    const started = Date.now();
    expect(await closeWithin(() => new Promise<void>((resolve) => setTimeout(resolve, 50)), 5000, logger)).toBe('closed');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a close that fails, rejecting or throwing, and still lets the app exit', async () => {
    const { logger, lines } = capturingLogger();
    expect(await closeWithin(() => Promise.reject(new Error('database gone')), 5000, logger)).toBe('failed');
    expect(
      await closeWithin(
        () => {
          throw new Error('already closed');
        },
        5000,
        logger,
      ),
    ).toBe('failed');
    expect(lines.filter((line) => line.level === ERROR).map((line) => (line.err as { message: string }).message)).toEqual(['database gone', 'already closed']);
  });
});
