import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { configFileVariable, settings } from '../engine/config/settings.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** An engine run from dist/ as its own operating-system process. */
export interface EngineChild {
  url: string;
  pid: number;
  /** Everything the engine printed, for failure messages. */
  output(): string;
  /** SIGTERM (the engine closes cleanly), SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** kill -9: no handler runs, nothing is flushed; resolves once the process is gone. */
  kill(): Promise<void>;
}

export interface EngineChildOptions {
  /** The CLI's arguments, e.g. ['serve', '--port', '0']. */
  args: readonly string[];
  /** The line the command prints once it serves; its first group is the URL. */
  readyLine: RegExp;
  dataDir: string;
  /** Terminal settings of this run (DATABASE_URL, timeouts). */
  settings?: Record<string, string>;
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

function waitForUrl(child: ChildProcess, readyLine: RegExp, output: () => string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the engine did not report its URL within ${START_TIMEOUT_MS / 1000} s; output:\n${output()}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      const match = readyLine.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the engine exited (${signal ?? `code ${code}`}) before it was ready; output:\n${output()}`));
    });
  });
}

async function signal(child: ChildProcess, name: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(name);
  const timer = name === 'SIGTERM' ? setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS) : null;
  await exited;
  if (timer) clearTimeout(timer);
}

/** Runs `node dist/main/cli.js ...args` and resolves once it prints its ready line. */
export async function startEngineChild({ args, readyLine, dataDir, settings: given = {} }: EngineChildOptions): Promise<EngineChild> {
  const child = spawn(process.execPath, ['dist/main/cli.js', ...args], { cwd: repoRoot, env: { ...isolatedEnv(dataDir), ...given }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  const stop = (): Promise<void> => signal(child, 'SIGTERM');
  try {
    const url = await waitForUrl(child, readyLine, () => printed);
    if (child.pid === undefined) throw new Error('the engine process has no pid');
    return { url, pid: child.pid, output: () => printed, stop, kill: () => signal(child, 'SIGKILL') };
  } catch (error) {
    await stop();
    throw error;
  }
}
