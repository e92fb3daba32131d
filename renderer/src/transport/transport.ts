import type { EventTopic } from '../../../shared/api/events.js';
import type { StreamEvent } from '../../../shared/api/stream.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The live link to the engine's events: open, re-trying after a drop, or given up until the trader retries. */
export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number; maxAttempts: number; retryAt: number }
  | { state: 'failed'; attempts: number };

export interface RequestOptions {
  /** Statuses whose body is the resource itself (e.g. /health answers its report with 503). */
  okStatuses?: readonly number[];
  /** How long to wait for the answer over HTTP, where the default is too short for the work asked (a forecast, a comparison). */
  timeoutMs?: number;
}

/** A file the engine sends as bytes (a model export), with the name it gives it where the transport carries headers. */
export interface DownloadedFile {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string | null;
}

/**
 * How pages reach the engine, whichever way it is connected: IPC through the preload in
 * Electron, HTTP and WebSocket in browser mode. Pages and stores use this interface only.
 */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  /** Resolves with the parsed body, or rejects with an ApiError carrying the engine's envelope. */
  request<T>(method: HttpMethod, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** GETs a file the engine answers with application/octet-stream; a refusal rejects with the ApiError of its envelope, as request does. */
  download(path: string): Promise<DownloadedFile>;
  /** The access token for requests and the event stream; a new one re-authenticates without dropping subscriptions. */
  setAccessToken(token: string | null): void;
  subscribe<T extends EventTopic>(topic: T, onEvent: (event: StreamEvent<T>) => void): () => void;
  connection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Starts over after the stream gave up. */
  retry(): void;
}
