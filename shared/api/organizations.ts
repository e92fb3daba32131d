import { Type, type Static } from '@sinclair/typebox';
import { RoleName } from './auth.js';

const Uuid = Type.String({ format: 'uuid' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const Organization = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    slug: Type.String(),
    defaultCurrency: Type.String({ pattern: '^[A-Z]{3}$' }),
    role: RoleName,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Organization', description: 'An organisation, with the caller’s role in it' },
);
export type Organization = Static<typeof Organization>;
export const OrganizationList = Type.Object({ organizations: Type.Array(Organization) }, { title: 'OrganizationList' });
export type OrganizationList = Static<typeof OrganizationList>;

export const CreateOrganizationBody = Type.Object(
  { name: Name, defaultCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })) },
  { additionalProperties: false, title: 'CreateOrganizationBody' },
);
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;
export const UpdateOrganizationBody = Type.Object({ name: Name }, { additionalProperties: false, title: 'UpdateOrganizationBody' });
export type UpdateOrganizationBody = Static<typeof UpdateOrganizationBody>;

export const Member = Type.Object(
  { userId: Uuid, email: Type.String(), displayName: Type.String(), role: RoleName, since: Type.String({ format: 'date-time' }) },
  { title: 'Member' },
);
export type Member = Static<typeof Member>;
export const MemberList = Type.Object({ members: Type.Array(Member) }, { title: 'MemberList' });
export type MemberList = Static<typeof MemberList>;
export const AddMemberBody = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), role: RoleName }, { additionalProperties: false, title: 'AddMemberBody' });
export type AddMemberBody = Static<typeof AddMemberBody>;
export const ChangeRoleBody = Type.Object({ role: RoleName }, { additionalProperties: false, title: 'ChangeRoleBody' });
export type ChangeRoleBody = Static<typeof ChangeRoleBody>;

export const OrganizationParams = Type.Object({ id: Uuid });

/** The organisation's settings, each at its own route: GET|PUT /api/bid-warning-thresholds and /api/trading-day. */
export const OrganizationSettingKey = Type.Union([Type.Literal('bidWarningThresholds'), Type.Literal('tradingDay')]);
export type OrganizationSettingKey = Static<typeof OrganizationSettingKey>;

/**
 * The `organization-setting` event: an owner or admin changed a setting of the organisation, so
 * its open terminals read it again through its route (and recompute what depends on it).
 */
export const OrganizationSettingChange = Type.Object(
  { organizationId: Uuid, setting: OrganizationSettingKey, at: Type.String({ format: 'date-time' }) },
  { title: 'OrganizationSettingChange' },
);
export type OrganizationSettingChange = Static<typeof OrganizationSettingChange>;
export const MemberParams = Type.Object({ id: Uuid, userId: Uuid });
