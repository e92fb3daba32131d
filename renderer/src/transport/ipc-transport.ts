import type { OptibidBridge } from '../../../shared/api/ipc.js';
import { ApiError, resultOf } from './api-error.js';
import type { ConnectionState, HttpMethod, RequestOptions, Transport } from './transport.js';

const OPEN: ConnectionState = { state: 'open' };

/**
 * Electron: requests and events go through the preload's bridge into the engine in the main
 * process. There is no network between them, so the connection is always open.
 */
export function createIpcTransport(bridge: OptibidBridge): Transport {
  return {
    kind: 'ipc',
    async request<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      let response;
      try {
        response = await bridge.request(method, path, body);
      } catch {
        throw new ApiError('The desktop shell did not pass the request on; restart the terminal', 'IPC_FAILED', null);
      }
      return resultOf(path, response.status, response.body, options.okStatuses ?? []) as T;
    },
    setAccessToken: (token) => bridge.authenticate(token),
    subscribe: (topic, onEvent) => bridge.subscribe(topic, onEvent),
    connection: () => OPEN,
    onConnectionChange: () => () => undefined,
    retry: () => undefined,
  };
}
