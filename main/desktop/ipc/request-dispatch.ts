import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import type { ErrorEnvelope } from '../../../shared/api/errors.js';
import { IpcRequest, type IpcResponse } from '../../../shared/api/ipc.js';
import { packageInfo } from '../../engine/version.js';
import { APP_ORIGIN, isAppPage } from '../app-origin.js';

const DESKTOP_USER_AGENT = `${packageInfo.productName}/${packageInfo.version} (desktop)`;

/** Whether an IPC message comes from the app's own page (not an iframe or a navigated-away frame). */
export const isTrustedSender = (frameUrl: string | undefined): boolean => isAppPage(frameUrl);

const refusal = (status: number, code: string, message: string, details: ErrorEnvelope['error']['details'] = null): IpcResponse => ({
  status,
  body: { error: { code, message, type: status === 403 ? 'authorization_error' : 'validation_error', details } } satisfies ErrorEnvelope,
});

/**
 * Checks an IPC request (sender and shape) and runs it through the engine's Fastify app with
 * `inject`: same routes, schemas, authentication and error envelope as over HTTP.
 */
export async function dispatchIpcRequest(app: FastifyInstance, frameUrl: string | undefined, payload: unknown): Promise<IpcResponse> {
  if (!isTrustedSender(frameUrl)) return refusal(403, 'SENDER_NOT_ALLOWED', 'IPC is accepted from the app’s own page only');
  if (!Value.Check(IpcRequest, payload)) {
    const details = [...Value.Errors(IpcRequest, payload)].slice(0, 10).map((e) => ({ field: `ipc${e.path.replace(/\//g, '.')}`, message: e.message }));
    return refusal(400, 'INVALID_IPC_REQUEST', 'The request is not a valid IPC request', details);
  }
  const response = await app.inject({
    method: payload.method,
    url: payload.path,
    // The engine's own loopback guard sees the app's origin, as for a page it serves.
    headers: {
      host: '127.0.0.1',
      origin: APP_ORIGIN,
      // How the session list names this device (inject would otherwise say "lightMyRequest").
      'user-agent': DESKTOP_USER_AGENT,
      ...(payload.accessToken ? { authorization: `Bearer ${payload.accessToken}` } : {}),
    },
    ...(payload.body === undefined ? {} : { payload: payload.body as object }),
  });
  const type = response.headers['content-type'];
  if (typeof type === 'string' && type.startsWith('application/json')) return { status: response.statusCode, body: response.json() };
  // A file (a model export) crosses as its bytes: read as text it would lose every byte that is not UTF-8.
  if (typeof type === 'string' && type.startsWith('application/octet-stream')) return { status: response.statusCode, body: new Uint8Array(response.rawPayload) };
  return { status: response.statusCode, body: response.body || null };
}
