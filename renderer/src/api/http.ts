import type { ErrorEnvelope } from '../../../shared/api/errors.js';

/** A failed request, carrying the engine's own message and code when it sent the error envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly code: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

// The engine answers from memory or a local file, so a slow answer means it is stuck.
const REQUEST_TIMEOUT_MS = 4000;

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && 'code' in error && typeof error.code === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

export interface GetJsonOptions {
  /** Aborted by the caller when the answer is no longer wanted; the promise then rejects quietly. */
  signal?: AbortSignal;
  /** Statuses whose body is the resource itself (e.g. /health answers its report with 503). */
  okStatuses?: readonly number[];
}

/**
 * GET a JSON resource of the engine. Every failure becomes an ApiError whose message a person
 * can act on: the envelope's message, or what went wrong on the way (no answer, wrong format).
 */
export async function getJson<T>(path: string, { signal, okStatuses = [200] }: GetJsonOptions = {}): Promise<T> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    // The engine answers GET / with the page itself unless JSON is asked for.
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) throw new ApiError(`The engine did not answer ${path} within ${REQUEST_TIMEOUT_MS / 1000} s`, 'TIMEOUT', null);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(`Cannot reach the engine for ${path}: ${reason}`, 'NETWORK_ERROR', null);
  }
  const body = await readJson(response);
  if (okStatuses.includes(response.status)) {
    if (body === undefined) throw new ApiError(`The engine answered ${path} with something other than JSON`, 'NOT_JSON', response.status);
    return body as T;
  }
  if (isErrorEnvelope(body)) throw new ApiError(body.error.message, body.error.code, response.status);
  throw new ApiError(`The engine answered ${path} with HTTP ${response.status}`, `HTTP_${response.status}`, response.status);
}
