import { describe, expect, it } from 'vitest';
import { capturingLogger, tempDir, testConfig } from '../testing/environment.js';
import { listen } from './listen.js';
import { StartupError } from './startup-error.js';

describe('listen: the engine serving its API', () => {
  it('serves on loopback and logs through the logger it is given (the desktop app’s log file)', async () => {
    const dir = await tempDir();
    const log = capturingLogger();
    try {
      const { engine, url } = await listen(testConfig(dir.path), { logger: log.logger });
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
      const first = await listen(testConfig(dir.path), { logger: log.logger });
      try {
        const port = new URL(first.url).port;
        const second = listen(testConfig(dir.path, { OPTIBID_PORT: port }), { logger: log.logger });
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
