import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/api/auth.js';
import type { AddMemberBody, CreateOrganizationBody, Member, Organization } from '../../../shared/api/organizations.js';
import { hasRole } from '../../../shared/auth/roles.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';
import type { OrganizationRecord } from '../db/repositories/organization-repository.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';

const notFound = (id: string): AppError => new AppError('not_found', 'ORGANIZATION_NOT_FOUND', `No organisation ${id} of yours`, { id });
const forbidden = (needed: Role): AppError => new AppError('authorization_error', 'ROLE_REQUIRED', `This needs the ${needed} role or higher in the organisation`, { role: needed });
const lastOwner = (): AppError => new AppError('conflict', 'LAST_OWNER', 'An organisation needs an owner: make someone else owner first');

function slugFor(name: string): string {
  const base = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'org';
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/** Creates an organisation owned by `ownerId`, inside the caller's transaction (`r`). */
export async function createOrganization(
  r: Repositories,
  clock: Clock,
  ownerId: string,
  body: CreateOrganizationBody,
  context: RequestContext,
): Promise<OrganizationRecord> {
  const now = clock.now();
  const organization = await r.organizations.insert({ id: randomUUID(), name: body.name.trim(), slug: slugFor(body.name), defaultCurrency: body.defaultCurrency ?? 'EUR', createdAt: now });
  await r.organizations.addMember(organization.id, ownerId, 'owner', now);
  await recordAudit(r, clock, { actorId: ownerId, organizationId: organization.id, action: 'organization.create', resourceType: 'organization', resourceId: organization.id, after: { name: organization.name, slug: organization.slug } }, context);
  return organization;
}

const view = (organization: OrganizationRecord, role: Role): Organization => ({
  id: organization.id,
  name: organization.name,
  slug: organization.slug,
  defaultCurrency: organization.defaultCurrency,
  role,
  createdAt: organization.createdAt.toISOString(),
});

/**
 * Organisations and their members. Everything is scoped to the caller's memberships: an
 * organisation the caller is not in answers "not found", never "forbidden", so ids of other
 * organisations reveal nothing. Roles are read from the database on every write (a token's
 * role may be up to 15 minutes old).
 */
export class OrganizationService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private async roleIn(claims: Caller, organizationId: string, atLeast: Role = 'viewer'): Promise<Role> {
    const role = await this.store.organizations.roleOf(claims.userId, organizationId);
    if (!role) throw notFound(organizationId);
    if (!hasRole(role, atLeast)) throw forbidden(atLeast);
    return role;
  }

  async list(claims: Caller): Promise<Organization[]> {
    const memberships = await this.store.organizations.membershipsOf(claims.userId);
    const organizations = await Promise.all(memberships.map(async (m) => ({ m, o: await this.store.organizations.get(m.organizationId) })));
    return organizations.flatMap(({ m, o }) => (o ? [view(o, m.role)] : []));
  }

  async get(claims: Caller, id: string): Promise<Organization> {
    const role = await this.roleIn(claims, id);
    const organization = await this.store.organizations.get(id);
    if (!organization) throw notFound(id);
    return view(organization, role);
  }

  async create(claims: Caller, body: CreateOrganizationBody, context: RequestContext): Promise<Organization> {
    return view(await this.store.transaction((r) => createOrganization(r, this.clock, claims.userId, body, context)), 'owner');
  }

  async rename(claims: Caller, id: string, name: string, context: RequestContext): Promise<Organization> {
    const role = await this.roleIn(claims, id, 'admin');
    return this.store.transaction(async (r) => {
      const before = await r.organizations.get(id);
      if (!before) throw notFound(id);
      await r.organizations.rename(id, name.trim(), this.clock.now());
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: id, action: 'organization.update', resourceType: 'organization', resourceId: id, before: { name: before.name }, after: { name: name.trim() } }, context);
      return view({ ...before, name: name.trim() }, role);
    });
  }

  async remove(claims: Caller, id: string, context: RequestContext): Promise<void> {
    await this.roleIn(claims, id, 'owner');
    await this.store.transaction(async (r) => {
      await r.organizations.markDeleted(id, this.clock.now());
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: id, action: 'organization.delete', resourceType: 'organization', resourceId: id }, context);
    });
  }

  async members(claims: Caller, id: string): Promise<Member[]> {
    await this.roleIn(claims, id);
    return (await this.store.organizations.members(id)).map((m) => ({ ...m, since: m.since.toISOString() }));
  }

  async addMember(claims: Caller, id: string, body: AddMemberBody, context: RequestContext): Promise<Member[]> {
    const role = await this.roleIn(claims, id, 'admin');
    if (body.role === 'owner' && role !== 'owner') throw forbidden('owner');
    const now = this.clock.now();
    await this.store.transaction(async (r) => {
      const user = await r.users.findByEmail(body.email.trim().toLowerCase());
      if (!user || user.status !== 'active') throw new AppError('not_found', 'USER_NOT_FOUND', `No account for ${body.email}; ask them to register first`, { field: 'body.email' });
      if (await r.organizations.roleOf(user.id, id)) throw new AppError('conflict', 'ALREADY_MEMBER', `${user.email} is a member already`);
      await r.organizations.addMember(id, user.id, body.role, now, claims.userId);
      await r.notifications.insert({ id: randomUUID(), userId: user.id, organizationId: id, kind: 'invitation', severity: 'info', title: 'You were added to an organisation', body: `You are now ${body.role} of an organisation; switch to it from your profile.`, data: { organizationId: id, role: body.role }, createdAt: now });
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: id, action: 'organization.member_add', resourceType: 'user', resourceId: user.id, after: { role: body.role } }, context);
    });
    return this.members(claims, id);
  }

  async changeRole(claims: Caller, id: string, userId: string, role: Role, context: RequestContext): Promise<Member[]> {
    const callerRole = await this.roleIn(claims, id, 'admin');
    await this.store.transaction(async (r) => {
      const current = await r.organizations.roleOf(userId, id);
      if (!current) throw new AppError('not_found', 'MEMBER_NOT_FOUND', `No member ${userId} in this organisation`, { userId });
      // Owners alone make or unmake owners.
      if ((role === 'owner' || current === 'owner') && callerRole !== 'owner') throw forbidden('owner');
      if (current === 'owner' && role !== 'owner' && (await r.organizations.ownerCount(id)) <= 1) throw lastOwner();
      await r.organizations.setRole(id, userId, role, this.clock.now());
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: id, action: 'organization.member_role', resourceType: 'user', resourceId: userId, before: { role: current }, after: { role } }, context);
    });
    return this.members(claims, id);
  }

  /** Admins remove members; anyone may leave. The last owner cannot go. */
  async removeMember(claims: Caller, id: string, userId: string, context: RequestContext): Promise<void> {
    const callerRole = await this.roleIn(claims, id);
    if (userId !== claims.userId && !hasRole(callerRole, 'admin')) throw forbidden('admin');
    await this.store.transaction(async (r) => {
      const current = await r.organizations.roleOf(userId, id);
      if (!current) throw new AppError('not_found', 'MEMBER_NOT_FOUND', `No member ${userId} in this organisation`, { userId });
      if (current === 'owner' && userId !== claims.userId && callerRole !== 'owner') throw forbidden('owner');
      if (current === 'owner' && (await r.organizations.ownerCount(id)) <= 1) throw lastOwner();
      await r.organizations.removeMember(id, userId);
      await recordAudit(r, this.clock, { ...actorOf(claims), organizationId: id, action: 'organization.member_remove', resourceType: 'user', resourceId: userId, before: { role: current } }, context);
    });
  }
}
