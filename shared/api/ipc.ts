import { Type, type Static } from '@sinclair/typebox';

/**
 * The one request shape the preload forwards to the main process. The main process checks it
 * and dispatches it into the engine's own route table, so validation, authentication and
 * errors are exactly those of HTTP.
 */
export const IpcRequest = Type.Object(
  {
    method: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PUT'), Type.Literal('DELETE')]),
    // The API and health only: no other path, no scheme or host, no way out of the route table.
    path: Type.String({ pattern: '^/(api/[A-Za-z0-9._~!$&\'()*+,;=:@%/?-]*|health)$', maxLength: 2048 }),
    body: Type.Optional(Type.Unknown()),
    accessToken: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: false, title: 'IpcRequest' },
);
export type IpcRequest = Static<typeof IpcRequest>;

export interface IpcResponse {
  status: number;
  body: unknown;
}
