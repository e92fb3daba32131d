import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../shared/api/health.js';
import { appRoot } from './engine/app-paths.js';
import Database from 'better-sqlite3';
import { createEngine } from './engine/engine.js';
import { tempDir, testConfig, type TempDir } from './testing/environment.js';
import { createTestDatabase } from './testing/postgres.js';

// The built CLI, as `npm run serve` and `optibid` run it (npm test builds before testing).
const CLI = join(appRoot, 'dist', 'main', 'cli.js');

function run(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPTIBID_') && k !== 'DATABASE_URL'));
  return spawn(process.execPath, [CLI, ...args], { env: { ...clean, ...env } });
}

async function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

function firstLineMatching(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

describe('optibid command line', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('serve listens on 127.0.0.1 only, on a free port with --port 0, prints the URL and stops cleanly on SIGTERM', async () => {
    const child = run(['serve', '--port', '0'], { OPTIBID_DATA_DIR: dir.path, OPTIBID_LOG_LEVEL: 'warn' });
    const [, url, port] = await firstLineMatching(child, /^OptiBid Terminal API listening on (http:\/\/127\.0\.0\.1:(\d+)\/)$/);
    expect(Number(port)).toBeGreaterThan(0);
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    expect((await health.json()) as HealthReport).toMatchObject({ status: 'ok' });
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exit)[0]).toBe(0);
  });

  it('stops on a bad configuration with one line per problem and exit code 2', async () => {
    const result = await finished(run(['serve'], { OPTIBID_DATA_DIR: dir.path, OPTIBID_PORT: 'http', OPTIBID_LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x/y' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'OPTIBID_PORT: "http" is not an integer; expected an integer from 0 to 65535',
      'DATABASE_URL: "mysql://x/y" has the unsupported scheme mysql:; expected a URL starting with postgres:// or postgresql://',
      'OPTIBID_LOG_LEVEL: "loud" is not an allowed value; expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('refuses an unknown command with usage guidance', async () => {
    const result = await finished(run(['serv'], { OPTIBID_DATA_DIR: dir.path }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('optibid: unknown command "serv"; expected start, serve, migrate, audit, admin, config-docs or help');
  });

  it('migrate brings the SQLite file and PostgreSQL up to date, and a second run finds nothing to do', async () => {
    const pg = await createTestDatabase();
    try {
      const env = { OPTIBID_DATA_DIR: dir.path, DATABASE_URL: pg.url };
      const first = await finished(run(['migrate'], env));
      expect(first.code, first.stderr).toBe(0);
      const lines = first.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^sqlite .*optibid\.sqlite: at 007_alert_rules \(7 applied, 0 pending\)$/);
      expect(lines[1]).toMatch(/^postgres postgres:\/\/postgres@127\.0\.0\.1:\d+\/optibid_test_\w+: at 006_alert_rules \(6 applied, 0 pending\)$/);
      const second = await finished(run(['migrate'], env));
      expect(second.stdout).toBe(first.stdout);
    } finally {
      await pg.drop();
    }
  });

  it('admin grant promotes a user, and audit verify reports an intact chain, then the first broken row', async () => {
    const engine = await createEngine(testConfig(dir.path));
    const register = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'first@desk.example', password: 'correct horse battery staple', displayName: 'First' } });
    expect(register.statusCode).toBe(201);
    await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'second@desk.example', password: 'correct horse battery staple', displayName: 'Second' } });
    await engine.close();
    const env = { OPTIBID_DATA_DIR: dir.path };

    const granted = await finished(run(['admin', 'grant', 'Second@desk.example'], env));
    expect([granted.code, granted.stdout.trim()]).toEqual([0, 'second@desk.example is now a platform administrator']);
    const missing = await finished(run(['admin', 'grant', 'nobody@desk.example'], env));
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'No account for nobody@desk.example']);

    const intact = await finished(run(['audit', 'verify'], env));
    expect([intact.code, intact.stdout.trim()]).toEqual([0, 'audit chain intact: 5 rows verified']);
    const raw = new Database(join(dir.path, 'optibid.sqlite'));
    raw.prepare('DELETE FROM audit_logs WHERE seq = 2').run();
    raw.close();
    const broken = await finished(run(['audit', 'verify'], env));
    expect([broken.code, broken.stdout.trim()]).toEqual([1, expect.stringMatching(/^audit chain BROKEN at seq 3 \(id [0-9a-f-]{36}\): a row before it is missing, moved or changed$/)]);
  });

  it('migrate fails clearly when PostgreSQL cannot be reached', async () => {
    const result = await finished(run(['migrate'], { OPTIBID_DATA_DIR: dir.path, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', OPTIBID_DB_CONNECT_TIMEOUT_MS: '500' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("postgres postgres://nobody@127.0.0.1:1/none: connect ECONNREFUSED 127.0.0.1:1");
  });
});
