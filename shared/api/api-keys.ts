import { Type, type Static } from '@sinclair/typebox';
import { RoleName } from './auth.js';

const Instant = Type.String({ format: 'date-time' });

export const ApiKey = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String({ description: 'The visible start of the key, to recognise it' }),
    role: RoleName,
    createdAt: Instant,
    expiresAt: Type.Union([Instant, Type.Null()]),
    revokedAt: Type.Union([Instant, Type.Null()]),
  },
  { title: 'ApiKey' },
);
export type ApiKey = Static<typeof ApiKey>;
export const ApiKeyList = Type.Object({ apiKeys: Type.Array(ApiKey) }, { title: 'ApiKeyList' });
export type ApiKeyList = Static<typeof ApiKeyList>;
export const CreatedApiKey = Type.Intersect([ApiKey, Type.Object({ key: Type.String({ description: 'The secret, shown this once: send it as X-API-Key or Authorization: Bearer' }) })], {
  title: 'CreatedApiKey',
});
export type CreatedApiKey = Static<typeof CreatedApiKey>;
export const CreateApiKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), role: RoleName, expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) },
  { additionalProperties: false, title: 'CreateApiKeyBody' },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;
export const ApiKeyParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
