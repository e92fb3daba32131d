import { STREAM_PATH } from '../../../shared/api/stream.js';
import { ApiError, resultOf } from './api-error.js';
import { StreamSocket } from './stream-socket.js';
import type { DownloadedFile, HttpMethod, RequestOptions, Transport } from './transport.js';

// The engine answers from memory or a local file; a slow answer means it is stuck or gone.
const REQUEST_TIMEOUT_MS = 8000;

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** The file name of a Content-Disposition header (`attachment; filename="x"`), if it gives one. */
const fileNameOf = (disposition: string | null): string | null => (disposition ? (/filename="([^"]+)"/.exec(disposition)?.[1] ?? null) : null);

/** Browser mode: the page is served by the engine, so the API and the stream are on its own origin. */
export function createHttpTransport(origin: string = window.location.origin): Transport {
  let token: string | null = null;
  const stream = new StreamSocket(`${origin.replace(/^http/, 'ws')}${STREAM_PATH}`);

  /** One request with the session's token, its failures to reach the engine as ApiErrors. */
  const send = async (path: string, init: { method: HttpMethod; headers: Record<string, string>; body?: string }, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Response> => {
    const headers = token ? { ...init.headers, authorization: `Bearer ${token}` } : init.headers;
    try {
      return await fetch(`${origin}${path}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') throw new ApiError(`The engine did not answer within ${String(timeoutMs / 1000)} s`, 'TIMEOUT', null);
      throw new ApiError('Cannot reach the engine: is the terminal still running?', 'NETWORK_ERROR', null);
    }
  };

  return {
    kind: 'http',
    async request<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, options.timeoutMs);
      const parsed = await readJson(response);
      if (parsed === undefined && response.ok) throw new ApiError(`The engine answered ${path} with something other than JSON`, 'NOT_JSON', response.status);
      return resultOf(path, response.status, parsed, options.okStatuses ?? []) as T;
    },
    async download(path: string): Promise<DownloadedFile> {
      const response = await send(path, { method: 'GET', headers: { accept: 'application/octet-stream, application/json' } });
      if (!response.ok) resultOf(path, response.status, await readJson(response), []);
      return { bytes: new Uint8Array(await response.arrayBuffer()), fileName: fileNameOf(response.headers.get('content-disposition')) };
    },
    setAccessToken(next) {
      token = next;
      stream.setAccessToken(next);
    },
    subscribe: (topic, onEvent) => stream.listeners.add(topic, onEvent),
    connection: () => stream.connection(),
    onConnectionChange: (listener) => stream.onConnectionChange(listener),
    retry: () => stream.retry(),
  };
}
