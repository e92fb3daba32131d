import type { EngineConfig } from '../engine/config/load.js';
import { createPgStore } from '../engine/db/open-stores.js';
import { SqliteStore } from '../engine/db/sqlite/sqlite-store.js';
import type { Store } from '../engine/db/store.js';
import { StartupError } from '../engine/startup-error.js';

/** The database the terminal serves from: PostgreSQL with DATABASE_URL, the SQLite file without. */
export async function withPrimaryStore<T>(config: EngineConfig, work: (store: Store) => Promise<T>): Promise<T> {
  const store: Store = config.databaseUrl ? await createPgStore(config.databaseUrl, config.db, () => undefined) : new SqliteStore(config.sqlitePath);
  try {
    const state = await store.migrationState();
    if (state.pending.length > 0) throw new StartupError(`${store.dialect} ${store.target} is not migrated (pending: ${state.pending.join(', ')}); run optibid migrate first`);
    return await work(store);
  } finally {
    await store.close();
  }
}
