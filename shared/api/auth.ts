import { Type, type Static } from '@sinclair/typebox';

const Email = Type.String({ format: 'email', maxLength: 254, description: 'Sign-in email (case-insensitive)' });
// The policy (length, common passwords, ...) is checked by the service with clear messages;
// the schema only bounds the size so nothing huge is hashed.
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const RegisterBody = Type.Object(
  { email: Email, password: Password, displayName: Name, organizationName: Type.Optional(Name) },
  { additionalProperties: false, title: 'RegisterBody' },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false, title: 'LoginBody' });
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false, title: 'RefreshBody' });
export type RefreshBody = Static<typeof RefreshBody>;

/** Roles in an organisation, most powerful first. */
export const RoleName = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('trader'), Type.Literal('analyst'), Type.Literal('viewer')]);
export type Role = Static<typeof RoleName>;

export const UserProfile = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    isPlatformAdmin: Type.Boolean(),
    currentOrganizationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    memberships: Type.Array(Type.Object({ organizationId: Type.String({ format: 'uuid' }), organizationName: Type.String(), role: RoleName })),
  },
  { title: 'UserProfile' },
);
export type UserProfile = Static<typeof UserProfile>;

export const AuthTokens = Type.Object(
  {
    tokenType: Type.Literal('Bearer'),
    accessToken: Type.String(),
    accessTokenExpiresAt: Type.String({ format: 'date-time' }),
    refreshToken: Type.String({ description: 'Shown once; send it to /api/auth/refresh for a new pair' }),
    refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
    user: UserProfile,
  },
  { title: 'AuthTokens' },
);
export type AuthTokens = Static<typeof AuthTokens>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false, title: 'ChangePasswordBody' });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false, title: 'PasswordResetRequestBody' });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

export const PasswordResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false, title: 'PasswordResetConfirmBody' },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const Accepted = Type.Object({ message: Type.String() }, { title: 'Accepted' });

export const SessionInfo = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    current: Type.Boolean({ description: 'The session of the token making this request' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    expiresAt: Type.String({ format: 'date-time' }),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'SessionInfo' },
);
export type SessionInfo = Static<typeof SessionInfo>;
export const SessionList = Type.Object({ sessions: Type.Array(SessionInfo) }, { title: 'SessionList' });
export type SessionList = Static<typeof SessionList>;
export const SessionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const SwitchOrganizationBody = Type.Object({ organizationId: Type.String({ format: 'uuid' }) }, { additionalProperties: false, title: 'SwitchOrganizationBody' });
export type SwitchOrganizationBody = Static<typeof SwitchOrganizationBody>;

export const AccessTokenGrant = Type.Object(
  { tokenType: Type.Literal('Bearer'), accessToken: Type.String(), accessTokenExpiresAt: Type.String({ format: 'date-time' }), user: UserProfile },
  { title: 'AccessTokenGrant', description: 'A new access token for the same session; the refresh token stays as it was' },
);
export type AccessTokenGrant = Static<typeof AccessTokenGrant>;
