import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../engine/logging/logger.js';
import { tempDir } from '../../testing/environment.js';
import { openLogFile } from './log-file.js';

const waitForOpen = (file: ReturnType<typeof openLogFile>): Promise<void> =>
  new Promise((resolve) => (file.destination as unknown as { once(event: 'ready', listener: () => void): void }).once('ready', resolve));

describe('the desktop app’s log file', () => {
  it('receives the engine’s JSON log lines under <userData>/logs, flushed on demand', async () => {
    const dir = await tempDir();
    try {
      const file = openLogFile(join(dir.path, 'logs'));
      await waitForOpen(file);
      const logger = createLogger('info', file.destination);
      logger.info({ zone: 'DE_LU' }, 'engine started');
      logger.debug('below the level');
      file.flush();
      const lines = (await readFile(file.path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(file.path).toBe(join(dir.path, 'logs', 'optibid.log'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: 'engine started', zone: 'DE_LU', app: 'optibid-engine' });
    } finally {
      await dir.remove();
    }
  });

  it('starts a new file when the last one grew too large, keeping the previous one', async () => {
    const dir = await tempDir();
    try {
      await writeFile(join(dir.path, 'optibid.log'), 'x'.repeat(2000));
      const file = openLogFile(dir.path, 1000);
      await waitForOpen(file);
      createLogger('info', file.destination).info('fresh');
      file.flush();
      expect(await readFile(join(dir.path, 'optibid.1.log'), 'utf8')).toHaveLength(2000);
      expect(await readFile(file.path, 'utf8')).toMatch(/"msg":"fresh"/);

      // Below the limit the file is appended to.
      const again = openLogFile(dir.path, 1000);
      await waitForOpen(again);
      createLogger('info', again.destination).info('appended');
      again.flush();
      expect((await readFile(file.path, 'utf8')).trim().split('\n')).toHaveLength(2);
    } finally {
      await dir.remove();
    }
  });
});
