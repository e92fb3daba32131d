import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../shared/api/health.js';
import { appRoot } from './engine/app-paths.js';
import Database from 'better-sqlite3';
import { createEngine } from './engine/engine.js';
import { backends } from './testing/backends.js';
import { tempDir, testConfig, type TempDir } from './testing/environment.js';
import { createTestDatabase } from './testing/postgres.js';
import pg from 'pg';

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
    expect(result.stderr.trim()).toBe('optibid: unknown command "serv"; expected start, serve, migrate, audit, admin, import, config-docs or help');
  });

  it('migrate brings the SQLite file and PostgreSQL up to date, and a second run finds nothing to do', async () => {
    const pg = await createTestDatabase();
    try {
      const env = { OPTIBID_DATA_DIR: dir.path, DATABASE_URL: pg.url };
      const first = await finished(run(['migrate'], env));
      expect(first.code, first.stderr).toBe(0);
      const lines = first.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^sqlite .*optibid\.sqlite: at 009_ml_models_terminal \(9 applied, 0 pending\)$/);
      expect(lines[1]).toMatch(/^postgres postgres:\/\/postgres@127\.0\.0\.1:\d+\/optibid_test_\w+: at 009_ml_models_terminal \(9 applied, 0 pending\)$/);
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

  describe.each(backends)('import prices on $dialect', ({ prepare }) => {
    const ENTSOE_HEADER = ',Price_DA,Load_DA,Load_AC,Gen_SC,Sol_DA,Won_DA';
    // Three days of Berlin local hours around the spring clock change (3/31/2019 has no 2:00).
    const days = ['3/30/2019', '3/31/2019', '4/1/2019'].flatMap((date) => Array.from({ length: 24 }, (_, hour) => `${date} ${String(hour)}:00,${String(30 + hour)}.5,40000,0,50000,0,9000`));

    const countRows = async (env: Record<string, string>): Promise<number> => {
      const sql = "SELECT count(*) AS n FROM market_data WHERE zone_id = 'DE_LU' AND market = 'day_ahead'";
      if (!env.DATABASE_URL) {
        const raw = new Database(join(dir.path, 'optibid.sqlite'), { readonly: true });
        try {
          return (raw.prepare(sql).get() as { n: number }).n;
        } finally {
          raw.close();
        }
      }
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
      } finally {
        await client.end();
      }
    };

    it('loads a file with progress and a summary, replaces the same rows on a second run, and refuses a malformed file whole', async () => {
      const database = await prepare();
      try {
        const env = { OPTIBID_DATA_DIR: dir.path, ...database.env };
        expect((await finished(run(['migrate'], env))).code).toBe(0);
        const good = join(dir.path, 'de.csv');
        await writeFile(good, [ENTSOE_HEADER, ...days, ',,,,,,'].join('\n'));

        const first = await finished(run(['import', 'prices', good, '--zone', 'de_lu'], env));
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout.trim().split('\n').slice(0, -1)).toEqual([
          `Imported 71 hourly day-ahead prices of DE_LU from ${good} (ENTSO-E format, timestamps in DE_LU's local time, Europe/Berlin)`,
          '  first: 2019-03-29T23:00:00Z (2019-03-30 00:00 +01:00 Europe/Berlin)',
          '  last:  2019-04-01T21:00:00Z (2019-04-01 23:00 +02:00 Europe/Berlin)',
          '  gaps: none',
          '  skipped: 1 non-existent local hour (line 28), 0 duplicate hours, 1 blank row',
          '  prices rounded to the cent: 0',
          '  columns not stored: none',
        ]);
        expect(first.stdout.trim().split('\n').at(-1)).toMatch(/^ {2}took \d+\.\d s$/);
        // stderr is a pipe here: one progress line per tenth rather than a redrawn bar.
        expect(first.stderr).toBe('writing DE_LU: 100% (71/71)\n');
        const again = await finished(run(['import', 'prices', good, '--zone', 'DE_LU'], env));
        expect(again.code, again.stderr).toBe(0);
        expect(await countRows(env)).toBe(71);

        const bad = join(dir.path, 'bad.csv');
        await writeFile(bad, [ENTSOE_HEADER, ...days.slice(0, 30), '3/31/2019 6:00,cheap,1,1,1,1,1', ...days.slice(31)].join('\n'));
        const refused = await finished(run(['import', 'prices', bad, '--zone', 'DE_LU'], env));
        expect([refused.code, refused.stdout, refused.stderr.trim().split('\n')]).toEqual([1, '', [`${bad}: not imported (1 problem; nothing was written)`, `${bad}:32: Price_DA "cheap" is not a number`]]);
        expect(await countRows(env)).toBe(71);
      } finally {
        await database.drop();
      }
    });
  });

  it('import prices refuses an unknown zone and a missing argument with usage guidance', async () => {
    const unknown = await finished(run(['import', 'prices', 'any.csv', '--zone', 'ATLANTIS'], { OPTIBID_DATA_DIR: dir.path }));
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, expect.stringMatching(/^--zone: "ATLANTIS" is not a market zone; expected one of DE_LU, FR, .*PJM$/)]);
    const missing = await finished(run(['import', 'prices', 'any.csv'], { OPTIBID_DATA_DIR: dir.path }));
    expect([missing.code, missing.stderr.trim()]).toEqual([2, 'optibid import: expected "optibid import prices FILE --zone ZONE"']);
  });
});
