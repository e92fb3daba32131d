import type { Static, TObject } from '@sinclair/typebox';
import type { OrganizationSettingKey } from '../../../shared/api/organizations.js';
import type { Logger } from 'pino';
import { Value } from '@sinclair/typebox/value';
import { organizationAccess } from '../auth/organization-access.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { Repositories } from '../db/repositories/index.js';
import { AppError } from '../http/app-error.js';
import type { EventHub } from '../stream/event-hub.js';

/**
 * One key of organizations.settings, an object: its schema, the value an organisation has until an admin
 * sets one, and how a checked value is made canonical (or refused) before it is stored.
 */
export interface OrganizationSetting<T extends TObject> {
  readonly key: OrganizationSettingKey;
  readonly schema: T;
  readonly fallback: Static<T>;
  /** What the audit trail calls a change of it: `<action>.update`. */
  readonly auditAction: string;
  /** The value as stored; throws a validation AppError for one the schema cannot refuse. */
  readonly canonical?: (value: Static<T>) => Static<T>;
}

/**
 * The organisation's value of the setting; the fallback when none (or none valid) is stored. A
 * stored value this terminal cannot take (a time zone its platform does not know, one written
 * by hand) counts as not set, so every reader here agrees with what is computed from it.
 */
export async function settingOf<T extends TObject>(r: Pick<Repositories, 'organizations'>, organizationId: string, setting: OrganizationSetting<T>): Promise<Static<T>> {
  const stored = (await r.organizations.settings(organizationId))[setting.key];
  if (!Value.Check(setting.schema, stored)) return setting.fallback;
  try {
    return setting.canonical ? setting.canonical(stored) : stored;
  } catch (error) {
    if (error instanceof AppError) return setting.fallback;
    throw error;
  }
}

/**
 * An organisation setting every member reads and owners and admins set. Reads go through the
 * databases' read path, so a terminal that has lost the shared database still answers with the
 * copy in its cache; a change is made on the shared database only, with an audit row, then
 * written to this terminal's cache as stored (not read back: a read could meet an older value,
 * or find the database gone again), so it holds here offline even before the next refresh, and
 * announced to the organisation as an `organization-setting` event.
 */
export class OrganizationSettingService<T extends TObject> {
  constructor(
    private readonly databases: Pick<Databases, 'primary' | 'local' | 'read'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly setting: OrganizationSetting<T>,
    private readonly events: Pick<EventHub, 'publish'>,
  ) {}

  async get(caller: Caller): Promise<Static<T>> {
    return this.databases.read(async (store) => {
      const { organizationId } = await organizationAccess(store, caller, 'viewer');
      return settingOf(store, organizationId, this.setting);
    });
  }

  async set(caller: Caller, value: Static<T>, request: RequestContext): Promise<Static<T>> {
    const { primary, local } = this.databases;
    const { organizationId } = await organizationAccess(primary, caller, 'admin');
    const stored = this.setting.canonical ? this.setting.canonical(value) : value;
    await primary.transaction(async (r) => {
      const before = await settingOf(r, organizationId, this.setting);
      await r.organizations.putSetting(organizationId, this.setting.key, stored, this.clock.now());
      await recordAudit(
        r,
        this.clock,
        { ...actorOf(caller), organizationId, action: `${this.setting.auditAction}.update`, resourceType: 'organization', resourceId: organizationId, before: { ...before }, after: { ...stored } },
        request,
      );
    });
    if (local !== primary) {
      await local.organizations.putSetting(organizationId, this.setting.key, stored, this.clock.now()).catch((error: unknown) => {
        this.logger.warn({ err: error, organizationId, setting: this.setting.key }, 'A changed organisation setting could not be written to the local cache; the next refresh copies it');
      });
    }
    // The organisation's open terminals (here, and through Redis elsewhere) read it again.
    this.events.publish('organization-setting', { organizationId, setting: this.setting.key, at: this.clock.now().toISOString() }, { kind: 'organization', organizationId });
    return stored;
  }
}
