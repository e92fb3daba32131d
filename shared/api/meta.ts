import { Type, type Static } from '@sinclair/typebox';

export const ApiRoot = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    links: Type.Object({
      health: Type.String(),
      openapi: Type.String(),
      docs: Type.String(),
      redoc: Type.String(),
      zones: Type.String(),
    }),
  },
  { title: 'ApiRoot' },
);
export type ApiRoot = Static<typeof ApiRoot>;
