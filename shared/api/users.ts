import { Type, type Static } from '@sinclair/typebox';
import { RoleName } from './auth.js';

export const OrganizationUser = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    role: RoleName,
  },
  { title: 'OrganizationUser', description: 'A user of the caller’s current organisation, with their role in it' },
);
export type OrganizationUser = Static<typeof OrganizationUser>;
export const OrganizationUserList = Type.Object({ users: Type.Array(OrganizationUser) }, { title: 'OrganizationUserList' });
export type OrganizationUserList = Static<typeof OrganizationUserList>;
export const UpdateUserBody = Type.Object({ displayName: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false, title: 'UpdateUserBody' });
export type UpdateUserBody = Static<typeof UpdateUserBody>;
export const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
