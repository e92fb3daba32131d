import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '../../../shared/api/api-keys.js';
import { hasRole } from '../../../shared/auth/roles.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, sessionOf, type Caller } from '../auth/caller.js';
import { hashToken } from '../auth/secret-tokens.js';
import type { Clock } from '../clock.js';
import type { ApiKeyRecord } from '../db/repositories/api-key-repository.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';

/** Keys look like `obk_<12 hex>_<43 base64url>`: the first part finds the row, the whole is hashed. */
const KEY_FORMAT = /^(obk_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export const isApiKey = (value: string): boolean => value.startsWith('obk_');

const view = (key: ApiKeyRecord): ApiKey => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  role: key.role,
  createdAt: key.createdAt.toISOString(),
  expiresAt: key.expiresAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

const invalidKey = (): AppError => new AppError('authentication_error', 'TOKEN_INVALID', 'The API key is not valid');

/**
 * API keys for scripts and other tools: made by an organisation's administrators for that
 * organisation, with a role no higher than their own; the secret is shown once and stored only
 * as a hash. A key acts on behalf of the administrator who made it.
 */
export class ApiKeyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private async adminOrganization(caller: Caller): Promise<string> {
    const organizationId = caller.organizationId;
    const role = organizationId ? await this.store.organizations.roleOf(caller.userId, organizationId) : null;
    if (!organizationId || !role) throw new AppError('authorization_error', 'ORGANIZATION_REQUIRED', 'Choose an organisation first: API keys belong to one');
    if (!hasRole(role, 'admin')) throw new AppError('authorization_error', 'ROLE_REQUIRED', 'This needs the admin role or higher in the organisation', { role: 'admin' });
    return organizationId;
  }

  async create(caller: Caller, body: CreateApiKeyBody, context: RequestContext): Promise<CreatedApiKey> {
    sessionOf(caller);
    const organizationId = await this.adminOrganization(caller);
    const callerRole = await this.store.organizations.roleOf(caller.userId, organizationId);
    if (!callerRole || !hasRole(callerRole, body.role)) throw new AppError('authorization_error', 'ROLE_TOO_HIGH', `A key cannot have a higher role than yours (${String(callerRole)})`, { field: 'body.role' });
    const prefix = `obk_${randomBytes(6).toString('hex')}`;
    const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const record: Omit<ApiKeyRecord, 'revokedAt'> = {
      id: randomUUID(),
      organizationId,
      createdBy: caller.userId,
      name: body.name.trim(),
      prefix,
      secretHash: hashToken(key),
      role: body.role,
      createdAt: now,
      expiresAt: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * DAY_MS) : null,
    };
    await this.store.transaction(async (r) => {
      await r.apiKeys.insert(record);
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'api_key.create', resourceType: 'api_key', resourceId: record.id, after: { name: record.name, role: record.role, prefix } }, context);
    });
    return { ...view({ ...record, revokedAt: null }), key };
  }

  async list(caller: Caller): Promise<ApiKey[]> {
    const organizationId = await this.adminOrganization(caller);
    return (await this.store.apiKeys.listFor(organizationId)).map(view);
  }

  async revoke(caller: Caller, id: string, context: RequestContext): Promise<void> {
    const organizationId = await this.adminOrganization(caller);
    await this.store.transaction(async (r) => {
      if (!(await r.apiKeys.revoke(id, organizationId, this.clock.now()))) throw new AppError('not_found', 'API_KEY_NOT_FOUND', `No active API key ${id} in your organisation`, { id });
      await recordAudit(r, this.clock, { ...actorOf(caller), organizationId, action: 'api_key.revoke', resourceType: 'api_key', resourceId: id }, context);
    });
  }

  /** The caller a key stands for, or a 401: unknown, revoked, expired, or its maker gone. */
  async authenticate(presented: string): Promise<Caller> {
    const prefix = KEY_FORMAT.exec(presented)?.[1];
    if (!prefix) throw invalidKey();
    const key = await this.store.apiKeys.findByPrefix(prefix);
    const matches = key !== null && timingSafeEqual(Buffer.from(hashToken(presented), 'hex'), Buffer.from(key.secretHash, 'hex'));
    if (!key || !matches || key.revokedAt || (key.expiresAt && key.expiresAt <= this.clock.now()) || !key.createdBy) throw invalidKey();
    const maker = await this.store.users.get(key.createdBy);
    const organization = await this.store.organizations.get(key.organizationId);
    if (maker?.status !== 'active' || organization?.status !== 'active') throw invalidKey();
    return { userId: key.createdBy, organizationId: key.organizationId, role: key.role, sessionId: null, apiKeyId: key.id };
  }
}
