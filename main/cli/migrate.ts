import type { MigrationState } from '../../shared/api/health.js';
import type { EngineConfig } from '../engine/config/load.js';
import { createPgStore, prepareStore } from '../engine/db/open-stores.js';
import { SqliteStore } from '../engine/db/sqlite/sqlite-store.js';
import type { Store } from '../engine/db/store.js';
import { loadZoneCatalogue } from '../engine/db/zone-catalogue.js';
import { MigrationError } from '../engine/db/migrations.js';
import { StartupError } from '../engine/startup-error.js';

const describe = (store: Store, state: MigrationState): string =>
  `${store.dialect} ${store.target}: at ${state.current ?? 'no migration'} (${state.applied.length} applied, ${state.pending.length} pending)`;

/**
 * `optibid migrate`: brings the local SQLite file and, when DATABASE_URL is set, the shared
 * PostgreSQL up to this build. Unlike start-up, an unreachable PostgreSQL is an error here.
 */
export async function migrate(config: EngineConfig, print: (line: string) => void): Promise<void> {
  const catalogue = loadZoneCatalogue();
  const stores: Store[] = [new SqliteStore(config.sqlitePath)];
  if (config.databaseUrl) {
    stores.push(await createPgStore(config.databaseUrl, config.db, (error) => print(`PostgreSQL connection error: ${error.message}`)));
  }
  try {
    for (const store of stores) {
      try {
        print(describe(store, await prepareStore(store, catalogue)));
      } catch (error) {
        if (error instanceof MigrationError || !(error instanceof Error)) throw error;
        throw new StartupError(`${store.dialect} ${store.target}: ${error.message}`);
      }
    }
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}
