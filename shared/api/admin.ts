import { Type, type Static } from '@sinclair/typebox';
import { HealthReport } from './health.js';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const Page = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const AdminUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  isPlatformAdmin: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('deleted')]),
  createdAt: Instant,
  lastLoginAt: Type.Union([Instant, Type.Null()]),
});
export const AdminUserList = Type.Object({ users: Type.Array(AdminUser), total: Type.Integer() }, { title: 'AdminUserList' });
export type AdminUserList = Static<typeof AdminUserList>;

export const AdminOrganization = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('deleted')]),
  members: Type.Integer(),
  createdAt: Instant,
});
export const AdminOrganizationList = Type.Object({ organizations: Type.Array(AdminOrganization), total: Type.Integer() }, { title: 'AdminOrganizationList' });
export type AdminOrganizationList = Static<typeof AdminOrganizationList>;

export const SystemHealth = Type.Object(
  {
    health: HealthReport,
    counts: Type.Object({ users: Type.Integer(), organizations: Type.Integer(), activeSessions: Type.Integer(), auditRows: Type.Integer() }),
    versions: Type.Object({ app: Type.String(), node: Type.String(), database: Type.String() }),
  },
  { title: 'SystemHealth' },
);
export type SystemHealth = Static<typeof SystemHealth>;

export const AuditQuery = Type.Object(
  {
    actorId: Type.Optional(Uuid),
    organizationId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    resourceType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    resourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    beforeSeq: Type.Optional(Type.Integer({ minimum: 1, description: 'Page backwards: rows older than this sequence number' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditLogRow = Type.Object({
  seq: Type.Integer(),
  id: Uuid,
  occurredAt: Instant,
  actorKind: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
  actorId: Type.Union([Uuid, Type.Null()]),
  organizationId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  after: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export const AuditLogPage = Type.Object(
  { rows: Type.Array(AuditLogRow), nextBeforeSeq: Type.Union([Type.Integer(), Type.Null()]) },
  { title: 'AuditLogPage' },
);
export type AuditLogPage = Static<typeof AuditLogPage>;

export const AuditVerification = Type.Object(
  {
    valid: Type.Boolean(),
    firstBreak: Type.Union([
      Type.Object({ seq: Type.Integer(), id: Uuid, reason: Type.Union([Type.Literal('content_changed'), Type.Literal('broken_link')]) }),
      Type.Null(),
    ]),
  },
  { title: 'AuditVerification' },
);
export type AuditVerification = Static<typeof AuditVerification>;

export const FeatureFlag = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_.-]{1,99}$', description: 'e.g. ml.training' }),
    organizationId: Type.Union([Uuid, Type.Null()], { description: 'null: the global default' }),
    enabled: Type.Boolean(),
    value: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    description: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    updatedAt: Instant,
  },
  { title: 'FeatureFlag' },
);
export type FeatureFlag = Static<typeof FeatureFlag>;
export const FeatureFlagList = Type.Object({ flags: Type.Array(FeatureFlag) }, { title: 'FeatureFlagList' });
export type FeatureFlagList = Static<typeof FeatureFlagList>;
export const SetFeatureFlagBody = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_.-]{1,99}$' }),
    organizationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    enabled: Type.Boolean(),
    value: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false, title: 'SetFeatureFlagBody' },
);
export type SetFeatureFlagBody = Static<typeof SetFeatureFlagBody>;
