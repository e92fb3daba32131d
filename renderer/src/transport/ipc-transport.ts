import type { IpcResponse, OptibidBridge } from '../../../shared/api/ipc.js';
import { ApiError, resultOf } from './api-error.js';
import type { ConnectionState, DownloadedFile, HttpMethod, RequestOptions, Transport } from './transport.js';

const OPEN: ConnectionState = { state: 'open' };

/**
 * Electron: requests and events go through the preload's bridge into the engine in the main
 * process. There is no network between them, so the connection is always open.
 */
export function createIpcTransport(bridge: OptibidBridge): Transport {
  const send = async (method: HttpMethod, path: string, body: unknown): Promise<IpcResponse> => {
    try {
      return await bridge.request(method, path, body);
    } catch {
      throw new ApiError('The desktop shell did not pass the request on; restart the terminal', 'IPC_FAILED', null);
    }
  };
  return {
    kind: 'ipc',
    async request<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      const response = await send(method, path, body);
      return resultOf(path, response.status, response.body, options.okStatuses ?? []) as T;
    },
    async download(path: string): Promise<DownloadedFile> {
      const response = await send('GET', path, undefined);
      const bytes = resultOf(path, response.status, response.body, []);
      // The main process passes a file's bytes as they are (request-dispatch); anything else is not a file.
      if (!(bytes instanceof Uint8Array)) throw new ApiError(`The engine answered ${path} with something other than a file`, 'NOT_A_FILE', response.status);
      return { bytes: new Uint8Array(bytes), fileName: null };
    },
    setAccessToken: (token) => bridge.authenticate(token),
    subscribe: (topic, onEvent) => bridge.subscribe(topic, onEvent),
    connection: () => OPEN,
    onConnectionChange: () => () => undefined,
    retry: () => undefined,
  };
}
