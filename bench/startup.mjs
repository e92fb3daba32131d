import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { row, summary } from './figures.mjs';

const STOP_TIMEOUT_MS = 5_000;

const RUNS = 10;
const POLL_MS = 5;
const GIVE_UP_MS = 10_000;
const TARGET_MS = 1000;
const TARGET_RATIO = 3;
const LISTENING = /listening on (http:\/\/\S+)/;

const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = join(root, 'dist/main/cli.js');
const bareFastify = fileURLToPath(new URL('bare-fastify.mjs', import.meta.url));

/**
 * The inherited environment without any variable the engine reads, so a DATABASE_URL or
 * config file in the developer's shell cannot move the benchmark off the SQLite default.
 */
export async function defaultsEnv() {
  const { settings, configFileVariable } = await import(pathToFileURL(join(root, 'dist/main/engine/config/settings.js')).href);
  const engineReads = new Set([...Object.values(settings), configFileVariable].map((setting) => setting.env));
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !engineReads.has(name)));
}

const running = (child) => child.exitCode === null && child.signalCode === null;

export function listeningUrl(child, deadline) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${GIVE_UP_MS} ms`)), deadline - performance.now());
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = LISTENING.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${signal ?? `code ${code}`} before listening`));
    });
  });
}

/** Resolves with the time the first 200 arrived (before its body is read). */
async function firstHealthy(url, child, deadline) {
  let last = 'no answer';
  while (running(child) && performance.now() < deadline) {
    try {
      const response = await fetch(url);
      const at = performance.now();
      await response.arrayBuffer();
      if (response.status === 200) return at;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`GET ${url} never answered 200 (last: ${last})`);
}

/** SIGTERM, then SIGKILL if the process has not gone within STOP_TIMEOUT_MS. */
export async function stop(child) {
  if (!running(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Milliseconds from just before spawning `node ...args` to its first /health 200. */
async function timeStartup(name, args, env) {
  const start = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  try {
    const deadline = start + GIVE_UP_MS;
    const url = await listeningUrl(child, deadline);
    return (await firstHealthy(new URL('health', url), child, deadline)) - start;
  } catch (error) {
    throw new Error(`${name} never became healthy: ${error.message}${stderr ? `\n${stderr.trimEnd()}` : ''}`, { cause: error });
  } finally {
    await stop(child);
  }
}

async function timeEngine(env) {
  const dataDir = await mkdtemp(join(tmpdir(), 'optibid-bench-'));
  try {
    return await timeStartup('optibid serve', [cli, 'serve', '--port', '0'], { ...env, OPTIBID_DATA_DIR: dataDir, OPTIBID_LOG_LEVEL: 'warn' });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const timeBare = () => timeStartup('bare fastify', [bareFastify], process.env);

const verdict = (met) => (met ? 'met' : 'NOT met');

/** Start-up of `optibid serve` on the SQLite default against a bare Fastify app, runs interleaved. */
export default async function startup() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx tsc -b), or use npm run bench, which builds`);
  const env = await defaultsEnv();

  // One discarded run each warms the disk cache and fetch's lazily loaded HTTP client.
  await timeEngine(env);
  await timeBare();
  const engineTimes = [];
  const bareTimes = [];
  for (let run = 0; run < RUNS; run++) {
    engineTimes.push(await timeEngine(env));
    bareTimes.push(await timeBare());
  }

  const engine = summary(engineTimes);
  const bare = summary(bareTimes);
  const ratio = engine.median / bare.median;
  console.log(`startup: spawn -> first /health 200 (median of ${RUNS} after 1 warm-up; each engine run creates and migrates a fresh SQLite file)`);
  console.log(row('optibid serve', engine));
  console.log(row('bare fastify', bare));
  console.log(`  ratio ${ratio.toFixed(2)}x   target <${TARGET_MS} ms: ${verdict(engine.median < TARGET_MS)}   target <=${TARGET_RATIO}x bare: ${verdict(ratio <= TARGET_RATIO)}`);
}
