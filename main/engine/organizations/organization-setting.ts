import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { organizationAccess } from '../auth/organization-access.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { Repositories } from '../db/repositories/index.js';

/**
 * One key of organizations.settings, an object: its schema, the value an organisation has until an admin
 * sets one, and how a checked value is made canonical (or refused) before it is stored.
 */
export interface OrganizationSetting<T extends TObject> {
  readonly key: string;
  readonly schema: T;
  readonly fallback: Static<T>;
  /** What the audit trail calls a change of it: `<action>.update`. */
  readonly auditAction: string;
  /** The value as stored; throws a validation AppError for one the schema cannot refuse. */
  readonly canonical?: (value: Static<T>) => Static<T>;
}

/** The organisation's value of the setting; the fallback when none (or none valid) is stored. */
export async function settingOf<T extends TObject>(r: Pick<Repositories, 'organizations'>, organizationId: string, setting: OrganizationSetting<T>): Promise<Static<T>> {
  const stored = (await r.organizations.settings(organizationId))[setting.key];
  return Value.Check(setting.schema, stored) ? stored : setting.fallback;
}

/**
 * An organisation setting every member reads and owners and admins set. Reads go through the
 * databases' read path, so a terminal that has lost the shared database still answers with the
 * copy in its cache; a change is made on the shared database only, with an audit row.
 */
export class OrganizationSettingService<T extends TObject> {
  constructor(
    private readonly databases: Pick<Databases, 'primary' | 'read'>,
    private readonly clock: Clock,
    private readonly setting: OrganizationSetting<T>,
    /** Told after a change is stored: copies of it and what is computed from it are out of date. */
    private readonly changed: ((organizationId: string) => void | Promise<void>) | null = null,
  ) {}

  async get(caller: Caller): Promise<Static<T>> {
    return this.databases.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller, 'viewer');
      return settingOf(store, organizationId, this.setting);
    });
  }

  async set(caller: Caller, value: Static<T>, request: RequestContext): Promise<Static<T>> {
    const stored = this.setting.canonical ? this.setting.canonical(value) : value;
    const store = this.databases.primary;
    const { organizationId } = await organizationAccess(store, caller, 'admin');
    await store.transaction(async (r) => {
      const before = await settingOf(r, organizationId, this.setting);
      await r.organizations.putSetting(organizationId, this.setting.key, stored, this.clock.now());
      await recordAudit(
        r,
        this.clock,
        { ...actorOf(caller), organizationId, action: `${this.setting.auditAction}.update`, resourceType: 'organization', resourceId: organizationId, before: { ...before }, after: { ...stored } },
        request,
      );
    });
    await this.changed?.(organizationId);
    return stored;
  }
}
