import type { MigrationState } from '../../../shared/api/health.js';
import type { EngineConfig } from '../config/load.js';
import type { PgStore } from './postgres/pg-store.js';
import type { Store } from './store.js';
import type { ZoneCatalogue } from './zone-catalogue.js';

/**
 * The PostgreSQL store of DATABASE_URL, with the engine's pool settings. pg is imported here,
 * on demand, so the embedded default (SQLite only) does not load it at start-up.
 */
export async function createPgStore(databaseUrl: string, db: EngineConfig['db'], onPoolError: (error: Error) => void): Promise<PgStore> {
  const { PgStore } = await import('./postgres/pg-store.js');
  return new PgStore({
    url: databaseUrl,
    poolMax: db.poolMax,
    connectTimeoutMs: db.connectTimeoutMs,
    queryTimeoutMs: db.queryTimeoutMs,
    onPoolError,
  });
}

/** Brings a database up to this build: pending migrations, then the zone catalogue. */
export async function prepareStore(store: Store, catalogue: ZoneCatalogue): Promise<MigrationState> {
  const state = await store.migrate();
  await store.zones.upsertCatalogue(catalogue.zones, catalogue.version);
  return state;
}
