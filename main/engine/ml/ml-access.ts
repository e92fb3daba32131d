import type { Role } from '../../../shared/api/auth.js';
import type { Caller } from '../auth/caller.js';
import { organizationAccess } from '../auth/organization-access.js';
import type { Databases } from '../db/databases.js';
import type { Store } from '../db/store.js';
import { needsSharedDatabase } from './ml-errors.js';

/**
 * Who may use the forecasting routes, and on which database: the organisation's members read
 * its models (viewer), analysts and above train, predict, compare, import and delete. The
 * registry lives in the source of truth only (see needsSharedDatabase).
 */
export class MlAccess {
  constructor(private readonly databases: Pick<Databases, 'primary' | 'primaryOnline'>) {}

  async of(caller: Caller, atLeast: Role): Promise<{ store: Store; organizationId: string }> {
    if (!this.databases.primaryOnline) throw needsSharedDatabase();
    const store = this.databases.primary;
    const { organizationId } = await organizationAccess(store, caller, atLeast);
    return { store, organizationId };
  }
}
