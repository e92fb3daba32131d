import { spawn } from 'node:child_process';
import { scrypt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cli, defaultsEnv, listeningUrl, stop } from './startup.mjs';

const CLIENTS = 10;
const DURATION_MS = 10_000;
const HASH_SAMPLES = 5;
const PASSWORD = 'correct horse battery staple';
// The engine's parameters (main/engine/auth/passwords.ts): scrypt N=2^17, r=8, p=1, 64-byte key.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 2 * 128 * 2 ** 17 * 8 };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** One password hash alone, in this process: the floor under a login's latency. */
async function hashAlone() {
  const derive = promisify(scrypt);
  const times = [];
  for (let i = 0; i < HASH_SAMPLES; i++) {
    const start = performance.now();
    await derive(PASSWORD, 'a-sixteen-byte-s', 64, SCRYPT);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(HASH_SAMPLES / 2)];
}

async function post(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

/** `CLIENTS` clients signing in back to back for `DURATION_MS` against `optibid serve` on SQLite. */
async function loginLoad(baseUrl) {
  const login = new URL('api/auth/login', baseUrl);
  const emails = Array.from({ length: CLIENTS }, (_, i) => `bench-${i}@desk.example`);
  for (const email of emails) {
    const status = await post(new URL('api/auth/register', baseUrl), { email, password: PASSWORD, displayName: 'Bench' });
    if (status !== 201) throw new Error(`register answered HTTP ${status}`);
  }
  const latencies = [];
  const failures = new Map();
  const end = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    emails.map(async (email) => {
      while (performance.now() < end) {
        const start = performance.now();
        const status = await post(login, { email, password: PASSWORD });
        if (status === 200) latencies.push(performance.now() - start);
        else failures.set(status, (failures.get(status) ?? 0) + 1);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, failures };
}

export default async function auth() {
  const dataDir = await mkdtemp(join(tmpdir(), 'optibid-bench-auth-'));
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env: { ...(await defaultsEnv()), OPTIBID_DATA_DIR: dataDir, OPTIBID_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await listeningUrl(child, performance.now() + 10_000);
    const hashMs = await hashAlone();
    const { latencies, seconds, failures } = await loginLoad(url);
    const cores = availableParallelism();
    console.log(`auth: POST /api/auth/login, ${CLIENTS} concurrent clients for ${DURATION_MS / 1000} s (SQLite, ${cores} cores)`);
    console.log(`  logins        ${(latencies.length / seconds).toFixed(1)}/s   p50 ${percentile(latencies, 50).toFixed(0)} ms   p99 ${percentile(latencies, 99).toFixed(0)} ms   (${latencies.length} ok${failures.size ? `, failed: ${JSON.stringify(Object.fromEntries(failures))}` : ''})`);
    console.log(`  hash alone    ${hashMs.toFixed(0)} ms per scrypt hash: at most ${(cores / (hashMs / 1000)).toFixed(1)} logins/s on ${cores} cores (the floor a login cannot beat)`);
  } finally {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}
