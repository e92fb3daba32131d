import { describe, expect, it } from 'vitest';
import { StartupError } from '../engine/startup-error.js';
import { capturingLogger, tempDir, testConfig } from '../testing/environment.js';
import { serveEngine } from './serve-engine.js';

describe('the engine inside the desktop app', () => {
  it('serves its API on loopback and logs through the app’s logger', async () => {
    const dir = await tempDir();
    const log = capturingLogger();
    try {
      const { engine, url } = await serveEngine(testConfig(dir.path), log.logger);
      try {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        const response = await fetch(new URL('/health', url));
        expect(response.status).toBe(200);
        expect(engine.logger).toBe(log.logger);
        expect(log.lines.some((line) => line.msg.includes('Server listening'))).toBe(true);
      } finally {
        await engine.close();
      }
    } finally {
      await dir.remove();
    }
  });

  it('names the setting to change when the port is taken, and releases the engine', async () => {
    const dir = await tempDir();
    const log = capturingLogger();
    try {
      const first = await serveEngine(testConfig(dir.path), log.logger);
      try {
        const port = new URL(first.url).port;
        const second = serveEngine(testConfig(dir.path, { OPTIBID_PORT: port }), log.logger);
        await expect(second).rejects.toThrow(StartupError);
        await expect(second).rejects.toThrow(/OPTIBID_PORT: port \d+ on 127\.0\.0\.1 is already in use/);
      } finally {
        await first.engine.close();
      }
    } finally {
      await dir.remove();
    }
  });
});
