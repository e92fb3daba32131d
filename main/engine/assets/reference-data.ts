import type { Databases } from '../db/databases.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Store } from '../db/store.js';

/**
 * Where an organisation's reference data (sites, assets) is read and written: reads fall back to
 * the local cache while the shared database is out of reach; writes need the shared database,
 * and the cache takes each one at once so the trader can read it offline later.
 */
export class ReferenceData {
  /** The source of truth: every write goes here. */
  readonly store: Store;

  constructor(
    private readonly databases: Pick<Databases, 'primary' | 'read'>,
    /** Copies the organisation's sites and assets into the local cache (with a shared database). */
    private readonly copyToCache: ((organizationId: string) => Promise<void>) | null,
  ) {
    this.store = databases.primary;
  }

  read<T>(query: (store: Store) => Promise<T>): Promise<T> {
    return this.databases.read(query);
  }

  /** One write in a transaction on the source of truth, then the cache takes the result. */
  async write<T>(organizationId: string, work: (r: Repositories) => Promise<T>): Promise<T> {
    const result = await this.store.transaction(work);
    await this.copyToCache?.(organizationId);
    return result;
  }
}
