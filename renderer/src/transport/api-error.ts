import type { ErrorEnvelope } from '../../../shared/api/errors.js';

/** A failed request, carrying the engine's own message, code and field errors when it sent the envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly code: string,
    readonly status: number | null,
    readonly details: ErrorEnvelope['error']['details'] = null,
  ) {
    super(message);
  }

  /** The message of the field error for `field` (e.g. "body.newPassword"), if the engine named it. */
  fieldMessage(field: string): string | null {
    return Array.isArray(this.details) ? (this.details.find((detail) => detail.field === field)?.message ?? null) : null;
  }
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && 'code' in error && typeof error.code === 'string';
}

/** The body of a successful answer, or the ApiError a failed one means; shared by both transports. */
export function resultOf(path: string, status: number, body: unknown, okStatuses: readonly number[]): unknown {
  if (okStatuses.includes(status) || (okStatuses.length === 0 && status >= 200 && status < 300)) return body;
  if (isErrorEnvelope(body)) return throwError(new ApiError(body.error.message, body.error.code, status, body.error.details));
  return throwError(new ApiError(`The engine answered ${path} with HTTP ${status}`, `HTTP_${status}`, status));
}

const throwError = (error: ApiError): never => {
  throw error;
};

/** A message a person can act on, whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
