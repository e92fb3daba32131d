import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFileVariable, settings } from '../../main/engine/config/settings.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const READY_LINE = /OptiBid Terminal \(browser mode\) is running at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface EngineProcess {
  url: string;
  /** Everything the engine printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The environment of the engine under test: the caller's, minus every terminal setting, so a
 * developer's DATABASE_URL or REDIS_URL cannot turn this into a test of their own setup.
 */
function isolatedEnv(dataDir: string): NodeJS.ProcessEnv {
  const terminalSettings = new Set([...Object.values(settings).map((s) => s.env), configFileVariable.env]);
  const others = Object.entries(process.env).filter(([name]) => !terminalSettings.has(name));
  return { ...Object.fromEntries(others), OPTIBID_DATA_DIR: dataDir, OPTIBID_LOG_LEVEL: 'warn' };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`browser mode did not report its URL within ${START_TIMEOUT_MS / 1000} s; output:\n${output()}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      const match = READY_LINE.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${signal ?? `code ${code}`}) before it was ready; output:\n${output()}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
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
  const child = spawn(process.execPath, ['dist/main/cli.js', 'start', '--browser', '--no-open', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...isolatedEnv(dataDir), ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  const stop = async (): Promise<void> => {
    await stopChild(child);
    if (!givenDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child, () => printed);
    return { url, output: () => printed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
