import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';

/** Who is asking, for sessions and the audit log. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditFacts {
  /** Defaults to 'user' when there is an actor, 'system' when there is none. */
  actorKind?: 'user' | 'api_key' | 'system';
  actorId: string | null;
  organizationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Appends one audit row, inside the caller's transaction (`r` is bound to it), or holds it for the transaction's batch. */
export async function recordAudit(r: Pick<Repositories, 'audit'>, clock: Clock, facts: AuditFacts, context: RequestContext): Promise<void> {
  await r.audit.write({
    id: randomUUID(),
    occurredAt: clock.now(),
    actorKind: facts.actorKind ?? (facts.actorId ? 'user' : 'system'),
    actorId: facts.actorId,
    organizationId: facts.organizationId,
    action: facts.action,
    resourceType: facts.resourceType,
    resourceId: facts.resourceId,
    before: facts.before ?? null,
    after: facts.after ?? null,
    requestId: context.requestId,
    ip: context.ip,
  });
}
