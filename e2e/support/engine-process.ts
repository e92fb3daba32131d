import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineChild } from '../../main/testing/engine-process.js';

export { repoRoot } from '../../main/testing/engine-process.js';
const READY_LINE = /OptiBid Terminal \(browser mode\) is running at (http:\/\/\S+)/;

export interface EngineProcess {
  url: string;
  /** Everything the engine printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface BrowserModeOptions {
  /** Reuse a data directory (a restart); it is then the caller's to remove. */
  dataDir?: string;
  /** A fixed port (a restart where the page expects it); a free one otherwise. */
  port?: number;
  /** Terminal settings of this run, e.g. a faster simulator tick. */
  settings?: Record<string, string>;
}

/** Runs `optibid start` from dist/ on a free port with a throwaway data directory. */
export async function startBrowserMode({ dataDir: givenDataDir, port = 0, settings = {} }: BrowserModeOptions = {}): Promise<EngineProcess> {
  const dataDir = givenDataDir ?? (await mkdtemp(join(tmpdir(), 'optibid-e2e-data-')));
  const removeDataDir = async (): Promise<void> => {
    if (!givenDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const child = await startEngineChild({ args: ['start', '--browser', '--no-open', '--port', String(port)], readyLine: READY_LINE, dataDir, settings });
    return {
      url: child.url,
      output: () => child.output(),
      stop: async () => {
        await child.stop();
        await removeDataDir();
      },
    };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}
